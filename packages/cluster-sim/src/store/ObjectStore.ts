import { withoutRequestUser } from '../auth/requestUser';
import { KubeObject, deepCopy } from '../types';

/** The kind of change a store event reports. @public */
export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change to one object, with the resourceVersion that change received. @public */
export interface StoreEvent {
  type: StoreEventType;
  /** The storage key of the resource, e.g. `pods` or `workspaces.kaito.sh`. */
  resource: string;
  resourceVersion: number;
  /** The object after the change (for DELETED: as it was, carrying the delete's resourceVersion). Read-only. */
  object: KubeObject;
  /** The object before the change, for MODIFIED and DELETED. Read-only. */
  previous?: KubeObject;
}

/** @public */
export type StoreListener = (event: StoreEvent) => void;

/** Options of {@link ObjectStore}. @public */
export interface ObjectStoreOptions {
  /** Events kept per resource for watches that resume from an older resourceVersion. */
  historySize?: number;
}

/** A serialisable copy of the whole store. @public */
export interface StoreSnapshot {
  resourceVersion: number;
  resources: Record<string, KubeObject[]>;
}

class EventHistory {
  private events: StoreEvent[] = [];
  private start = 0;
  /** Every event with a resourceVersion above this one is still held. */
  oldestResumableVersion: number;

  constructor(private readonly capacity: number, initialVersion: number) {
    this.oldestResumableVersion = initialVersion;
  }

  push(event: StoreEvent) {
    this.events.push(event);
    if (this.events.length - this.start > this.capacity) {
      this.oldestResumableVersion = this.events[this.start].resourceVersion;
      this.start++;
      if (this.start > this.capacity) {
        this.events = this.events.slice(this.start);
        this.start = 0;
      }
    }
  }

  /** Forgets every held event: resuming from any version before `version` is then expired. */
  expire(version: number) {
    this.events = [];
    this.start = 0;
    this.oldestResumableVersion = Math.max(this.oldestResumableVersion, version);
  }

  since(version: number): StoreEvent[] | 'expired' {
    if (version < this.oldestResumableVersion) return 'expired';
    const result: StoreEvent[] = [];
    for (let i = this.events.length - 1; i >= this.start; i--) {
      if (this.events[i].resourceVersion <= version) break;
      result.push(this.events[i]);
    }
    return result.reverse();
  }
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * In-memory object storage. One global resourceVersion counter orders every write, so a watch can
 * resume from any list's resourceVersion; a bounded per-resource history answers those resumes and
 * reports versions that fell out of it as expired. Objects are copied on the way in and out.
 * @public
 */
export class ObjectStore {
  private version = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  /** The same objects by resource, then namespace: a namespaced read looks at that namespace only. */
  private readonly byNamespace = new Map<string, Map<string, Map<string, KubeObject>>>();
  private readonly histories = new Map<string, EventHistory>();
  private readonly listeners = new Set<StoreListener>();
  private readonly historySize: number;
  /**
   * No watch can resume from before this version: events before a restore were never seen here,
   * and expired history is gone.
   */
  private historyFloor = 0;

  constructor(options: ObjectStoreOptions = {}) {
    this.historySize = options.historySize ?? 10_000;
  }

  /** The resourceVersion of the latest write. */
  get resourceVersion(): number {
    return this.version;
  }

  /** A copy of one object, or undefined. */
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return deepCopy(this.peek(resource, namespace, name));
  }

  /** The stored object itself; callers must not modify it. @internal */
  peek(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(resource)?.get(keyOf(namespace, name));
  }

  /** Stored objects (not copies) sorted by namespace then name; callers must not modify them. @internal */
  peekAll(resource: string, namespace?: string): KubeObject[] {
    const bucket = namespace ? this.byNamespace.get(resource)?.get(namespace) : this.objects.get(resource);
    if (!bucket) return [];
    const items = [...bucket];
    items.sort((a, b) => compareKeys(a[0], b[0]));
    return items.map(entry => entry[1]);
  }

  /** Copies of the objects of a resource, sorted by namespace then name. */
  list(resource: string, namespace?: string): KubeObject[] {
    return this.peekAll(resource, namespace).map(o => deepCopy(o));
  }

  /** Number of objects held for a resource. */
  count(resource: string): number {
    return this.objects.get(resource)?.size ?? 0;
  }

