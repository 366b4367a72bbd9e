/*
 * Prints the simulator's write throughput, list latency and watch latency with 10,000 objects,
 * over HTTPS with keep-alive (as clients use it), or plain HTTP with --no-tls.
 */
import http from 'node:http';
import https from 'node:https';
import { startClusterSimulator } from '../src';

const OBJECTS = 10_000;
const CONCURRENCY = 32;

async function main() {
  const tls = !process.argv.includes('--no-tls');
  const sim = await startClusterSimulator({ installCrds: false, tls });
  const transport = tls ? https : http;
  const ca = sim.caData ? Buffer.from(sim.caData, 'base64') : undefined;
  const agent = tls ? new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca }) : new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const { port } = new URL(sim.url);
  const request = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = transport.request(
        { host: '127.0.0.1', port, method, path, agent, headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' } },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < OBJECTS) {
        const i = next++;
        const res = await request('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: `bench-${i}`, labels: { bench: String(i % 10) } }, data: { i: String(i) } });
        if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
      }
    }),
  );
  const writeSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const timeList = async (path: string, runs = 10) => {
    const samples: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = process.hrtime.bigint();
      const res = await request('GET', path);
      if (res.status !== 200) throw new Error(`list failed: ${res.status}`);
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)];
  };
  const listAll = await timeList('/api/v1/namespaces/default/configmaps');
  const listSelected = await timeList('/api/v1/namespaces/default/configmaps?labelSelector=bench%3D3');
  const listPage = await timeList('/api/v1/namespaces/default/configmaps?limit=500');

  // Watch latency: time from the create request being sent to its event arriving on a watch.
  const latencies: number[] = [];
  const sent = new Map<string, bigint>();
  await new Promise<void>((resolve, reject) => {
    const rv = String(sim.store.resourceVersion);
    const req = transport.request(
      { host: '127.0.0.1', port, ca, path: `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`, headers: { Authorization: `Bearer ${sim.token}` } },
      res => {
        let buffer = '';
        res.on('data', chunk => {
          buffer += chunk;
          for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
            const event = JSON.parse(buffer.slice(0, newline));
            buffer = buffer.slice(newline + 1);
            const t0 = sent.get(event.object.metadata.name);
            if (t0 !== undefined) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            if (latencies.length === 200) {
              req.destroy();
              resolve();
            }
          }
        });
      },
    );
    req.on('error', error => (latencies.length >= 200 ? resolve() : reject(error)));
    req.end();
    setTimeout(async () => {
      for (let i = 0; i < 200; i++) {
        const name = `watched-${i}`;
        sent.set(name, process.hrtime.bigint());
        await request('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name } });
      }
    }, 100);
  });
  latencies.sort((a, b) => a - b);

  console.log(`objects: ${OBJECTS} configmaps, ${CONCURRENCY} concurrent keep-alive clients over ${tls ? 'HTTPS' : 'plain HTTP'}`);
  console.log(`writes/s: ${(OBJECTS / writeSeconds).toFixed(0)}`);
  console.log(`list all (10,000) median ms: ${listAll.toFixed(1)}`);
  console.log(`list with label selector (1,000 of 10,000) median ms: ${listSelected.toFixed(1)}`);
  console.log(`list page of 500 median ms: ${listPage.toFixed(1)}`);
  console.log(`watch latency ms: p50 ${latencies[Math.floor(latencies.length * 0.5)].toFixed(2)}, p99 ${latencies[Math.floor(latencies.length * 0.99)].toFixed(2)}`);
  agent.destroy();
  await sim.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
