import { IncomingMessage, ServerResponse } from 'node:http';
import { ResourceApi } from '../api/ResourceApi';
import { attributesOfRequest, AuthorizationAttributes, UserInfo } from '../auth/attributes';
import { AuthorizationLog } from '../auth/AuthorizationLog';
import { UNAUTHENTICATED_GROUP } from '../auth/bootstrapPolicy';
import { forbiddenError } from '../auth/forbidden';
import { impersonationOf } from '../auth/impersonation';
import { RbacAuthorizer } from '../auth/RbacAuthorizer';
import { runAsRequestUser } from '../auth/requestUser';
import { TokenAuthenticator } from '../auth/TokenAuthenticator';
import { ApiError, methodNotAllowed, unauthorized } from '../errors';
import { ApiVerb, FaultInjector } from '../faults';
import { Clock } from '../types';
import { WatchHub } from '../watch/WatchHub';
import { handleBinding } from './handlers/binding';
import { handleScale } from './handlers/scale';
import { handleCreate } from './handlers/create';
import { handleDelete } from './handlers/delete';
import { handleDeleteCollection } from './handlers/deleteCollection';
import { serveDiscovery } from './handlers/discovery';
import { handleGet } from './handlers/get';
import { handleList } from './handlers/list';
import { handleLog } from './handlers/log';
import { handlePatch } from './handlers/patch';
import { handleProxy } from './handlers/proxy';
import { handleReview, handleTokenRequest, isReviewResource } from './handlers/reviews';
import { handleUpdate } from './handlers/update';
import { handleWatch } from './handlers/watch';
import { HandlerContext, PodLogReader, ProxyHandler } from './HandlerContext';
import { OpenApiService } from '../openapi/OpenApiService';
import { parseRequestPath } from './requestPath';
import { parseRequestBody, queryFlag, readRawBody, sendError, sendJson } from './respond';

/** What the router serves from. @internal */
export interface RouterDeps {
  api: ResourceApi;
  hub: WatchHub;
  clock: Clock;
  tokens: TokenAuthenticator;
  authorizer: RbacAuthorizer;
  authorizationLog?: AuthorizationLog;
  faults: FaultInjector;
  proxy?: ProxyHandler;
  readLog?: PodLogReader;
  version: { major: string; minor: string; gitVersion: string };
}

const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);

function verbOf(method: string, hasName: boolean, watch: boolean): ApiVerb | undefined {
  switch (method) {
    case 'GET':
      if (watch) return 'watch';
      return hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return hasName ? 'update' : undefined;
    case 'PATCH':
      return hasName ? 'patch' : undefined;
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

/** Builds the request listener of the simulated API server. @internal */
export function createRouter(deps: RouterDeps) {
  const openApi = new OpenApiService(deps.api.registry, deps.version.gitVersion);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const pathname = url.pathname.replace(/\/+$/, '') || '/';
      const user = authenticate(deps, req, PUBLIC_PATHS.has(pathname));
      authorize(deps, user, attributesOfRequest(req.method ?? 'GET', url));
      if (['/healthz', '/livez', '/readyz'].includes(pathname)) {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ok');
        return;
      }
      if (pathname === '/version') {
        sendJson(res, 200, {
          ...deps.version,
          gitCommit: 'kaito-backstage-cluster-sim',
          gitTreeState: 'clean',
          buildDate: '2026-01-01T00:00:00Z',
          goVersion: 'n/a (Node.js simulator)',
          compiler: 'node',
          platform: `${process.platform}/${process.arch}`,
        });
        return;
      }
      if (OpenApiService.handles(pathname)) {
        openApi.serve(req, res, url);
        return;
      }
      const parsed = parseRequestPath(url.pathname);
      if (parsed.kind === 'discovery') {
        if (req.method !== 'GET') throw methodNotAllowed();
        serveDiscovery(res, deps.api.registry, parsed);
        return;
      }
      if (parsed.kind === 'other') {
        throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      }
      const scope = deps.api.scope(parsed.group, parsed.version, parsed.plural, parsed.namespace, parsed.subresource);
      if (scope.type.namespaced && !parsed.namespace && parsed.name) {
        throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      }
      if (parsed.subresource && !scope.type.subresources.includes(parsed.subresource)) {
        throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      }
      const watch = queryFlag(url.searchParams, 'watch');
      const method = req.method ?? 'GET';
      const verb = verbOf(method, parsed.name !== undefined, watch);
      if (!verb) throw methodNotAllowed();
      const fault = deps.faults.check({
        verb,
        resource: scope.type.plural,
        subresource: parsed.subresource,
        namespace: parsed.namespace,
        name: parsed.name,
      });
      if (fault) throw fault;
      let bodyPromise: Promise<unknown> | undefined;
      const ctx: HandlerContext = {
        req,
        res,
        query: url.searchParams,
        scope,
        name: parsed.name,
        proxyPath: parsed.rest,
        api: deps.api,
        hub: deps.hub,
        clock: deps.clock,
        proxy: deps.proxy,
        readLog: deps.readLog,
        user,
        auth: { tokens: deps.tokens, authorizer: deps.authorizer },
        body: () => {
          bodyPromise ??= readRawBody(req).then(raw => parseRequestBody(raw, req.headers['content-type']));
          return bodyPromise;
        },
      };
      await runAsRequestUser(user, () => dispatch(ctx, method, verb, parsed.subresource));
    } catch (error) {
      sendError(res, error);
    }
  };
}

