/*
 * The portal backend of the scale benchmark (scale.ts), in its own process:
 * the real cluster manager with one controller per simulated cluster, the
 * REST router, the live streams and the change events the catalog module
 * mirrors. Driven over IPC; answers `{ type: 'ready', port }` once every
 * cluster is connected. Change events (kaito.workspace.changed) go out over
 * IPC, where the benchmark hands them to the catalog module's process.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { benchHttpAuth } from './benchUser';
import knexFactory from 'knex';
import { ConfigReader } from '@backstage/config';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readKaitoConfig } from '../src/config';
import { ClusterManager } from '../src/cluster/ClusterManager';
import { createReconciler } from '../src/controller/createReconciler';
import { AuditStore } from '../src/database/AuditStore';
import { ChatHistoryStore } from '../src/database/ChatHistoryStore';
import { QuotaStore } from '../src/database/QuotaStore';
import { WorkspaceAccess } from '../src/service/WorkspaceAccess';
import { WorkspaceService } from '../src/service/WorkspaceService';
import { WorkspaceEvents } from '../src/service/WorkspaceEvents';
import { publishWorkspaceChanges } from '../src/service/publishWorkspaceChanges';
import { kaitoWorkspaceRules } from '../src/service/permissions';
import { ChatRateLimiter } from '../src/service/rateLimiter';
import { StreamLimiter } from '../src/service/streamLimiter';
import { createRouter } from '../src/service/router';

const silentLogger: any = { info() {}, warn() {}, error() {}, debug() {}, child: () => silentLogger };

/** What the benchmark asks. */
export type ScaleBackendCommand = { type: 'stats' } | { type: 'writes' } | { type: 'stop' };
/** What this process answers (and the change events it forwards). */
export type ScaleBackendMessage =
  | { type: 'ready'; port: number }
  | {
      type: 'stats';
      heapMiB: number;
      rssMiB: number;
      cpuMs: number;
      requests: number;
      lookups: number;
      /** Watch events the controllers' informers received so far, by kind. */
      watchEvents: Record<string, number>;
      /** kaito.workspace.changed events published so far. */
      published: number;
      /** Workspace reconciles (passes) run so far. */
      reconciles: number;
    }
  | { type: 'writes'; total: number }
  | { type: 'changed'; eventPayload: unknown };

const send = (message: ScaleBackendMessage) => process.send!(message);

function gc() {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
}

async function main() {
  const { clusters: sims, groups } = JSON.parse(process.argv[2]) as { clusters: Array<{ url: string; token: string }>; groups: string[] };
  const config = readKaitoConfig(
    new ConfigReader({
      kaito: {
        clusters: sims.map((sim, i) => ({ name: `c${i}`, url: sim.url, serviceAccountToken: sim.token, skipTLSVerify: true })),
        controller: { leaderElection: { enabled: false }, ...(process.env.BENCH_WORKERS ? { workers: Number(process.env.BENCH_WORKERS) } : {}) },
        chat: { requestsPerMinute: 1_000_000, maxConcurrentStreamsPerUser: 1_000, maxTokens: 4096 },
      },
    }),
  );
  const workspaceEvents = new WorkspaceEvents();
  const watchEvents: Record<string, number> = {};
  let published = 0;
  let reconciles = 0;
  // Counts the passes; the reconciler itself, and its InferenceSet half, are unchanged.
  const counted = (cluster: Parameters<typeof createReconciler>[0]) => {
    const reconcile = createReconciler(cluster, config);
    return Object.assign((...args: Parameters<typeof reconcile>) => {
      reconciles++;
      return reconcile(...args);
    }, { inferenceSets: reconcile.inferenceSets });
  };
  const clusters = new ClusterManager({
    config,
    connectors: new Map(),
    logger: silentLogger,
    reconcile: counted,
    onCacheEvent: (cluster, event) => {
      watchEvents[event.kind] = (watchEvents[event.kind] ?? 0) + 1;
      workspaceEvents.publish(cluster, event);
    },
  });
  clusters.start();
  await clusters.whenReady();
  // The events service's side of publishWorkspaceChanges: over IPC to the catalog module's process.
  publishWorkspaceChanges({
    workspaceEvents,
    events: {
      publish: async ({ eventPayload }: { eventPayload: unknown }) => {
        published++;
        send({ type: 'changed', eventPayload });
      },
    } as any,
    logger: silentLogger,
  });

  const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  const auth = { isPrincipal: (c: any, type: string) => c.principal.type === type } as any;
  // The policy's answer for reads is conditional (the owner groups of a member of every team), so a
  // list applies conditions to each of the workspaces, as a real policy makes it; single-workspace checks allow.
  const permissions = {
    authorize: async (requests: unknown[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (requests: Array<{ permission: { name: string } }>) =>
      requests.map(r =>
        r.permission.name === 'kaito.workspace.read'
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'kaito',
              resourceType: 'kaito-workspace',
              conditions: { rule: 'IS_WORKSPACE_OWNER', resourceType: 'kaito-workspace', params: { claims: groups } },
            }
          : { result: AuthorizeResult.ALLOW },
      ),
  } as any;
  const ruleset = { getRuleByName: (name: string) => kaitoWorkspaceRules.find(rule => rule.name === name)! };
  const access = new WorkspaceAccess({ auth, permissions, placement: config.placement, getRuleset: () => ruleset } as any);
  const audit = await AuditStore.fromKnex(knex);
  const quotas = await QuotaStore.fromKnex(knex);
  const router = await createRouter({
    logger: silentLogger,
    config,
    service: new WorkspaceService(clusters, config, silentLogger, quotas, access),
    events: workspaceEvents,
    audit,
    chatRateLimiter: new ChatRateLimiter(knex, 1_000_000),
    chatStreamLimiter: new StreamLimiter(knex, 1_000),
    chatHistory: new ChatHistoryStore(knex, config.chat.history),
    auditor: { createEvent: async () => ({ success: async () => undefined, fail: async () => undefined }) } as any,
    // A fixed identity: the benchmark measures the portal's own work, not a token check.
    httpAuth: benchHttpAuth,
    auth,
    permissions,
    validateResponses: false,
  });
  const app = express();
  // REST requests served, and how many were lookups of one named workspace (the catalog module's, per change event).
  let requests = 0;
  let lookups = 0;
  app.use((req, _res, next) => {
    requests++;
    if (req.query.name !== undefined) lookups++;
    next();
  });
  app.use('/api/kaito', router);
  app.use(MiddlewareFactory.create({ config: new ConfigReader({}), logger: silentLogger }).error());
  const server = http.createServer({ keepAliveTimeout: 60_000 }, app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));

  process.on('message', async (command: ScaleBackendCommand) => {
    switch (command.type) {
      case 'stats': {
        gc();
        const memory = process.memoryUsage();
        const cpu = process.cpuUsage();
        send({
          type: 'stats',
          heapMiB: memory.heapUsed / 2 ** 20,
          rssMiB: memory.rss / 2 ** 20,
          cpuMs: (cpu.user + cpu.system) / 1000,
          requests,
          lookups,
          watchEvents: { ...watchEvents },
          published,
          reconciles,
        });
        return;
      }
      case 'writes': {
        const total = clusters.list().reduce((n, c) => n + (c.controller?.writer.total ?? 0), 0);
        send({ type: 'writes', total });
        return;
      }
      case 'stop':
        server.closeAllConnections();
        server.close();
        await clusters.stop();
        await knex.destroy();
        process.exit(0);
        return;
      default:
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
