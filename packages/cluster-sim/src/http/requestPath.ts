/**
 * Where a request points: a discovery document, or a resource (with namespace, name,
 * subresource and, for proxies, the remaining path).
 * @internal
 */
export type ParsedPath =
  | { kind: 'resource'; group: string; version: string; plural: string; namespace?: string; name?: string; subresource?: string; rest?: string }
  | { kind: 'discovery'; group?: string; version?: string; legacy: boolean }
  | { kind: 'other'; path: string };

/** Parses an API path into its parts. @internal */
export function parseRequestPath(pathname: string): ParsedPath {
  const rawParts = pathname.split('/').filter(p => p.length > 0);
  const parts = rawParts.map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { kind: 'discovery', legacy: true };
    group = '';
    version = parts[1];
    rest = parts.slice(2);
    if (rest.length === 0) return { kind: 'discovery', legacy: true, group: '', version };
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { kind: 'discovery', legacy: false };
    if (parts.length === 2) return { kind: 'discovery', legacy: false, group: parts[1] };
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
    if (rest.length === 0) return { kind: 'discovery', legacy: false, group, version };
  } else {
    return { kind: 'other', path: pathname };
  }
  let namespace: string | undefined;
  // `namespaces/{ns}/{resource}...` addresses a namespaced resource; `namespaces/{name}[/status]` the namespace.
  if (rest[0] === 'namespaces' && rest.length >= 3 && !['status', 'finalize'].includes(rest[2])) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const subresourceIndex = parts.length - rest.length + 2;
  const [plural, name, subresource] = rest;
  const proxyPath = `/${rawParts.slice(subresourceIndex + 1).join('/')}${pathname.endsWith('/') && rawParts.length > subresourceIndex + 1 ? '/' : ''}`;
  return {
    kind: 'resource',
    group,
    version,
    plural,
    namespace,
    name,
    subresource,
    rest: subresource === 'proxy' ? proxyPath : undefined,
  };
}
