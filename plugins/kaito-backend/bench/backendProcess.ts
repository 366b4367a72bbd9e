/**
 * The Kaito REST router with the real cluster manager, controller, service
 * and audit store, in its own process for the chat benchmark. Argument: the
 * simulator's JSON `{ url, token }`. Prints `{ port }` once the benchmark
 * workspace is Ready; exits when stdin closes.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import knexFactory from 'knex';
import { ConfigReader } from '@backstage/config';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KubernetesObjectApi } from '@kubernetes/client-node';
import { readKaitoConfig } from '../src/config';
import { ClusterManager } from '../src/cluster/ClusterManager';
import { createReconciler } from '../src/controller/createReconciler';
import { AuditStore } from '../src/database/AuditStore';
import { ChatHistoryStore } from '../src/database/ChatHistoryStore';
import { QuotaStore } from '../src/database/QuotaStore';
import { WorkspaceAccess } from '../src/service/WorkspaceAccess';
import { WorkspaceService } from '../src/service/WorkspaceService';
import { WorkspaceEvents } from '../src/service/WorkspaceEvents';
import { ChatRateLimiter } from '../src/service/rateLimiter';
import { StreamLimiter } from '../src/service/streamLimiter';
import { createRouter } from '../src/service/router';

const silentLogger: any = { info() {}, warn() {}, error() {}, debug() {}, child: () => silentLogger };

async function main() {
  const sim = JSON.parse(process.argv[2]);
  const config = readKaitoConfig(
    new ConfigReader({
      kaito: {
        clusters: [{ name: 'sim', url: sim.url, serviceAccountToken: sim.token, skipTLSVerify: true }],
        controller: { leaderElection: { enabled: false } },
        chat: { requestsPerMinute: 1_000_000, maxConcurrentStreamsPerUser: 1_000, maxTokens: 4096 },
      },
    }),
  );
  const clusters = new ClusterManager({ config, connectors: new Map(), logger: silentLogger, reconcile: c => createReconciler(c, config) });
  clusters.start();
  await clusters.whenReady();
  const cluster = clusters.get('sim')!;
  await KubernetesObjectApi.makeApiClient(cluster.kubeConfig!).create({
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name: 'phi', namespace: 'default' },
    resource: { instanceType: 'Standard_NV36ads_A10_v5', labelSelector: { matchLabels: { apps: 'phi' } } },
    inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
  } as any);
  for (let i = 0; cluster.controller?.cache.get<any>('Workspace', 'phi', 'default')?.status?.state !== 'Ready'; i++) {
    if (i > 600) throw new Error('the benchmark workspace did not become Ready');
    await new Promise(r => setTimeout(r, 50));
  }

  const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  const user = { $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: 'user:default/bench' } };
  const auth = { isPrincipal: (c: any, type: string) => c.principal.type === type } as any;
  // The benchmark only chats: creates (catalog, userInfo, policy conditions) are not measured.
  const access = new WorkspaceAccess({ auth, placement: config.placement, getRuleset: () => ({}) as any } as any);
  const router = await createRouter({
    logger: silentLogger,
    config,
    service: new WorkspaceService(clusters, config, silentLogger, await QuotaStore.fromKnex(knex), access),
    events: new WorkspaceEvents(),
    audit: await AuditStore.fromKnex(knex),
    // The real rate and stream limiters (two upserts and a delete per chat) is part of what a chat costs; the auditor's log lines are not measured.
    chatRateLimiter: new ChatRateLimiter(knex, 1_000_000),
    chatStreamLimiter: new StreamLimiter(knex, 1_000),
    // Each chat appends its turn to the user's history, as in the portal.
    chatHistory: new ChatHistoryStore(knex, config.chat.history),
    auditor: { createEvent: async () => ({ success: async () => undefined, fail: async () => undefined }) },
    // Fixed identity and an allow-all decision: the benchmark measures the proxy, not auth.
    httpAuth: { credentials: async () => user } as any,
    auth,
    permissions: { authorize: async (requests: unknown[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })) } as any,
  });
  const app = express();
  app.use('/api/kaito', router);
  app.use(MiddlewareFactory.create({ config: new ConfigReader({}), logger: silentLogger }).error());
  const server = await new Promise<http.Server>(resolve => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    server.close();
    await clusters.stop();
    await knex.destroy();
    process.exit(0);
  });
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
