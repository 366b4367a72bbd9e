/**
 * The chat benchmark's portal with its permission framework (bench:chat in
 * plugins/kaito-backend): the Kaito plugin in a Backstage backend with the
 * real permission backend and client, the shipped policy in `teams` mode and
 * the real httpAuth (as packages/backend's integration tests run it), and
 * Backstage's own auth service: each request's user token is a JWT the auth
 * backend signed, verified against its published keys, on the simulator in
 * the argument `{ url, token }`. Each bench user (`user:default/bench-<i>`,
 * whose token `GET /api/auth/test/refresh?user=bench-<i>` gives: see
 * src/__testUtils__/testSignIn.ts) is a member of `group:default/bench-team`, which owns the
 * workspace `default/phi` made here. Prints `{ port }` once it is Ready;
 * exits when stdin closes.
 */
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { KaitoAnnotations } from '@kaito-backstage/plugin-kaito-common';
import { groupEntity, productionPolicyFeatures, REAL_AUTH_CONFIG, teamsPolicyConfig } from '../src/__testUtils__/productionPolicyBackend';
import { signInAs } from '../src/__testUtils__/testSignIn';

const TEAM = 'group:default/bench-team';
/** Enough users for bench:chat at --streams up to 1,000 (its unseen users start at bench-<max(500, streams)> and take 3 × streams). */
const USERS = 4000;

/** POSTs an object to the simulator with its admin token; its certificate is its own, self-signed. */
function createOnSimulator(sim: { url: string; token: string }, path: string, object: object): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(object);
  return new Promise((resolve, reject) => {
    const url = new URL(path, sim.url);
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        rejectUnauthorized: false,
        headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      res => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function main() {
  const sim = JSON.parse(process.argv[2]) as { url: string; token: string };
  const members = Object.fromEntries(Array.from({ length: USERS }, (_, i) => [`user:default/bench-${i}`, [TEAM]]));
  const backend = await startTestBackend({
    features: [
      ...productionPolicyFeatures({ entities: [groupEntity('bench-team')], members, auth: 'real' }),
      mockServices.rootLogger.factory({ level: 'error' }),
      mockServices.rootConfig.factory({
        data: {
          ...REAL_AUTH_CONFIG,
          ...teamsPolicyConfig({ sim, kaito: { chat: { requestsPerMinute: 1_000_000, maxConcurrentStreamsPerUser: 1_000, maxTokens: 4096 } } }),
        },
      }),
    ],
  });
  const workspace = {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name: 'phi', namespace: 'default', annotations: { [KaitoAnnotations.backstageOwner]: TEAM } },
    resource: { instanceType: 'Standard_NV36ads_A10_v5', labelSelector: { matchLabels: { apps: 'phi' } } },
    inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
  };
  const created = await createOnSimulator(sim, '/apis/kaito.sh/v1beta1/namespaces/default/workspaces', workspace);
  // 409: bench:chat's router-only backend made it already.
  if (created.status !== 201 && created.status !== 409) throw new Error(`workspace default/phi: ${created.status} ${created.text}`);
  const port = (backend.server.address() as AddressInfo).port;
  const admin = { Authorization: `Bearer ${await signInAs(`http://127.0.0.1:${port}`, 'bench-0')}` };
  for (let i = 0; ; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/api/kaito/clusters`, { headers: admin });
    const cluster = res.ok ? (await res.json()).items?.[0] : undefined;
    if (cluster && !cluster.error) break;
    if (i > 600) throw new Error(`the simulator did not connect: ${JSON.stringify(cluster)}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  for (let i = 0; ; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/api/kaito/workspaces/sim/default/phi`, { headers: admin });
    if (res.ok && (await res.json()).state === 'Ready') break;
    if (i > 600) throw new Error(`the benchmark workspace did not become Ready (last answer HTTP ${res.status})`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await backend.stop();
    process.exit(0);
  });
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