const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: [UNAUTHENTICATED_GROUP] };

/**
 * The caller of a request: the bearer token's user (401 for an unknown one), or, on the health
 * and version paths only, the anonymous user when no credentials are sent. Impersonation
 * headers switch to the impersonated user once the caller passes the `impersonate` checks.
 */
function authenticate(deps: RouterDeps, req: IncomingMessage, publicPath: boolean): UserInfo {
  const header = String(req.headers.authorization ?? '');
  if (!header && publicPath) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const user = match ? deps.tokens.authenticate(match[1]) : undefined;
  if (!user) throw unauthorized();
  const impersonation = impersonationOf(req);
  if (!impersonation) return user;
  impersonation.checks.forEach(check => authorize(deps, user, check));
  return impersonation.user;
}

/** Refuses (403) what RBAC does not allow, before any fault is injected or any body is read. */
function authorize(deps: RouterDeps, user: UserInfo, attributes: AuthorizationAttributes): void {
  const decision = deps.authorizer.authorize(user, attributes);
  deps.authorizationLog?.record(user, attributes, decision.allowed);
  if (!decision.allowed) throw forbiddenError(user, attributes, decision.reason);
}

async function dispatch(ctx: HandlerContext, method: string, verb: ApiVerb, subresource: string | undefined) {
  if (isReviewResource(ctx)) return handleReview(ctx, method);
  if (subresource === 'token') return handleTokenRequest(ctx, method);
  if (subresource === 'proxy') return handleProxy(ctx);
  if (subresource === 'log') {
    if (method !== 'GET') throw methodNotAllowed();
    return handleLog(ctx);
  }
  if (subresource === 'binding') {
    if (method !== 'POST') throw methodNotAllowed();
    return handleBinding(ctx);
  }
  if (subresource === 'scale' && ctx.scope.type.crd?.scale) return handleScale(ctx, verb);
  if (subresource && !['status', 'finalize'].includes(subresource)) throw methodNotAllowed();
  switch (verb) {
    case 'get':
      return handleGet(ctx);
    case 'list':
      return handleList(ctx);
    case 'watch':
      return handleWatch(ctx);
    case 'create':
      if (ctx.name) throw methodNotAllowed();
      return handleCreate(ctx);
    case 'update':
      return handleUpdate(ctx);
    case 'patch':
      return handlePatch(ctx);
    case 'delete':
      return handleDelete(ctx);
    case 'deletecollection':
      return handleDeleteCollection(ctx);
    default:
      throw methodNotAllowed();
  }
}
