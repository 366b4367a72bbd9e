import { ApiError } from '../errors';
import { storageKeyOf } from '../registry/ResourceType';
import { StoreEvent } from '../store/ObjectStore';
import { deepCopy, KubeObject } from '../types';
import { ControllerContext, scopeOf } from './ControllerContext';
import { KeyedLoop } from './KeyedLoop';

interface Ref {
  resource: string;
  namespace?: string;
  name: string;
}

const encode = (ref: Ref) => JSON.stringify([ref.resource, ref.namespace ?? '', ref.name]);
const decode = (key: string): Ref => {
  const [resource, namespace, name] = JSON.parse(key);
  return { resource, namespace: namespace || undefined, name };
};

/**
 * Owner-reference garbage collection: dependents whose owners are all gone are deleted;
 * `foregroundDeletion` owners wait for their dependents; `orphan` owners release them.
 * @internal
 */
export class GarbageCollector {
  private readonly byUid = new Map<string, Ref>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly loop: KeyedLoop;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: ControllerContext) {
    this.loop = new KeyedLoop('garbage-collector', key => this.process(decode(key)), ctx.clock, ctx.onError);
    for (const type of ctx.api.registry.all()) {
      const resource = storageKeyOf(type);
      for (const object of ctx.api.store.peekAll(resource)) this.index(resource, object, undefined);
    }
    this.unsubscribe = ctx.api.store.subscribe(event => this.observe(event));
    // Objects restored with dangling owners are checked once.
    for (const [uid, set] of this.dependents) if (!this.byUid.has(uid)) set.forEach(k => this.loop.enqueue(k));
  }

  stop() {
    this.unsubscribe();
    this.loop.stop();
  }

  private refOf(resource: string, object: KubeObject): Ref {
    return { resource, namespace: object.metadata.namespace, name: object.metadata.name! };
  }

  private index(resource: string, object: KubeObject | undefined, previous: KubeObject | undefined) {
    const key = encode(this.refOf(resource, (object ?? previous)!));
    for (const ref of previous?.metadata.ownerReferences ?? []) this.dependents.get(ref.uid)?.delete(key);
    if (object) {
      this.byUid.set(object.metadata.uid!, this.refOf(resource, object));
      for (const ref of object.metadata.ownerReferences ?? []) {
        let set = this.dependents.get(ref.uid);
        if (!set) {
          set = new Set();
          this.dependents.set(ref.uid, set);
        }
        set.add(key);
      }
    }
  }

  private observe(event: StoreEvent) {
    const object = event.object;
    const key = encode(this.refOf(event.resource, object));
    if (event.type === 'DELETED') {
      this.index(event.resource, undefined, event.previous);
      this.byUid.delete(object.metadata.uid!);
      for (const dependent of this.dependents.get(object.metadata.uid!) ?? []) this.loop.enqueue(dependent);
      return;
    }
    this.index(event.resource, object, event.previous);
    const finalizers = object.metadata.finalizers ?? [];
    if (object.metadata.deletionTimestamp && (finalizers.includes('foregroundDeletion') || finalizers.includes('orphan'))) {
      this.loop.enqueue(key);
      for (const dependent of this.dependents.get(object.metadata.uid!) ?? []) this.loop.enqueue(dependent);
    }
    if (object.metadata.ownerReferences?.some(ref => !this.byUid.has(ref.uid))) this.loop.enqueue(key);
    // A dependent leaving lets a foreground owner finish.
    for (const ref of event.previous?.metadata.ownerReferences ?? []) this.enqueueOwner(ref.uid);
  }

  private enqueueOwner(uid: string) {
    const owner = this.byUid.get(uid);
    if (owner) this.loop.enqueue(encode(owner));
  }

  private process(ref: Ref) {
    const { api } = this.ctx;
    const object = api.store.peek(ref.resource, ref.namespace, ref.name);
    if (!object) return;
    const finalizers = object.metadata.finalizers ?? [];
    if (object.metadata.deletionTimestamp && finalizers.includes('orphan')) {
      for (const dependentKey of [...(this.dependents.get(object.metadata.uid!) ?? [])]) {
        const dep = decode(dependentKey);
        const dependent = api.store.peek(dep.resource, dep.namespace, dep.name);
        if (!dependent) continue;
        const next = deepCopy(dependent);
        next.metadata.ownerReferences = next.metadata.ownerReferences!.filter(r => r.uid !== object.metadata.uid);
        if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
        api.update(scopeOf(api, dep.resource, dep.namespace), dep.name, next, { fieldManager: 'garbage-collector' });
      }
      this.removeFinalizer(ref, object, 'orphan');
      return;
    }
    if (object.metadata.deletionTimestamp && finalizers.includes('foregroundDeletion')) {
      const remaining = [...(this.dependents.get(object.metadata.uid!) ?? [])].filter(k => {
        const dep = decode(k);
        return api.store.peek(dep.resource, dep.namespace, dep.name) !== undefined;
      });
      for (const dependentKey of remaining) {
        const dep = decode(dependentKey);
        this.deleteQuietly(dep, 'Foreground');
      }
      if (remaining.length === 0) this.removeFinalizer(ref, object, 'foregroundDeletion');
      return;
    }
    const owners = object.metadata.ownerReferences ?? [];
    if (owners.length > 0 && owners.every(owner => !this.byUid.has(owner.uid))) {
      this.deleteQuietly(ref, 'Background');
    }
  }

  private removeFinalizer(ref: Ref, object: KubeObject, finalizer: string) {
    const next = deepCopy(object);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter(f => f !== finalizer);
    this.ctx.api.update(scopeOf(this.ctx.api, ref.resource, ref.namespace), ref.name, next, { fieldManager: 'garbage-collector' });
  }

  private deleteQuietly(ref: Ref, propagationPolicy: 'Foreground' | 'Background') {
    try {
      this.ctx.api.delete(scopeOf(this.ctx.api, ref.resource, ref.namespace), ref.name, { propagationPolicy });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 404)) throw error;
    }
  }
}
