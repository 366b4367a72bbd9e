import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import type { ClusterSimulatorOptions } from '@kaito-backstage/cluster-sim';

/**
 * Runs a bench script in a child process; resolves with its first JSON line.
 * KAITO_BENCH_PROFILE=<script> writes a CPU profile of that process to /tmp/kaito-prof.
 */
async function startProcess<T>(script: string, arg: string) {
  const profile = process.env.KAITO_BENCH_PROFILE === basename(script) ? ['--cpu-prof', '--cpu-prof-dir=/tmp/kaito-prof'] : [];
  const child = spawn(process.execPath, [...profile, '--require', '@backstage/cli/config/nodeTransform.cjs', join(__dirname, script), arg], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const info = await new Promise<T>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const line = out.indexOf('\n');
      if (line >= 0) resolve(JSON.parse(out.slice(0, line)));
    });
    child.once('exit', code => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    ...info,
    pid: child.pid!,
    stop: () =>
      new Promise<void>(resolve => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

/** A cluster simulator in a child process. */
export function startSimProcess(options: ClusterSimulatorOptions) {
  return startProcess<{ url: string; token: string; kubeconfig: string }>('simProcess.ts', JSON.stringify(options));
}

/** The Kaito REST router against that simulator, in a child process. */
export function startBackendProcess(sim: { url: string; token: string }) {
  return startProcess<{ port: number }>('backendProcess.ts', JSON.stringify({ url: sim.url, token: sim.token }));
}

/**
 * The portal with its permission framework: the Kaito plugin in a Backstage backend with the
 * permission backend, the shipped policy and the real httpAuth (packages/backend/bench/policyBackendProcess.ts).
 */
export function startPolicyBackendProcess(sim: { url: string; token: string }) {
  return startProcess<{ port: number }>('../../../packages/backend/bench/policyBackendProcess.ts', JSON.stringify({ url: sim.url, token: sim.token }));
}

/** A bare Node relay to one upstream URL (bareRelayProcess.ts): the floor any relay adds. */
export function startBareRelayProcess(upstream: { url: string; token: string }) {
  return startProcess<{ port: number }>('bareRelayProcess.ts', JSON.stringify(upstream));
}
