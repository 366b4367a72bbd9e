import express, { Request } from 'express';
import { BackstageCredentials, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  WorkspaceRef,
  kaitoWorkspaceDeletePermission,
  kaitoWorkspaceReadPermission,
  kaitoWorkspaceUpdatePermission,
  parseCreateInferenceSetRequest,
  parseScaleInferenceSetRequest,
} from '@kaito-backstage/plugin-kaito-common';
import { AuditedAction } from './auditTrail';
import { InferenceSetService } from './InferenceSetService';
import { WorkspaceAccess } from './WorkspaceAccess';

/** What the InferenceSet routes borrow from the REST router. @internal */
export interface InferenceSetRouteDeps {
  service: InferenceSetService;
  access: WorkspaceAccess;
  httpAuth: HttpAuthService;
  actorOf: (credentials: BackstageCredentials) => string;
  audited: <T>(req: Request, action: 'create' | 'update' | 'delete', key: string, run: (act: AuditedAction) => Promise<T>) => Promise<T>;
}

function refOf(req: Request): WorkspaceRef {
  const { cluster, namespace, name } = req.params;
  return { cluster, namespace, name };
}

const keyOf = (ref: WorkspaceRef) => `${ref.cluster}/${ref.namespace}/${ref.name}`;

/**
 * The InferenceSet routes of the REST API (openapi.yaml's InferenceSets tag): list, create
 * (the workspace create's checks for every replica), read, scale and delete, with the
 * workspace permissions (`kaito.workspace.create`, `.read`, `.update` for scaling, `.delete`)
 * and the same audit trail.
 *
 * @internal
 */
export function registerInferenceSetRoutes(router: express.Router, deps: InferenceSetRouteDeps): void {
  const { service, access, httpAuth, actorOf, audited } = deps;

  async function requireOn(credentials: BackstageCredentials, permission: ResourcePermission, ref: WorkspaceRef) {
    const { set } = service.get(ref);
    if (!(await access.allowsOn(credentials, permission, service.resourceOf(ref.cluster, set)))) {
      throw new NotAllowedError(`You are not allowed to ${permission.name} on ${keyOf(ref)}`);
    }
  }

  router.get('/inferencesets', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: service.list(await access.readableFilter(credentials)) });
  });

  router.post('/inferencesets', async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const claimed = [body?.cluster, body?.namespace, body?.name].map(part => String(part ?? '?').slice(0, 253)).join('/');
    await audited(req, 'create', claimed, async act => {
      const credentials = await httpAuth.credentials(req);
      act.by(actorOf(credentials));
      if (body?.dryRun === true) act.withoutRow();
      const parsed = parseCreateInferenceSetRequest(req.body);
      if (!parsed.ok) throw new InputError(`The inference set request is invalid: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`);
      const created = await service.create(parsed.request, credentials, parsed.request.dryRun === true);
      await act.succeeded(parsed.request.dryRun ? 'dry run' : `inference set of ${parsed.request.replicas} replicas`);
      res.status(parsed.request.dryRun ? 200 : 201).json(created);
    });
  });

  router.get('/inferencesets/:cluster/:namespace/:name', async (req, res) => {
    const ref = refOf(req);
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    await requireOn(credentials, kaitoWorkspaceReadPermission, ref);
    res.json(service.get(ref).summary);
  });

  router.patch('/inferencesets/:cluster/:namespace/:name/scale', async (req, res) => {
    const ref = refOf(req);
    await audited(req, 'update', keyOf(ref), async act => {
      const credentials = await httpAuth.credentials(req);
      act.by(actorOf(credentials));
      access.requireUser(credentials, 'scale an inference set');
      await requireOn(credentials, kaitoWorkspaceUpdatePermission, ref);
      const parsed = parseScaleInferenceSetRequest(req.body);
      if (!parsed.ok) throw new InputError(`The scale request is invalid: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`);
      if (parsed.request.dryRun) act.withoutRow();
      const before = service.get(ref).summary.replicas;
      const scaled = await service.scale(ref, parsed.request.replicas, parsed.request.dryRun === true);
      await act.succeeded(parsed.request.dryRun ? 'dry run' : `replicas ${before} -> ${parsed.request.replicas}`);
      res.json(scaled);
    });
  });

  router.delete('/inferencesets/:cluster/:namespace/:name', async (req, res) => {
    const ref = refOf(req);
    await audited(req, 'delete', keyOf(ref), async act => {
      const credentials = await httpAuth.credentials(req);
      act.by(actorOf(credentials));
      access.requireUser(credentials, 'delete an inference set');
      await requireOn(credentials, kaitoWorkspaceDeletePermission, ref);
      await service.delete(ref);
      await act.succeeded();
    });
    res.status(204).end();
  });
}

/**
 * `POST /inferencesets/{cluster}/{namespace}/{name}/chat`: each chat goes to the next ready
 * replica in turn, through the workspace chat route itself (its permission, rate limits,
 * history and audit, under the replica's key). Kaito v0.12 makes no set-wide Service (only
 * with the Gateway API Inference Extension), so the portal spreads the chats. Registered
 * before the workspace chat route: the request continues there with the replica's path.
 *
 * @internal
 */
export function registerInferenceSetChatRoute(router: express.Router, service: InferenceSetService): void {
  const turns = new Map<string, number>();
  router.post('/inferencesets/:cluster/:namespace/:name/chat', (req, res, next) => {
    const ref = refOf(req);
    const ready = service.readyReplicas(ref);
    if (ready.length === 0) {
      throw new ServiceUnavailableError(`InferenceSet ${keyOf(ref)} has no ready replica yet; wait until one is Ready, or scale it up`);
    }
    const turn = turns.get(keyOf(ref)) ?? 0;
    turns.set(keyOf(ref), turn + 1);
    const replica = ready[turn % ready.length];
    res.setHeader('X-Kaito-Replica', keyOf(replica));
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    req.url = `/workspaces/${[replica.cluster, replica.namespace, replica.name].map(encodeURIComponent).join('/')}/chat${query}`;
    next();
  });
}
