/** Who is making a request, as an authenticator reports it. @public */
export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
}

/**
 * What a request asks to do, as the API server's request-info resolver sees it: either a resource
 * request (verb, API group, resource, subresource, namespace, name) or a request for a plain path.
 * @public
 */
export type AuthorizationAttributes =
  | {
      resourceRequest: true;
      verb: string;
      apiGroup: string;
      apiVersion: string;
      resource: string;
      subresource?: string;
      namespace?: string;
      name?: string;
    }
  | { resourceRequest: false; verb: string; path: string };

/** A resource request's attributes. @public */
export type ResourceAttributes = Extract<AuthorizationAttributes, { resourceRequest: true }>;

const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** `namespaces/{name}/{sub}` addresses the namespace itself for these subresources. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** Path segments a real server accepts as a name (path.IsValidPathSegmentName). */
function isValidPathSegmentName(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%');
}

function isTrue(value: string | null): boolean {
  return value === 'true' || value === '1';
}

/** The name a field selector pins exactly (`metadata.name=x` or `metadata.name==x`), if that is all it says about the name. */
function exactNameOf(fieldSelector: string | null): string | undefined {
  if (!fieldSelector) return undefined;
  let name: string | undefined;
  for (const term of fieldSelector.split(',')) {
    const match = /^\s*metadata\.name\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!match) continue;
    if (match[1] === '!=') return undefined;
    if (name !== undefined && name !== match[2]) return undefined;
    name = match[2];
  }
  return name;
}

/**
 * Resolves the authorization attributes of an HTTP request the way kube-apiserver's
 * RequestInfoFactory does: paths with fewer than three segments, or outside `/api` and `/apis`, are
 * non-resource requests with the lower-cased method as verb; a GET without a name is `list`, or
 * `watch` with `watch=true` or a `/watch/` prefix; a DELETE without a name is `deletecollection`;
 * a list or watch whose field selector pins `metadata.name` is authorized with that name, so
 * `resourceNames` rules apply to it.
 * @public
 */
export function attributesOfRequest(method: string, url: URL): AuthorizationAttributes {
  const path = url.pathname;
  const parts = path.split('/').filter(p => p.length > 0).map(p => decodeURIComponent(p));
  const nonResource = (): AuthorizationAttributes => ({ resourceRequest: false, verb: method.toLowerCase(), path });
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis')) return nonResource();
  let rest = parts.slice(1);
  let apiGroup = '';
  if (parts[0] === 'apis') {
    if (rest.length < 3) return nonResource();
    apiGroup = rest[0];
    rest = rest.slice(1);
  }
  const apiVersion = rest[0];
  rest = rest.slice(1);
  let verb = METHOD_VERBS[method.toUpperCase()] ?? method.toLowerCase();
  let viaWatchPrefix = false;
  if (rest[0] === 'watch' && rest.length >= 2) {
    verb = 'watch';
    viaWatchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) rest = rest.slice(2);
  }
  const [resource, pathName, subresource] = rest;
  let name = pathName;
  if (!name && verb === 'get') {
    verb = isTrue(url.searchParams.get('watch')) ? 'watch' : 'list';
  }
  if (!name && (verb === 'list' || verb === 'watch')) {
    const pinned = exactNameOf(url.searchParams.get('fieldSelector'));
    if (pinned && isValidPathSegmentName(pinned)) name = pinned;
  }
  // A GET of one object with watch=true is served as a watch here; authorize it as one.
  if (name && pathName && verb === 'get' && !subresource && !viaWatchPrefix && isTrue(url.searchParams.get('watch'))) verb = 'watch';
  if (!name && verb === 'delete') verb = 'deletecollection';
  return {
    resourceRequest: true,
    verb,
    apiGroup,
    apiVersion,
    resource: resource ?? '',
    ...(subresource ? { subresource } : {}),
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}
