import express, { Request } from 'express';
import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission, ResourcePermission, isResourcePermission } from '@backstage/plugin-permission-common';
import {
  KaitoAnnotations,
  WorkspaceRef,
  WorkspaceListResponse,
  kaitoAuditReadPermission,
  kaitoWorkspaceChatPermission,
  kaitoWorkspaceDeletePermission,
  kaitoWorkspaceUpdatePermission,
  kaitoWorkspaceReadPermission,
  kaitoWorkspaceTrustRemoteCodePermission,
  parseCreateWorkspaceRequest,
  parseUpdateWorkspaceRequest,
  parseFitRequest,
  trustRemoteCodeRequestSchema,
  workspaceServedModels,
  NO_CLUSTERS_GUIDANCE,
  KAITO_WORKSPACE_RESOURCE_TYPE,
} from '@kaito-backstage/plugin-kaito-common';
import { KaitoConfig } from '../config';
import { AuditStore } from '../database/AuditStore';
import { ChatHistoryStore } from '../database/ChatHistoryStore';
import { WorkspaceService } from './WorkspaceService';
import { KubernetesObject } from '@kubernetes/client-node';
import { WorkspaceEvents } from './WorkspaceEvents';
import { ChatRateLimiter } from './rateLimiter';
import { StreamLimiter } from './streamLimiter';
import { AuditTrail, AuditedAction } from './auditTrail';
import { ChatRequest, prepareChatRequest, proxyChat } from './chatProxy';
import { ReplyText } from './replyText';
import { TurnShare } from './turnShare';
import { parseWorkspaceListQuery } from './workspaceListQuery';
import { SharedWorkspaceLists } from './sharedWorkspaceLists';
import { readService, requireOwnService } from './requireOwnService';
import { serveEventStream } from './eventStream';
import { createOpenApiRouter } from '../schema/openApiRouter';
import { InferenceSetService } from './InferenceSetService';
import { registerInferenceSetChatRoute, registerInferenceSetRoutes } from './inferenceSetRoutes';
import type { components } from '@kaito-backstage/plugin-kaito-common';

/** What the Kaito REST router needs. @internal */
export interface RouterOptions {
  logger: LoggerService;
  config: KaitoConfig;
  service: WorkspaceService;
  events: WorkspaceEvents;
  audit: AuditStore;
  /** Backstage's auditor: every create, delete and chat, refusals included. */
  auditor: AuditorService;
  /** The chat rate limit, shared by all replicas through the database. */
  chatRateLimiter: ChatRateLimiter;
  /** Chats in flight per user, shared by all replicas through the database. */
  chatStreamLimiter: StreamLimiter;
  /** Each user's chat with each workspace, shown again after a reload. */
  chatHistory: ChatHistoryStore;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  /** Check every JSON response against openapi.yaml (500 when one drifts); default on under NODE_ENV=test. */
  validateResponses?: boolean;
}

function refOf(req: Request): WorkspaceRef {
  const { cluster, namespace, name } = req.params;
  return { cluster, namespace, name };
}

const keyOf = (ref: WorkspaceRef) => `${ref.cluster}/${ref.namespace}/${ref.name}`;

/** An error the error middleware answers with `statusCode`. */
function httpError(name: string, statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { name, statusCode });
}

const MAX_AUDIT_PAGE = 200;
const DEFAULT_AUDIT_PAGE = 50;

/** `limit` of GET /audit: a whole number 1..200, 50 when absent. */
function auditPageSize(value: unknown): number {
  if (value === undefined) return DEFAULT_AUDIT_PAGE;
  const text = String(value);
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > MAX_AUDIT_PAGE) {
    throw new InputError(`limit must be a whole number from 1 to ${MAX_AUDIT_PAGE} (default ${DEFAULT_AUDIT_PAGE}); got '${text.slice(0, 20)}'`);
  }
  return Number(text);
}

/** `cursor` of GET /audit: the `nextCursor` of the page before. */
function auditCursor(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d{1,15}$/.test(text)) {
    throw new InputError(`cursor must be the nextCursor of the page before; got '${text.slice(0, 20)}'`);
  }
  return Number(text);
}

/** The largest JSON body of each route: a workspace or InferenceSet request, an edit, a chat (configured), anything else. */
function jsonBodyLimit(config: KaitoConfig) {
  return (req: Request): number | string => {
    // An InferenceSet carries a workspace request as its template.
    if (req.method === 'POST' && (req.path === '/workspaces' || req.path === '/inferencesets')) return '256kb';
    if (req.method === 'PATCH') return '64kb';
    if (req.method === 'POST' && req.path.endsWith('/chat')) return config.chat.maxRequestBytes;
    return '100kb';
  };
}