  /**
   * Stores an object (a copy), giving it the next resourceVersion, and reports the change.
   * Returns a copy of what was stored.
   */
  put(resource: string, object: KubeObject): KubeObject {
    const stored = deepCopy(object);
    const key = keyOf(stored.metadata.namespace, stored.metadata.name!);
    let bucket = this.objects.get(resource);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(resource, bucket);
    }
    const previous = bucket.get(key);
    this.version++;
    stored.metadata.resourceVersion = String(this.version);
    bucket.set(key, stored);
    this.namespaceBucket(resource, stored.metadata.namespace)?.set(key, stored);
    this.emit({ type: previous ? 'MODIFIED' : 'ADDED', resource, resourceVersion: this.version, object: stored, previous });
    return deepCopy(stored);
  }

  /** Removes an object and reports it DELETED with a new resourceVersion. Returns the removed object. */
  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const bucket = this.objects.get(resource);
    const key = keyOf(namespace, name);
    const previous = bucket?.get(key);
    if (!bucket || !previous) return undefined;
    bucket.delete(key);
    const inNamespace = namespace ? this.byNamespace.get(resource)?.get(namespace) : undefined;
    inNamespace?.delete(key);
    if (inNamespace?.size === 0) this.byNamespace.get(resource)!.delete(namespace!);
    this.version++;
    const removed = deepCopy(previous);
    removed.metadata.resourceVersion = String(this.version);
    this.emit({ type: 'DELETED', resource, resourceVersion: this.version, object: removed, previous });
    return deepCopy(removed);
  }

  /**
   * The events of a resource after a resourceVersion, oldest first, or 'expired' when some of them
   * are no longer held.
   */
  eventsSince(resource: string, resourceVersion: number): StoreEvent[] | 'expired' {
    return this.historyOf(resource).since(resourceVersion);
  }

  /**
   * Drops the held watch history (of one resource, or of all), as etcd compaction does: a watch
   * that resumes from a version before now gets `410 Expired` and its client must list again.
   * Open watches are not affected.
   */
  expireHistory(resource?: string): void {
    if (resource) {
      this.historyOf(resource).expire(this.version);
      return;
    }
    this.historyFloor = this.version;
    for (const history of this.histories.values()) history.expire(this.version);
  }

  /** Registers a listener called synchronously on every change. Returns the unsubscribe function. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A copy of everything, for persistence. */
  snapshot(): StoreSnapshot {
    const resources: Record<string, KubeObject[]> = {};
    for (const [resource, bucket] of this.objects) {
      if (bucket.size > 0) resources[resource] = [...bucket.values()].map(o => deepCopy(o));
    }
    return { resourceVersion: this.version, resources };
  }

  /**
   * Replaces the contents with a snapshot, keeping each object's resourceVersion. Watches cannot
   * resume from before the restore: their versions are reported expired.
   */
  restore(snapshot: StoreSnapshot): void {
    this.objects.clear();
    this.byNamespace.clear();
    this.histories.clear();
    this.version = Math.max(this.version, snapshot.resourceVersion);
    this.historyFloor = this.version;
    for (const [resource, items] of Object.entries(snapshot.resources)) {
      const bucket = new Map<string, KubeObject>();
      this.objects.set(resource, bucket);
      for (const item of items) {
        const key = keyOf(item.metadata.namespace, item.metadata.name!);
        const stored = deepCopy(item);
        bucket.set(key, stored);
        this.namespaceBucket(resource, stored.metadata.namespace)?.set(key, stored);
      }
    }
  }

  /** The namespace's objects of a resource (created on first use), or undefined for a cluster-scoped object. */
  private namespaceBucket(resource: string, namespace: string | undefined): Map<string, KubeObject> | undefined {
    if (!namespace) return undefined;
    let namespaces = this.byNamespace.get(resource);
    if (!namespaces) this.byNamespace.set(resource, (namespaces = new Map()));
    let bucket = namespaces.get(namespace);
    if (!bucket) namespaces.set(namespace, (bucket = new Map()));
    return bucket;
  }

  private historyOf(resource: string): EventHistory {
    let history = this.histories.get(resource);
    if (!history) {
      history = new EventHistory(this.historySize, this.historyFloor);
      this.histories.set(resource, history);
    }
    return history;
  }

  private emit(event: StoreEvent) {
    this.historyOf(event.resource).push(event);
    withoutRequestUser(() => {
      for (const listener of this.listeners) listener(event);
    });
  }
}
