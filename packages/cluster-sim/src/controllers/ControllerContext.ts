import { RequestScope, ResourceApi } from '../api/ResourceApi';
import { ApiError } from '../errors';
import { ResourceType, storageKeyOf } from '../registry/ResourceType';
import { canonicalJson, Clock, deepCopy, KubeObject, OwnerReference } from '../types';
import { EventRecorder } from './EventRecorder';

/** What every simulated controller works with. @internal */
export interface ControllerContext {
  api: ResourceApi;
  clock: Clock;
  events: EventRecorder;
  onError(controller: string, key: string, error: unknown): void;
}

/** `namespace/name` or `name`. @internal */
export function objectKey(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name!;
}

/** Splits an object key. @internal */
export function splitKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The scope of a resource by storage key, at its preferred version. @internal */
export function scopeOf(api: ResourceApi, storageKey: string, namespace?: string, subresource?: string): RequestScope {
  const type = api.registry.byStorageKey(storageKey);
  if (!type) throw new ApiError(404, 'NotFound', `resource ${storageKey} is not served`);
  return { type, version: type.versions[0], namespace: type.namespaced ? namespace : undefined, subresource };
}

/** Replaces an object's status if it changed (writing through /status when the resource has one). @internal */
export function writeStatus(api: ResourceApi, storageKey: string, object: KubeObject, status: unknown, manager: string): void {
  if (canonicalJson(object.status) === canonicalJson(status)) return;
  const type = api.registry.byStorageKey(storageKey)!;
  const hasStatus = type.subresources.includes('status');
  const next = deepCopy(object);
  next.status = status;
  api.update(scopeOf(api, storageKey, object.metadata.namespace, hasStatus ? 'status' : undefined), object.metadata.name!, next, {
    fieldManager: manager,
  });
}

/** A controller owner reference to an object. @internal */
export function controllerRef(owner: KubeObject, type: ResourceType): OwnerReference {
  return {
    apiVersion: type.group ? `${type.group}/${type.versions[0]}` : type.versions[0],
    kind: type.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The objects of a resource controlled by an owner. @internal */
export function ownedBy(api: ResourceApi, storageKey: string, owner: KubeObject): KubeObject[] {
  return api.store
    .peekAll(storageKey, owner.metadata.namespace)
    .filter(o => o.metadata.ownerReferences?.some(ref => ref.uid === owner.metadata.uid && ref.controller));
}

/** Sets (or refreshes) one condition in a list, moving lastTransitionTime only when the status changes. @internal */
export function setCondition(
  conditions: any[] | undefined,
  condition: { type: string; status: string; reason?: string; message?: string },
  time: string,
  extra: Record<string, unknown> = {},
): any[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex(c => c.type === condition.type);
  const previous = index >= 0 ? list[index] : undefined;
  const next = {
    ...extra,
    ...condition,
    lastTransitionTime: previous && previous.status === condition.status ? previous.lastTransitionTime : time,
  };
  if (index >= 0) list[index] = { ...previous, ...next };
  else list.push(next);
  return list;
}

export { storageKeyOf };