/**
 * The Kaito REST API, mounted at `/api/kaito`, as `src/schema/openapi.yaml`
 * describes it: the spec's validated router refuses what the spec does not
 * allow, and each JSON body is checked by its zod schema in the route.
 * Every route checks its `kaito.workspace.*` permission.
 *
 * @internal
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { logger, config, service, events, audit, auditor, chatRateLimiter, chatStreamLimiter, chatHistory, httpAuth, auth, permissions } = options;
  const router = await createOpenApiRouter({
    jsonBodyLimit: jsonBodyLimit(config),
    validateResponses: options.validateResponses ?? process.env.NODE_ENV === 'test',
  });
  const trail = new AuditTrail(auditor, audit);
  // Many list streams (and pages) after one change: one filtered, sorted list per decision and filter.
  const sharedLists = new SharedWorkspaceLists(service, events);

  const actorOf = (credentials: BackstageCredentials) =>
    auth.isPrincipal(credentials, 'user') ? credentials.principal.userEntityRef : `plugin:${(credentials.principal as { subject?: string }).subject ?? 'unknown'}`;

  async function requirePermission(req: Request, permission: BasicPermission | ResourcePermission, resourceRef?: string) {
    const credentials = await httpAuth.credentials(req);
    await authorize(credentials, permission, resourceRef);
    return credentials;
  }

  async function authorize(credentials: BackstageCredentials, permission: BasicPermission | ResourcePermission, resourceRef?: string) {
    if (!(await isAllowed(credentials, permission, resourceRef))) {
      throw new NotAllowedError(`You are not allowed to ${permission.name}${resourceRef ? ` on ${resourceRef}` : ''}`);
    }
  }

  /**
   * The policy's answer. On a workspace the portal holds, its conditional
   * answer is applied here with the resource type's own rules, as lists do:
   * one request to the permission backend. Asked with the resourceRef, the
   * permission backend would call this plugin back to apply the same rules
   * to the same workspace, a second request (together about 4 ms of CPU per
   * chat in a portal). A workspace the portal does not hold goes that way.
   */
  async function isAllowed(credentials: BackstageCredentials, permission: BasicPermission | ResourcePermission, resourceRef?: string): Promise<boolean> {
    const resource = resourceRef && isResourcePermission(permission, KAITO_WORKSPACE_RESOURCE_TYPE) ? service.resourceAt(resourceRef) : undefined;
    if (resource) return service.access.allowsOn(credentials, permission as ResourcePermission, resource);
    const [decision] = await permissions.authorize(
      [resourceRef ? { permission: permission as ResourcePermission, resourceRef } : { permission: permission as BasicPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Runs an audited route: the auditor event and activity row say how it ended, refusals included. */
  async function audited<T>(
    req: Request,
    action: 'create' | 'update' | 'delete' | 'chat',
    workspace: string,
    run: (act: AuditedAction) => Promise<T>,
  ): Promise<T> {
    const act = await trail.begin(req, action, workspace);
    try {
      return await run(act);
    } catch (error) {
      await act.failed(error as Error);
      throw error;
    }
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const items = service.listClusters();
    res.json(items.length ? { items } : { items, guidance: NO_CLUSTERS_GUIDANCE });
  });

  router.get('/presets', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: service.listPresets() });
  });

  router.get('/skus', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: service.listSkus(req.query.cluster as string | undefined) });
  });

  router.post('/fit', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const parsed = parseFitRequest(req.body);
    if (!parsed.ok) {
      throw new InputError(`Invalid fit request: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`);
    }
    res.json(await service.fit(parsed.request));
  });

  /**
   * The page of workspaces matching the query that the caller may read: one
   * policy decision for the whole list (its conditions applied here), then
   * filters, sort and page on the cache.
   */
  async function readableWorkspaces(credentials: BackstageCredentials, query: object): Promise<WorkspaceListResponse> {
    const parsed = parseWorkspaceListQuery(query as Record<string, unknown>);
    if (!parsed.ok) throw new InputError(`Invalid workspace list query: ${parsed.issues.join('; ')}`);
    return sharedLists.page(parsed.query, await service.access.readableFilter(credentials));
  }

  router.get('/workspaces', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await readableWorkspaces(credentials, req.query));
  });

  router.get('/workspaces/stream', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    // Typed by the spec's event schema, so what the stream sends must conform to it (as res.json's bodies do).
    serveEventStream<components['schemas']['WorkspaceListStreamEvent']>(res, {
      first: { type: 'list', ...(await readableWorkspaces(credentials, req.query)) },
      // Any Workspace's change may change the list (its rows come from the Workspace objects alone, not their
      // pods or nodes); bursts become one list, as a tab's stream does.
      subscribe: onChange =>
        events.subscribeAll((_key, { kind }) => {
          if (kind === 'Workspace') onChange();
        }),
      next: async () => ({ type: 'list', ...(await readableWorkspaces(credentials, req.query)) }),
      onError: error => logger.warn(`workspace list stream: ${error.message}`),
      onClose: listener => req.on('close', listener),
    });
  });

  router.post('/workspaces', async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const claimed = [body?.cluster, body?.namespace, body?.name].map(part => String(part ?? '?').slice(0, 253)).join('/');
    await audited(req, 'create', claimed, async act => {
      const credentials = await httpAuth.credentials(req);
      const actor = actorOf(credentials);
      act.by(actor);
      if (body?.dryRun === true) act.withoutRow();
      // The service checks kaito.workspace.create on the workspace asked for (owner, cluster, namespace).
      const parsed = parseCreateWorkspaceRequest(req.body);
      if (!parsed.ok) {
        throw new InputError(`The workspace request is invalid: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`);
      }
      const request = parsed.request;
      const created = await service.create(request, credentials);
      await act.succeeded(request.dryRun ? 'dry run' : undefined);
      res.status(request.dryRun ? 200 : 201).json(created);
    });
  });

  router.get('/workspaces/:cluster/:namespace/:name', async (req, res) => {
    const ref = refOf(req);
    await requirePermission(req, kaitoWorkspaceReadPermission, keyOf(ref));
    res.json(await service.getDetails(ref));
  });

  // Edit and scale: the same validation, fit and quota checks as a create; audited like a delete.
  router.patch('/workspaces/:cluster/:namespace/:name', async (req, res) => {
    const ref = refOf(req);
    await audited(req, 'update', keyOf(ref), async act => {
      const credentials = await httpAuth.credentials(req);
      act.by(actorOf(credentials));
      if ((req.body as { dryRun?: unknown } | undefined)?.dryRun === true) act.withoutRow();
      service.access.requireUser(credentials, 'change a workspace');
      await authorize(credentials, kaitoWorkspaceUpdatePermission, keyOf(ref));
      const parsed = parseUpdateWorkspaceRequest(req.body);
      if (!parsed.ok) {
        throw new InputError(`The change is invalid: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`);
      }
      const updated = await service.update(ref, parsed.request, actorOf(credentials));
      await act.succeeded(parsed.request.dryRun ? 'dry run' : updated.changes.join('; ').slice(0, 1000));
      res.json(updated);
    });
  });

  router.delete('/workspaces/:cluster/:namespace/:name', async (req, res) => {
    const ref = refOf(req);
    await audited(req, 'delete', keyOf(ref), async act => {
      const credentials = await httpAuth.credentials(req);
      act.by(actorOf(credentials));
      service.access.requireUser(credentials, 'delete a workspace');
      await authorize(credentials, kaitoWorkspaceDeletePermission, keyOf(ref));
      await service.delete(ref);
      // A workspace made again under the name starts with an empty chat.
      await chatHistory.clearWorkspace(keyOf(ref)).catch(error => logger.warn(`chat history of ${keyOf(ref)}: ${error.message}`));
      await act.succeeded();
    });
    res.status(204).end();
  });

  // An administrator's decision per workspace (the shipped policy grants it to admins only).
  router.put('/workspaces/:cluster/:namespace/:name/trust-remote-code', async (req, res) => {
    const ref = refOf(req);
    // High severity: it lets a model run its own code on the GPU nodes. Refusals are recorded too.
    const event = await auditor.createEvent({ eventId: 'workspace-trust-remote-code', severityLevel: 'high', request: req, meta: { workspace: keyOf(ref) } });
    try {
      const credentials = await httpAuth.credentials(req);
      service.access.requireUser(credentials, 'trust remote code for a workspace');
      await authorize(credentials, kaitoWorkspaceTrustRemoteCodePermission, keyOf(ref));
      const parsed = trustRemoteCodeRequestSchema.safeParse(req.body);
      if (!parsed.success) throw new InputError('Send {"trust": true} or {"trust": false}');
      const { trust } = parsed.data;
      await service.setTrustRemoteCode(ref, trust);
      await event.success({ meta: { workspace: keyOf(ref), trust } });
      res.json({ trustRemoteCode: trust });
    } catch (error) {
      await event.fail({ error: error as Error, meta: { workspace: keyOf(ref) } });
      throw error;
    }
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
    serveEventStream<components['schemas']['WorkspaceStreamEvent']>(res, {
      first: { type: 'snapshot', workspace: await service.getDetails(ref) },
      subscribe: onChange => events.subscribe(key, onChange),
      next: async () => ({ type: 'snapshot', workspace: await service.getDetails(ref) }),
      onError: (error, send) => {
        if (error instanceof NotFoundError) {
          send({ type: 'deleted', key });
          res.end();
        } else logger.warn(`stream of ${key}: ${error.message}`);
      },
      onClose: listener => req.on('close', listener),
    });
  });

  const inferenceSets = new InferenceSetService(service, config);
  // 4 a turn: bench:chat's 50-chat burst had a lower TTFT p50 than with none in 8 of 9 back-to-back runs (2, 8, 16: no better, within noise).
  const chatTurns = new TurnShare(4);
  // Before the workspace chat route, which a set's chat continues on with a replica's path.
  registerInferenceSetChatRoute(router, inferenceSets);

  router.post(
    '/workspaces/:cluster/:namespace/:name/chat',
    async (req, res) => {
      const startedAt = performance.now();
      // A burst's chats are prepared a few per turn, so the first ones' tokens are relayed meanwhile.
      const turn = chatTurns.wait();
      if (turn) await turn;
      const ref = refOf(req);
      const key = keyOf(ref);
      await audited(req, 'chat', key, async act => {
        const credentials = await httpAuth.credentials(req);
        const actor = actorOf(credentials);
        act.by(actor);
        service.access.requireUser(credentials, 'chat with a workspace');
        await authorize(credentials, kaitoWorkspaceChatPermission, key);
        const { limit, release } = await takeChatLimits(actor);
        if (!limit.ok) {
          res.setHeader('Retry-After', String(limit.retryAfterSeconds));
          throw httpError(
            'TooManyRequestsError',
            429,
            `Chat rate limit of ${config.chat.requestsPerMinute} requests per minute reached; try again in ${limit.retryAfterSeconds} s`,
          );
        }
        if (!release) {
          throw httpError(
            'TooManyRequestsError',
            429,
            `You already have ${config.chat.maxConcurrentStreamsPerUser} chats in flight (kaito.chat.maxConcurrentStreamsPerUser); wait for one to finish or stop it`,
          );
        }
        try {
          await chatWith(req, res, { ref, key, act, startedAt, actor, replyEnded: release });
        } finally {
          await giveBack(release, actor);
        }
      });
    },
  );

  /** Gives a user's stream slot back; one that cannot be given back expires with its lease, and the chat goes on. */
  async function giveBack(release: () => Promise<void>, actor: string): Promise<void> {
    await release().catch(error => logger.warn(`chat slot of ${actor} not given back (it expires with its lease): ${error.message}`));
  }

  /**
   * Counts the chat against the user's rate limit and takes one of their
   * stream slots, both at once (one wait for the database, not two). A slot
   * taken by a chat that is over its rate limit, or whose other check
   * failed, is given back before the chat is refused.
   */
  async function takeChatLimits(actor: string) {
    const [limit, slot] = await Promise.allSettled([chatRateLimiter.tryTake(actor), chatStreamLimiter.tryAcquire(actor)]);
    const release = slot.status === 'fulfilled' ? slot.value : undefined;
    // A slot that cannot be given back now expires with its lease; the refusal stands either way.
    if (limit.status === 'rejected' || slot.status === 'rejected' || !limit.value.ok) {
      if (release) await giveBack(release, actor);
    }
    if (limit.status === 'rejected') throw limit.reason;
    if (slot.status === 'rejected') throw slot.reason;
    return { limit: limit.value, release: limit.value.ok ? release : undefined };
  }

  /** A chat that passed the caller's checks: the workspace's, then the proxy. */
  async function chatWith(
    req: Request,
    res: express.Response,
    {
      ref,
      key,
      act,
      startedAt,
      actor,
      replyEnded,
    }: {
      ref: WorkspaceRef;
      key: string;
      act: AuditedAction;
      startedAt: number;
      actor: string;
      /** Gives the user's stream slot back: called as soon as the reply ends, before the history and audit rows are written. */
      replyEnded: () => Promise<void>;
    },
  ) {
    const { workspace, cluster } = service.getWorkspace(ref);
    if (!workspace.inference) throw new InputError(`Workspace ${key} is a tuning workspace; it serves no model`);
    if (workspace.status?.state !== 'Ready' && workspace.status?.state !== 'NotReady') {
      throw new ServiceUnavailableError(`Workspace ${key} is not ready yet (state ${workspace.status?.state ?? 'Pending'})`);
    }
    const ownService =
      cluster.controller.cache.get<KubernetesObject>('Service', ref.name, ref.namespace) ??
      // Not in the label-selected cache (observe mode, or a Service without our labels): ask the API server.
      (await readService(cluster.managed.kubeConfig!, ref.namespace, ref.name));
    requireOwnService(ownService, workspace);
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
      timeouts: { firstByteMs: config.chat.upstreamFirstByteTimeoutMs, idleMs: config.chat.upstreamIdleTimeoutMs },
    };
    const request = prepareChatRequest(req.body, target, config.chat.maxTokens);
    // Off the first-token path: the row is written while the upstream answers; the
    // chat's end (act.succeeded/failed) waits for it, and writes one itself if it failed.
    act
      .started(config.chat.auditPrompts ? request.messages.map(m => `${m.role}: ${m.content}`).join('\n').slice(0, 4000) : undefined)
      .catch(error => logger.warn(`audit row of a chat with ${key}: ${error.message}`));
    // The client going away (or the reply ending) stops the upstream request.
    const abort = new AbortController();
    // Only a client that left before the reply ended aborts (an abort makes a DOMException with its stack: not for every chat).
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const reply = new ReplyText(config.chat.history.maxMessageChars);
    try {
      const metrics = await proxyChat(target, request, res, startedAt, abort.signal, reply);
      // The user's next chat may start as soon as this reply ended.
      await giveBack(replyEnded, actor);
      await Promise.all([
        keepInHistory(actor, key, request, reply.value),
        act.succeeded(config.chat.auditPrompts || !metrics ? undefined : `${metrics.completionTokens} tokens, TTFT ${metrics.timeToFirstTokenMs} ms`),
      ]);
    } catch (error) {
      if (!res.headersSent) throw error;
      // The reply has begun: the status is sent, so end it and record why.
      res.end();
      await replyEnded().catch(() => undefined); // logged on the way here, or by the route's finally
      // What the user saw (a reply stopped or cut off) is kept as it was.
      await Promise.all([act.failed(error as Error), keepInHistory(actor, key, request, reply.value)]);
    }
  }

  /** Keeps the question and the reply as the user saw it; a failure to keep them never fails the chat. */
  async function keepInHistory(actor: string, key: string, request: ChatRequest, replyText: string) {
    const question = [...request.messages].reverse().find(message => message.role === 'user');
    if (!question) return;
    const messages: Array<{ role: 'user' | 'assistant'; content: string }> = [{ role: 'user', content: question.content }];
    if (replyText) messages.push({ role: 'assistant', content: replyText });
    await chatHistory.append(actor, key, messages).catch(error => logger.warn(`chat history of ${key}: ${error.message}`));
  }

  /** The chat history routes: the caller's own history only, for users who may chat with the workspace. */
  async function historyOwner(req: Request): Promise<{ user: string; key: string }> {
    const key = keyOf(refOf(req));
    const credentials = await httpAuth.credentials(req);
    service.access.requireUser(credentials, 'read or clear a chat history');
    await authorize(credentials, kaitoWorkspaceChatPermission, key);
    return { user: actorOf(credentials), key };
  }

  router.get('/workspaces/:cluster/:namespace/:name/chat/history', async (req, res) => {
    const { user, key } = await historyOwner(req);
    res.json({ items: await chatHistory.list(user, key) });
  });

  router.delete('/workspaces/:cluster/:namespace/:name/chat/history', async (req, res) => {
    const { user, key } = await historyOwner(req);
    await chatHistory.clear(user, key);
    res.status(204).end();
  });

  registerInferenceSetRoutes(router, { service: inferenceSets, access: service.access, httpAuth, actorOf, audited });

  router.get('/audit', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const workspace = req.query.workspace as string | undefined;
    const limit = auditPageSize(req.query.limit);
    const before = auditCursor(req.query.cursor);
    if (workspace) {
      if (!(await isAllowed(credentials, kaitoWorkspaceReadPermission, workspace))) throw new NotAllowedError(`You are not allowed to read ${workspace}`);
    } else {
      // The whole log: for operators only.
      const [decision] = await permissions.authorize([{ permission: kaitoAuditReadPermission }], { credentials });
      if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError('You are not allowed to read the audit log');
    }
    res.json(await audit.list({ workspace, limit, before }));
  });

  return router;
}
