/**
 * The Kaito REST router with the real cluster manager, controller, service
 * and audit store, in its own process for the chat benchmark. Argument: the
 * simulator's JSON `{ url, token }`. Prints `{ port }` once the benchmark
 * workspace is Ready; exits when stdin closes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import express from 'express';
import { benchHttpAuth } from './benchUser';
import knexFactory from 'knex';
import { ConfigReader } from '@backstage/config';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KubernetesObjectApi } from '@kubernetes/client-node';
import { KaitoAnnotations } from '@kaito-backstage/plugin-kaito-common';
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

/** The chat being traced (KAITO_BENCH_TIMELINE): its steps, in ms since it arrived. */
const currentChat = new AsyncLocalStorage<Record<string, number>>();
const mark = (step: string) => {
  const chat = currentChat.getStore();
  if (chat && chat[step] === undefined) chat[step] = performance.now() - chat.arrived;
};

/** Marks when a method of a store or limiter is called and when it settles. */
function traced<T extends object>(target: T, method: keyof T & string): T {
  if (!process.env.KAITO_BENCH_TIMELINE) return target;
  const original = (target as any)[method].bind(target);
  (target as any)[method] = async (...args: unknown[]) => {
    mark(`${method} called`);
    try {
      return await original(...args);
    } finally {
      mark(`${method} settled`);
    }
  };
  return target;
}

/** Records each chat's steps: arrival, the limiter and audit calls, the upstream request, the first relayed chunk. */
function traceChats(app: express.Express, timelines: Array<Record<string, number>>) {
  const request = https.request;
  (https as any).request = (...args: any[]) => {
    mark('upstream request');
    const chat = currentChat.getStore();
    const upstream = (request as any)(...args);
    upstream.once('socket', () => {
      if (!chat) return;
      chat['upstream socket'] ??= performance.now() - chat.arrived;
      // 1 when the request went on a kept-alive connection, 0 when it opened a new one.
      chat['upstream socket reused'] ??= upstream.reusedSocket ? 1 : 0;
    });
    upstream.once('response', (response: http.IncomingMessage) => {
      if (chat) chat['upstream response'] ??= performance.now() - chat.arrived;
      response.once('data', () => chat && (chat['upstream first data'] ??= performance.now() - chat.arrived));
    });
    return upstream;
  };
  app.use((req, res, next) => {
    if (!req.path.endsWith('/chat')) {
      next();
      return;
    }
    const chat: Record<string, number> = { arrived: performance.now() };
    timelines.push(chat);
    const write = res.write.bind(res);
    (res as any).write = (...args: any[]) => {
      currentChat.run(chat, () => mark('first chunk relayed'));
      return (write as any)(...args);
    };
    currentChat.run(chat, next);
  });
}

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
    // Owned by the bench users' team, so bench:chat's portal with the shipped policy (policyBackendProcess.ts) lets them chat too.
    metadata: { name: 'phi', namespace: 'default', annotations: { [KaitoAnnotations.backstageOwner]: 'group:default/bench-team' } },
    resource: { instanceType: 'Standard_NV36ads_A10_v5', labelSelector: { matchLabels: { apps: 'phi' } } },
    inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
  } as any);
  for (let i = 0; cluster.controller?.cache.get<any>('Workspace', 'phi', 'default')?.status?.state !== 'Ready'; i++) {
    if (i > 600) throw new Error('the benchmark workspace did not become Ready');
    await new Promise(r => setTimeout(r, 50));
  }

  const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  // KAITO_BENCH_COUNT_SQL=1 (diagnostic): how many of each statement the chats ran, printed at the end.
  const statements = new Map<string, number>();
  if (process.env.KAITO_BENCH_COUNT_SQL === '1') {
    knex.on('query', ({ sql }: { sql: string }) => {
      const shape = sql.replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, '(…)').slice(0, 90);
      statements.set(shape, (statements.get(shape) ?? 0) + 1);
    });
  }
  const auth = { isPrincipal: (c: any, type: string) => c.principal.type === type } as any;
  // The benchmark only chats: creates (catalog, userInfo, policy conditions) are not measured.
  // Fixed identity and an allow-all decision: this process measures the proxy; bench:chat's policy path measures auth.
  const permissions = {
    authorize: async (requests: unknown[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (requests: unknown[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as any;
  const access = new WorkspaceAccess({ auth, permissions, placement: config.placement, getRuleset: () => ({}) as any } as any);
  // --no-bookkeeping (diagnostic): limiters, history and audit rows that do nothing, to show what they cost.
  const off = process.env.KAITO_BENCH_NO_BOOKKEEPING === '1';
  const noop: any = {
    tryTake: async () => ({ ok: true }),
    tryAcquire: async () => async () => undefined,
    append: async () => undefined,
    clearWorkspace: async () => undefined,
    record: async () => 1,
    complete: async () => undefined,
  };
  const router = await createRouter({
    logger: silentLogger,
    config,
    service: new WorkspaceService(clusters, config, silentLogger, await QuotaStore.fromKnex(knex), access),
    events: new WorkspaceEvents(),
    audit: traced(off ? noop : await AuditStore.fromKnex(knex), 'record'),
    // The real rate and stream limiters (two upserts and a delete per chat) is part of what a chat costs; the auditor's log lines are not measured.
    chatRateLimiter: traced(off ? noop : new ChatRateLimiter(knex, 1_000_000), 'tryTake'),
    chatStreamLimiter: traced(off ? noop : new StreamLimiter(knex, 1_000), 'tryAcquire'),
    // Each chat appends its turn to the user's history, as in the portal.
    chatHistory: off ? noop : new ChatHistoryStore(knex, config.chat.history),
    auditor: traced({ createEvent: async () => ({ success: async () => undefined, fail: async () => undefined }) }, 'createEvent'),
    httpAuth: benchHttpAuth,
    auth,
    permissions,
  });
  const app = express();
  // KAITO_BENCH_TIMELINE=<file> (diagnostic): each chat's steps in ms since it arrived, written at the end.
  const timelines: Array<Record<string, number>> = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  if (process.env.KAITO_BENCH_TIMELINE) {
    traceChats(app, timelines);
    loopDelay.enable();
  }
  app.use('/api/kaito', router);
  app.use(MiddlewareFactory.create({ config: new ConfigReader({}), logger: silentLogger }).error());
  const server = await new Promise<http.Server>(resolve => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    if (process.env.KAITO_BENCH_TIMELINE) {
      writeFileSync(process.env.KAITO_BENCH_TIMELINE, JSON.stringify(timelines));
      const ms = (ns: number) => (ns / 1e6).toFixed(1);
      process.stderr.write(`portal event-loop delay: p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, max ${ms(loopDelay.max)} ms\n`);
    }
    for (const [sql, count] of [...statements].sort((a, b) => b[1] - a[1])) process.stderr.write(`${String(count).padStart(7)}  ${sql}\n`);
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
