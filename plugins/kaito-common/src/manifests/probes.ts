import { Probe } from '../api/kubernetes';
import { formatFlags, shellCommand } from './commandLine';
import { INFERENCE_CONTAINER_PORT } from './renderServices';

/** Port of the Ray head on the leader pod. */
const RAY_PORT = 6379;

const MINUTE = 60;

/**
 * Seconds Kaito waits for a model to become ready: 15 min + 18 s per GiB of weights,
 * clamped to [30, 180] minutes.
 *
 * @public
 */
export function readinessTimeoutSeconds(weightsGiB: number): number {
  const seconds = 15 * MINUTE + 18 * weightsGiB;
  return Math.min(180 * MINUTE, Math.max(30 * MINUTE, Math.round(seconds)));
}

/** Probes of a single-node inference pod. @internal */
export function singleNodeProbes(weightsGiB: number): { startupProbe: Probe; livenessProbe: Probe; readinessProbe: Probe } {
  const httpGet = { path: '/health', port: INFERENCE_CONTAINER_PORT, scheme: 'HTTP' };
  return {
    startupProbe: {
      httpGet,
      periodSeconds: 10,
      failureThreshold: Math.ceil(readinessTimeoutSeconds(weightsGiB) / 10),
    },
    livenessProbe: { httpGet, initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 },
    readinessProbe: { httpGet, initialDelaySeconds: 30, periodSeconds: 10 },
  };
}

/**
 * Probes of a multi-node vLLM pod (Kaito v0.12): only the leader serves `/health`, so every
 * pod runs Kaito's health-check script through a shell — liveness against the Ray port
 * (after 60 s, one failure restarts, 5 s timeout, 1 s grace), readiness and startup
 * against the leader's vLLM port (1 s timeout, one failure; startup over the readiness
 * timeout).
 *
 * @internal
 */
export function multiNodeProbes(
  weightsGiB: number,
  leaderAddress: string,
): { startupProbe: Probe; livenessProbe: Probe; readinessProbe: Probe } {
  const healthCheck = (kind: 'liveness' | 'readiness') => {
    const target: Record<string, string> =
      kind === 'liveness' ? { 'ray-port': String(RAY_PORT) } : { 'vllm-port': String(INFERENCE_CONTAINER_PORT) };
    return { exec: { command: shellCommand(`python3 /workspace/vllm/multi-node-health-check.py ${kind} ${formatFlags({ 'leader-address': leaderAddress, ...target })}`) } };
  };
  return {
    startupProbe: {
      ...healthCheck('readiness'),
      initialDelaySeconds: 0,
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: Math.ceil(readinessTimeoutSeconds(weightsGiB) / 10),
    },
    livenessProbe: {
      ...healthCheck('liveness'),
      initialDelaySeconds: 60,
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 1,
      terminationGracePeriodSeconds: 1,
    },
    readinessProbe: { ...healthCheck('readiness'), initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 1 },
  };
}

/**
 * The startup probe of a vLLM preset pod that runs Kaito v0.12's post-load benchmark (on
 * unless `kaito.sh/disable-benchmark: "true"`): the benchmark entrypoint, every 10 s, 600 s
 * per try (the benchmark's length and a buffer), over the readiness timeout. On several nodes
 * only the leader (`POD_INDEX` 0) benchmarks; the workers pass at once.
 *
 * @internal
 */
export function benchmarkStartupProbe(weightsGiB: number, distributed: boolean): Probe {
  const entrypoint = 'python3 /workspace/vllm/benchmark_entrypoint.py';
  return {
    exec: {
      command: distributed
        ? shellCommand(`if [ "$POD_INDEX" = "0" ]; then ${entrypoint}; else true; fi`)
        : ['python3', '/workspace/vllm/benchmark_entrypoint.py'],
    },
    periodSeconds: 10,
    timeoutSeconds: 600,
    failureThreshold: Math.ceil(readinessTimeoutSeconds(weightsGiB) / 10),
  };
}
