import { Probe } from '../api/kubernetes';
import { INFERENCE_CONTAINER_PORT } from './renderServices';

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

/** Probes of a multi-node vLLM pod: Kaito's health-check script against the leader. @internal */
export function multiNodeProbes(
  weightsGiB: number,
  leaderAddress: string,
): { startupProbe: Probe; livenessProbe: Probe; readinessProbe: Probe } {
  const script = (kind: 'liveness' | 'readiness') => ({
    exec: {
      command: [
        'python3',
        '/workspace/vllm/multi-node-health-check.py',
        kind,
        `--leader-address=${leaderAddress}`,
        '--ray-port=6379',
        `--vllm-port=${INFERENCE_CONTAINER_PORT}`,
      ],
    },
  });
  return {
    startupProbe: { ...script('readiness'), periodSeconds: 10, failureThreshold: Math.ceil(readinessTimeoutSeconds(weightsGiB) / 10) },
    livenessProbe: { ...script('liveness'), initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 },
    readinessProbe: { ...script('readiness'), initialDelaySeconds: 30, periodSeconds: 10 },
  };
}
