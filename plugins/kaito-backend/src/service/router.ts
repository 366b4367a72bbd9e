import express, { Request } from 'express';
import Router from 'express-promise-router';
import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission, ResourcePermission } from '@backstage/plugin-permission-common';
import {
  KaitoAnnotations,
  WorkspaceRef,
  WorkspaceStreamEvent,
  kaitoWorkspaceChatPermission,
  kaitoWorkspaceCreatePermission,
  kaitoWorkspaceDeletePermission,
  kaitoWorkspaceReadPermission,
  parseCreateWorkspaceRequest,
  parseFitRequest,
  workspaceServedModels,
} from '@kaito-backstage/plugin-kaito-common';
import { KaitoConfig } from '../config';
import { AuditStore } from '../database/AuditStore';
import { WorkspaceService } from './WorkspaceService';
import { WorkspaceEvents } from './WorkspaceEvents';
import { RateLimiter } from './rateLimiter';
import { prepareChatRequest, proxyChat } from './chatProxy';

/** What the Kaito REST router needs. @internal */
export interface RouterOptions {
  logger: LoggerService;
  config: KaitoConfig;
  service: WorkspaceService;
  events: WorkspaceEvents;
  audit: AuditStore;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
}

function refOf(req: Request): WorkspaceRef {
  const { cluster, namespace, name } = req.params;
  return { cluster, namespace, name };
}

const keyOf = (ref: WorkspaceRef) => `${ref.cluster}/${ref.namespace}/${ref.name}`;

