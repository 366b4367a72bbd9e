import { ServerResponse } from 'node:http';
import { ResourceRegistry, sortVersions } from '../../registry/ResourceRegistry';
import { apiVersionOf, ResourceType } from '../../registry/ResourceType';
import { ApiError } from '../../errors';
import { sendJson } from '../respond';

const SUBRESOURCE_KINDS: Record<string, string> = { log: 'Pod', scale: 'Scale', binding: 'Binding', eviction: 'Eviction', token: 'TokenRequest' };
const SUBRESOURCE_VERBS: Record<string, string[]> = {
  log: ['get'],
  proxy: ['create', 'delete', 'get', 'patch', 'update'],
  binding: ['create'],
  eviction: ['create'],
  token: ['create'],
};

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function resourceEntries(type: ResourceType) {
  const main = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.verbs ?? VERBS,
    ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length ? { categories: type.categories } : {}),
    storageVersionHash: Buffer.from(`${type.group}/${type.plural}`).toString('base64').slice(0, 11),
  };
  const subresources = type.subresources.map(sub => ({
    name: `${type.plural}/${sub}`,
    singularName: '',
    namespaced: type.namespaced,
    kind: SUBRESOURCE_KINDS[sub] ?? (sub === 'proxy' ? `${type.kind}ProxyOptions` : type.kind),
    verbs: SUBRESOURCE_VERBS[sub] ?? ['get', 'patch', 'update'],
    ...(sub === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}),
    ...(sub === 'token' ? { group: 'authentication.k8s.io', version: 'v1' } : {}),
  }));
  return [main, ...subresources];
}

/** Answers `/api`, `/apis`, `/apis/{group}` and the resource lists of a group version. @internal */
export function serveDiscovery(
  res: ServerResponse,
  registry: ResourceRegistry,
  path: { group?: string; version?: string; legacy: boolean },
): void {
  if (path.legacy && path.version === undefined) {
    sendJson(res, 200, {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }],
    });
    return;
  }
  const groups = registry.groups();
  const groupDocument = (g: { name: string; versions: string[] }) => ({
    name: g.name,
    versions: g.versions.map(v => ({ groupVersion: `${g.name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${g.name}/${g.versions[0]}`, version: g.versions[0] },
  });
  if (!path.legacy && path.group === undefined) {
    sendJson(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(groupDocument) });
    return;
  }
  if (!path.legacy && path.version === undefined) {
    const group = groups.find(g => g.name === path.group);
    if (!group) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    sendJson(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(group) });
    return;
  }
  const group = path.group ?? '';
  const types = registry.all().filter(t => t.group === group && t.versions.includes(path.version!));
  if (types.length === 0) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  sendJson(res, 200, {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(group, path.version!),
    resources: types.flatMap(resourceEntries),
  });
}

export { sortVersions };
