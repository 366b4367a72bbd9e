import { IncomingMessage, ServerResponse } from 'node:http';
import { RequestScope, ResourceApi } from '../api/ResourceApi';
import { UserInfo } from '../auth/attributes';
import { RbacAuthorizer } from '../auth/RbacAuthorizer';
import { TokenAuthenticator } from '../auth/TokenAuthenticator';
import { Clock } from '../types';
import { WatchHub } from '../watch/WatchHub';

/** Serves requests through a Service or Pod proxy path (the simulated model servers). @public */
export type ProxyHandler = (
  target: { kind: 'service' | 'pod'; namespace: string; name: string; port?: string; path: string; search: string },
  req: IncomingMessage,
  res: ServerResponse,
) => Promise<void>;

/** Reads a container's log. @public */
export type PodLogReader = (
  namespace: string,
  pod: string,
  options: { container?: string; tailLines?: number; previous?: boolean },
) => string;

/** Authentication and authorization, for the review and TokenRequest handlers. @internal */
export interface AuthServices {
  tokens: TokenAuthenticator;
  authorizer: RbacAuthorizer;
}

/** What every handler receives. @internal */
export interface HandlerContext {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  scope: RequestScope;
  name?: string;
  /** For proxy requests: the path after `/proxy`. */
  proxyPath?: string;
  api: ResourceApi;
  hub: WatchHub;
  clock: Clock;
  proxy?: ProxyHandler;
  readLog?: PodLogReader;
  /** The authenticated caller. */
  user?: UserInfo;
  auth?: AuthServices;
  /** Reads and parses the body (once). */
  body(): Promise<unknown>;
}

/** Whether the client asked for a Table (kubectl get). @internal */
export function wantsTable(ctx: HandlerContext): boolean {
  return /as=Table/.test(String(ctx.req.headers.accept ?? ''));
}

/** The field manager of a write: the query parameter, else one derived from the user agent. @internal */
export function fieldManagerOf(ctx: HandlerContext): string | undefined {
  const explicit = ctx.query.get('fieldManager');
  if (explicit) return explicit;
  const agent = String(ctx.req.headers['user-agent'] ?? '');
  const name = agent.split('/')[0];
  return name ? name.slice(0, 128) : undefined;
}