/**
 * The Kaito REST API, mounted at `/api/kaito` (see `src/schema/openapi.yaml`).
 * Every route checks its `kaito.workspace.*` permission.
 *
 * @internal
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { logger, config, service, events, audit, httpAuth, auth, permissions } = options;
  const router = Router();
  const chatLimiter = new RateLimiter(config.chat.requestsPerMinute);

  const actorOf = (credentials: BackstageCredentials) =>
    auth.isPrincipal(credentials, 'user') ? credentials.principal.userEntityRef : `plugin:${(credentials.principal as { subject?: string }).subject ?? 'unknown'}`;

  async function requirePermission(req: Request, permission: BasicPermission | ResourcePermission, resourceRef?: string) {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [resourceRef ? { permission: permission as ResourcePermission, resourceRef } : { permission: permission as BasicPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You are not allowed to ${permission.name}${resourceRef ? ` on ${resourceRef}` : ''}`);
    }
    return credentials;
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: service.listClusters() });
  });

  router.get('/presets', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: service.listPresets() });
  });

  router.get('/skus', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: service.listSkus(req.query.cluster as string | undefined) });
  });

  router.post('/fit', express.json(), async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const parsed = parseFitRequest(req.body);
    if (!parsed.ok) {
      throw new InputError(`Invalid fit request: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`);
    }
    res.json(service.fit(parsed.request));
  });

  router.get('/workspaces', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const q = req.query as Record<string, string | undefined>;
    const list = service.listWorkspaces({ cluster: q.cluster, namespace: q.namespace, owner: q.owner, entity: q.entity });
    const decisions = list.items.length
      ? await permissions.authorize(
          list.items.map(item => ({ permission: kaitoWorkspaceReadPermission, resourceRef: item.key })),
          { credentials },
        )
      : [];
    res.json({ items: list.items.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW), errors: list.errors });
  });

  router.post('/workspaces', express.json({ limit: '256kb' }), async (req, res) => {
    const credentials = await requirePermission(req, kaitoWorkspaceCreatePermission);
    const actor = actorOf(credentials);
    const parsed = parseCreateWorkspaceRequest(req.body);
    if (!parsed.ok) {
      throw new InputError(`The workspace request is invalid: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`);
    }
    const request = parsed.request;
    const key = `${request.cluster}/${request.namespace}/${request.name}`;
    try {
      const created = await service.create(request, actor);
      if (!request.dryRun) await audit.record({ actor, action: 'create', workspace: key, outcome: 'success' });
      res.status(request.dryRun ? 200 : 201).json(created);
    } catch (error) {
      if (!request.dryRun) {
        await audit.record({
          actor,
          action: 'create',
          workspace: key,
          outcome: (error as Error).name === 'NotAllowedError' ? 'denied' : 'failure',
          detail: (error as Error).message,
        });
      }
      throw error;
    }
  });

  router.get('/workspaces/:cluster/:namespace/:name', async (req, res) => {
    const ref = refOf(req);
    await requirePermission(req, kaitoWorkspaceReadPermission, keyOf(ref));
    res.json(await service.getDetails(ref));
  });

  router.delete('/workspaces/:cluster/:namespace/:name', async (req, res) => {
    const ref = refOf(req);
    const credentials = await requirePermission(req, kaitoWorkspaceDeletePermission, keyOf(ref));
    const actor = actorOf(credentials);
    try {
      await service.delete(ref);
      await audit.record({ actor, action: 'delete', workspace: keyOf(ref), outcome: 'success' });
    } catch (error) {
      await audit.record({ actor, action: 'delete', workspace: keyOf(ref), outcome: 'failure', detail: (error as Error).message });
      throw error;
    }
    res.status(204).end();
  });

  router.get('/workspaces/:cluster/:namespace/:name/logs', async (req, res) => {
    const ref = refOf(req);
    await requirePermission(req, kaitoWorkspaceReadPermission, keyOf(ref));
    const tail = Math.min(Math.max(Number(req.query.tailLines ?? 200) || 200, 1), 5000);
    res.type('text/plain').send(await service.logs(ref, tail));
  });

  router.get('/workspaces/:cluster/:namespace/:name/stream', async (req, res) => {
    const ref = refOf(req);
    const key = keyOf(ref);
    await requirePermission(req, kaitoWorkspaceReadPermission, key);
    const first = await service.getDetails(ref);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const send = (event: WorkspaceStreamEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
    send({ type: 'snapshot', workspace: first });
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const push = () => {
      timer = undefined;
      service.getDetails(ref).then(
        details => !closed && send({ type: 'snapshot', workspace: details }),
        error => {
          if (closed) return;
          if (error instanceof NotFoundError) {
            send({ type: 'deleted', key });
            res.end();
          } else logger.warn(`stream of ${key}: ${error.message}`);
        },
      );
    };
    const unsubscribe = events.subscribe(key, () => {
      // Coalesce bursts of watch events into one snapshot.
      timer ??= setTimeout(push, 100);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      closed = true;
      unsubscribe();
      clearInterval(ping);
      if (timer) clearTimeout(timer);
    });
  });

  router.post(
    '/workspaces/:cluster/:namespace/:name/chat',
    express.json({ limit: config.chat.maxRequestBytes }),
    async (req, res) => {
      const startedAt = performance.now();
      const ref = refOf(req);
      const key = keyOf(ref);
      const credentials = await requirePermission(req, kaitoWorkspaceChatPermission, key);
      const actor = actorOf(credentials);
      const limit = chatLimiter.tryTake(actor);
      if (!limit.ok) {
        await audit.record({ actor, action: 'chat', workspace: key, outcome: 'denied', detail: 'rate limited' });
        res.setHeader('Retry-After', String(limit.retryAfterSeconds));
        const error = new Error(
          `Chat rate limit of ${config.chat.requestsPerMinute} requests per minute reached; try again in ${limit.retryAfterSeconds} s`,
        );
        (error as Error & { statusCode: number }).statusCode = 429;
        error.name = 'TooManyRequestsError';
        throw error;
      }
      const { workspace, cluster } = service.getWorkspace(ref);
      if (!workspace.inference) throw new InputError(`Workspace ${key} is a tuning workspace; it serves no model`);
      if (workspace.status?.state !== 'Ready' && workspace.status?.state !== 'NotReady') {
        throw new ServiceUnavailableError(`Workspace ${key} is not ready yet (state ${workspace.status?.state ?? 'Pending'})`);
      }
      const models = workspaceServedModels(workspace, config.catalog.customPresets);
      const clusterConfig = cluster.managed.config;
      const target = {
        kubeConfig: cluster.managed.kubeConfig!,
        via:
          clusterConfig.chatVia === 'serviceUrl'
            ? { kind: 'serviceUrl' as const, template: clusterConfig.chatServiceUrl }
            : { kind: 'apiServerProxy' as const },
        workspace,
        models,
        legacy: workspace.metadata.annotations?.[KaitoAnnotations.runtime] === 'transformers-legacy',
      };
      const request = prepareChatRequest(req.body, target, config.chat.maxTokens);
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      try {
        const metrics = await proxyChat(target, request, res, startedAt, abort.signal);
        await audit.record({
          actor,
          action: 'chat',
          workspace: key,
          outcome: 'success',
          detail: config.chat.auditPrompts
            ? request.messages.map(m => `${m.role}: ${m.content}`).join('\n').slice(0, 4000)
            : metrics && `${metrics.completionTokens} tokens, TTFT ${metrics.timeToFirstTokenMs} ms`,
        });
      } catch (error) {
        await audit.record({ actor, action: 'chat', workspace: key, outcome: 'failure', detail: (error as Error).message });
        if (res.headersSent) {
          res.end();
          return;
        }
        throw error;
      }
    },
  );

  router.get('/audit', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const workspace = req.query.workspace as string | undefined;
    if (workspace) {
      const [decision] = await permissions.authorize([{ permission: kaitoWorkspaceReadPermission, resourceRef: workspace }], { credentials });
      if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`You are not allowed to read ${workspace}`);
    } else {
      // The whole log: only for those who may create workspaces (operators).
      const [decision] = await permissions.authorize([{ permission: kaitoWorkspaceCreatePermission }], { credentials });
      if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError('You are not allowed to read the audit log');
    }
    res.json({ items: await audit.list({ workspace, limit: Number(req.query.limit ?? 100) || 100 }) });
  });

  return router;
}
