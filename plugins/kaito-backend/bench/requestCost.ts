/* eslint-disable no-console */
/**
 * `yarn bench:requests`: the CPU one API request costs the client, through
 * client-node's typed APIs against the controller's plain JSON path
 * (src/kube/KubeJsonClient.ts), on the same kept-alive connections. A
 * simulator in its own process answers, so only the client's CPU is counted.
 * Prints µs of CPU per request and the ratio; the JSON path should cost at
 * most 0.7× (BENCH_REQUESTS, default 3000, at 16 in flight).
 */
import { CoreV1Api, CoreV1Event, KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { startSimProcess } from './startSimProcess';
import { KubeJsonClient } from '../src/kube/KubeJsonClient';
import { keepConnectionsAlive } from '../src/kube/keepConnectionsAlive';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const IN_FLIGHT = 16;
const TARGET_RATIO = 0.7;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** µs of this process's CPU per call of `request`, `IN_FLIGHT` at a time. */
async function cpuPerRequest(request: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const before = cpuMs();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < REQUESTS) await request(next++);
    }),
  );
  return ((cpuMs() - before) / REQUESTS) * 1000;
}

const service = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', labels: { 'kaito.sh/workspace': 'bench' } },
  spec: { selector: { app: 'bench' }, ports: [{ name: 'http', port: 80, targetPort: 5000, protocol: 'TCP' }] },
});

const event = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'default' },
  involvedObject: { apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', name: 'bench', namespace: 'default' },
  type: 'Normal',
  reason: 'WorkloadCreated',
  message: 'Created Service bench, StatefulSet bench',
  count: 1,
  firstTimestamp: '2026-12-01T08:05:13Z',
  lastTimestamp: '2026-12-01T08:05:13Z',
  source: { component: 'kaito-backstage-controller' },
});

async function main() {
  const sim = await startSimProcess({ tls: false });
  try {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      // client-node speaks plain HTTP only with skipTLSVerify set; there is no TLS here to skip.
      clusters: [{ name: 'sim', server: sim.url, skipTLSVerify: true }],
      users: [{ name: 'sim', token: sim.token }],
      contexts: [{ name: 'sim', cluster: 'sim', user: 'sim' }],
      currentContext: 'sim',
    });
    keepConnectionsAlive(kubeConfig);
    const objects = KubernetesObjectApi.makeApiClient(kubeConfig);
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const json = new KubeJsonClient(kubeConfig);
    const fieldManager = 'bench';
    // Warm both paths (discovery, connections, JIT) before measuring.
    await cpuPerRequest(i => objects.create(service(`warm-${i}`), undefined, undefined, fieldManager));
    await cpuPerRequest(async i => json.request('POST', await json.pathOf(service(`warm-json-${i}`), 'collection'), { query: { fieldManager }, body: service(`warm-json-${i}`) }));

    const rows = [
      {
        what: 'create a Service',
        typed: await cpuPerRequest(i => objects.create(service(`typed-${i}`), undefined, undefined, fieldManager)),
        plain: await cpuPerRequest(async i => json.request('POST', await json.pathOf(service(`json-${i}`), 'collection'), { query: { fieldManager }, body: service(`json-${i}`) })),
      },
      {
        what: 'create an Event',
        typed: await cpuPerRequest(i => core.createNamespacedEvent({ namespace: 'default', body: event(`typed-${i}`) as unknown as CoreV1Event, fieldManager })),
        plain: await cpuPerRequest(i => json.request('POST', '/api/v1/namespaces/default/events', { query: { fieldManager }, body: event(`json-${i}`) })),
      },
    ];
    console.log(`client CPU per API request (${REQUESTS} requests, ${IN_FLIGHT} in flight)\n`);
    console.log('| request | client-node typed API | plain JSON (KubeJsonClient) | ratio | target |');
    console.log('|---|---|---|---|---|');
    for (const { what, typed, plain } of rows) {
      const ratio = plain / typed;
      console.log(`| ${what} | ${typed.toFixed(0)} µs | ${plain.toFixed(0)} µs | ${ratio.toFixed(2)}× | ≤ ${TARGET_RATIO}× ${ratio <= TARGET_RATIO ? 'OK' : 'MISSED'} |`);
    }
  } finally {
    await sim.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
