import {
  CoreV1Event,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  makeInformer,
} from '@kubernetes/client-node';
import { KaitoLabels } from '@kaito-backstage/plugin-kaito-common';
import { KubeJsonClient } from '../kube/KubeJsonClient';
import { WATCHED_KINDS, WatchedKind } from './watchedKinds';

type Informer = ReturnType<typeof makeInformer<KubernetesObject>>;

/** Why the cache calls back: an object of a kind changed. @internal */
export type CacheEvent = {
  kind: WatchedKind;
  type: 'add' | 'update' | 'delete';
  object: KubernetesObject;
  /** `namespace/name` of the workspace the object belongs to, if any. */
  workspace?: string;
};

/** @internal */
export interface ClusterCacheOptions {
  kubeConfig: KubeConfig;
  onEvent: (event: CacheEvent) => void;
  onError?: (kind: WatchedKind, error: unknown, restartInMs: number) => void;
  /** Kinds to watch. @default all of WATCHED_KINDS */
  kinds?: WatchedKind[];
  /**
   * A kind the cluster does not serve (its CRD is not installed): called once,
   * then it is re-checked quietly every `recheckMissingKindMs` instead of
   * failing and restarting in a loop.
   */
  onKindMissing?: (kind: WatchedKind, error: unknown) => void;
  /** A kind reported missing is served now and watched. */
  onKindServed?: (kind: WatchedKind) => void;
  /** How often a missing kind is looked for again. @default 60 000 */
  recheckMissingKindMs?: (kind: WatchedKind) => number;
}

/**
 * Whether an error means the API server does not serve the kind at all: a 404
 * for the whole collection, or client-node's discovery not knowing it.
 *
 * @internal
 */
export function isKindNotServed(error: unknown): boolean {
  if ((error as { code?: unknown; statusCode?: unknown })?.code === 404) return true;
  if ((error as { statusCode?: unknown })?.statusCode === 404) return true;
  return /Unrecognized API version and kind/.test(String((error as Error)?.message ?? ''));
}

/** `namespace/name` of an object (name alone for cluster-scoped objects). @internal */
export function objectKey(object: KubernetesObject): string {
  const { namespace, name } = object.metadata ?? {};
  return namespace ? `${namespace}/${name}` : `${name}`;
}

/**
 * The workspace an object belongs to: its controller ownerReference to a
 * `kaito.sh` Workspace, else Kaito's `kaito.sh/workspace` labels (NodeClaims
 * and nodes are cluster-scoped and carry the namespace as a label too).
 *
 * @internal
 */
export function owningWorkspace(
  kind: WatchedKind,
  object: KubernetesObject,
): string | undefined {
  const metadata = object.metadata ?? {};
  if (kind === 'Workspace') return objectKey(object);
  if (kind === 'Event') {
    const about = (object as CoreV1Event).involvedObject;
    return about?.kind === 'Workspace' && about.apiVersion?.startsWith('kaito.sh/') ? `${about.namespace ?? metadata.namespace}/${about.name}` : undefined;
  }
  const owner = metadata.ownerReferences?.find(
    ref => ref.kind === 'Workspace' && ref.apiVersion?.startsWith('kaito.sh/'),
  );
  if (owner && metadata.namespace) return `${metadata.namespace}/${owner.name}`;
  const labels = metadata.labels ?? {};
  const name =
    labels[KaitoLabels.workspace] ?? labels[KaitoLabels.karpenterWorkspaceName] ??
    labels[KaitoLabels.revisionWorkspaceName];
  const namespace =
    labels[KaitoLabels.workspaceNamespace] ??
    labels[KaitoLabels.karpenterWorkspaceNamespace] ??
    metadata.namespace;
  return name && namespace ? `${namespace}/${name}` : undefined;
}

/**
 * Informers for every kind the controller reads, with an index from each
 * workspace to its children. Reconciles read only this cache; informers that
 * fail are restarted with backoff (1 s doubling to 30 s, reset by any event).
 *
 * @internal
 */
export class ClusterCache {
  readonly #options: ClusterCacheOptions;
  /** The informers' lists, as plain JSON: the objects as the API server wrote them, as their watches bring them. */
  readonly #api: KubeJsonClient;
  readonly #informers = new Map<WatchedKind, Informer>();
  /** kind → workspace key → object key → object */
  readonly #byWorkspace = new Map<WatchedKind, Map<string, Map<string, KubernetesObject>>>();
  /** kind → object key → object, for objects of no workspace (e.g. bring-your-own nodes). */
  readonly #unowned = new Map<WatchedKind, Map<string, KubernetesObject>>();
  /** kind → object key → the workspace it was indexed under, to move it when its labels change. */
  readonly #ownerOf = new Map<WatchedKind, Map<string, string>>();
  readonly #restartDelayMs = new Map<WatchedKind, number>();
  readonly #restartTimers = new Set<ReturnType<typeof setTimeout>>();
  /** Kinds reported as not served, until they are. */
  readonly #missing = new Set<WatchedKind>();
  /** Failures per kind, to tell a restart that listed from one that failed again. */
  readonly #failures = new Map<WatchedKind, number>();
  /** Kinds whose informer has listed and not failed since: their objects are current. */
  readonly #synced = new Set<WatchedKind>();
  /** `namespace/name` of the object an Event is about → event key → Event (the details' event list). */
  readonly #eventsAbout = new Map<string, Map<string, CoreV1Event>>();
  #stopped = false;

  constructor(options: ClusterCacheOptions) {
    this.#options = options;
    this.#api = new KubeJsonClient(options.kubeConfig);
  }

  /** Starts the informers (`kinds`, else the configured ones); resolves when each has finished its first list. */
  async start(kinds: WatchedKind[] = this.#options.kinds ?? (Object.keys(WATCHED_KINDS) as WatchedKind[])): Promise<void> {
    this.#stopped = false;
    await Promise.all(kinds.map(kind => this.#startInformer(kind)));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#synced.clear();
    this.#restartTimers.forEach(clearTimeout);
    this.#restartTimers.clear();
    await Promise.all([...this.#informers.values()].map(i => i.stop()));
  }

  /** One object from the cache. */
  get<T extends KubernetesObject>(kind: WatchedKind, name: string, namespace?: string): T | undefined {
    return this.#informers.get(kind)?.get(name, namespace) as T | undefined;
  }

  /** Every cached object of a kind, optionally in one namespace. */
  list<T extends KubernetesObject>(kind: WatchedKind, namespace?: string): T[] {
    return (this.#informers.get(kind)?.list(namespace) ?? []) as T[];
  }

  /** The cached objects of a kind that belong to a workspace (`namespace/name`). */
  childrenOf<T extends KubernetesObject>(kind: WatchedKind, workspace: string): T[] {
    return [...(this.#byWorkspace.get(kind)?.get(workspace)?.values() ?? [])] as T[];
  }

  /** The cached objects of a kind that belong to no workspace (e.g. nodes not made by Kaito). */
  unowned<T extends KubernetesObject>(kind: WatchedKind): T[] {
    return [...(this.#unowned.get(kind)?.values() ?? [])] as T[];
  }

  /**
   * The cached Events about objects of one namespace, by the objects' names.
   * Only meaningful while `isSynced('Event')`; otherwise list them.
   */
  eventsAbout(namespace: string, names: Iterable<string>): CoreV1Event[] {
    const events: CoreV1Event[] = [];
    for (const name of names) events.push(...(this.#eventsAbout.get(`${namespace}/${name}`)?.values() ?? []));
    return events;
  }

  /** Whether a kind's informer has listed and is watching (its cache is current). */
  isSynced(kind: WatchedKind): boolean {
    return this.#synced.has(kind);
  }

  /**
   * Files an Event under the object it is about; returns its workspace: the
   * Workspace itself, or the workspace of the cached Pod it is about.
   */
  #indexEvent(event: CoreV1Event, removed: boolean): string | undefined {
    const about = event.involvedObject ?? {};
    const namespace = about.namespace ?? event.metadata?.namespace ?? '';
    const objectId = `${namespace}/${about.name}`;
    const key = objectKey(event);
    let events = this.#eventsAbout.get(objectId);
    if (removed) {
      events?.delete(key);
      if (events?.size === 0) this.#eventsAbout.delete(objectId);
    } else {
      if (!events) this.#eventsAbout.set(objectId, (events = new Map()));
      events.set(key, event);
    }
    if (about.kind === 'Pod' && about.name) {
      const pod = this.get('Pod', about.name, namespace);
      return pod ? owningWorkspace('Pod', pod) : undefined;
    }
    return owningWorkspace('Event', event);
  }

  /** Files an object under its workspace, or as unowned; returns the workspace. */
  #index(kind: WatchedKind, object: KubernetesObject, removed: boolean): string | undefined {
    if (kind === 'Event') return this.#indexEvent(object as CoreV1Event, removed);
    const byWorkspace = this.#byWorkspace.get(kind)!;
    const unowned = this.#unowned.get(kind)!;
    const owners = this.#ownerOf.get(kind)!;
    const key = objectKey(object);
    const workspace = owningWorkspace(kind, object);
    const before = owners.get(key);
    if (before !== undefined && (removed || before !== workspace)) {
      const children = byWorkspace.get(before);
      children?.delete(key);
      if (children?.size === 0) byWorkspace.delete(before);
      owners.delete(key);
    }
    unowned.delete(key);
    if (removed) return workspace;
    if (workspace) {
      let children = byWorkspace.get(workspace);
      if (!children) byWorkspace.set(workspace, (children = new Map()));
      children.set(key, object);
      owners.set(key, workspace);
    } else {
      unowned.set(key, object);
    }
    return workspace;
  }

  async #startInformer(kind: WatchedKind): Promise<void> {
    const spec = WATCHED_KINDS[kind];
    const [apiVersion] = [spec.apiVersion];
    const labelSelector = 'labelSelector' in spec ? spec.labelSelector : undefined;
    // List items come without apiVersion and kind (as from a real API server); the
    // reconciler needs them on every object (owner references, status patches).
    const list = async () => {
      // Times stay strings, as in watch events (client-node's typed list made them Dates).
      const result = await this.#api.request<KubernetesListObject<KubernetesObject>>('GET', spec.path, { query: { labelSelector } });
      for (const item of result.items) {
        item.apiVersion ??= apiVersion;
        item.kind ??= kind;
      }
      return result;
    };
    const informer = makeInformer(this.#options.kubeConfig, spec.path, list, labelSelector);
    this.#byWorkspace.set(kind, new Map());
    this.#unowned.set(kind, new Map());
    this.#ownerOf.set(kind, new Map());

    const upsert = (type: 'add' | 'update') => (object: KubernetesObject) => {
      this.#restartDelayMs.delete(kind);
      const workspace = this.#index(kind, object, false);
      this.#options.onEvent({ kind, type, object, workspace });
    };
    informer.on('add', upsert('add'));
    informer.on('update', upsert('update'));
    informer.on('delete', object => {
      const workspace = this.#index(kind, object, true);
      this.#options.onEvent({ kind, type: 'delete', object, workspace });
    });
    informer.on('error', error => {
      this.#synced.delete(kind);
      this.#restartLater(kind, informer, error);
    });

    this.#informers.set(kind, informer);
    try {
      const failuresBefore = this.#failures.get(kind);
      await informer.start();
      if (this.#failures.get(kind) === failuresBefore) this.#synced.add(kind);
    } catch (error) {
      // A kind the cluster does not serve (e.g. no Karpenter CRDs) is watched
      // once it appears; Events only add detail (a cluster granting `list` but
      // not `watch` on them is read by listing); anything else means the
      // cluster is not usable.
      const optional = kind === 'Event' || (error as { code?: number })?.code === 404;
      if (!optional || kind === 'Workspace') throw error;
      this.#restartLater(kind, informer, error);
    }
  }

  /** Kinds the cluster does not serve right now. */
  get missingKinds(): WatchedKind[] {
    return [...this.#missing];
  }

  #restartLater(kind: WatchedKind, informer: Informer, error: unknown): void {
    if (this.#stopped) return;
    this.#failures.set(kind, (this.#failures.get(kind) ?? 0) + 1);
    let delay: number;
    if (kind !== 'Workspace' && isKindNotServed(error)) {
      // Report once; look again slowly: a CRD is not installed in seconds.
      if (!this.#missing.has(kind)) {
        this.#missing.add(kind);
        this.#options.onKindMissing?.(kind, error);
      }
      delay = this.#options.recheckMissingKindMs?.(kind) ?? 60_000;
    } else {
      delay = this.#restartDelayMs.get(kind) ?? 1000;
      this.#restartDelayMs.set(kind, Math.min(delay * 2, 30_000));
      this.#options.onError?.(kind, error, delay);
    }
    const timer = setTimeout(() => {
      this.#restartTimers.delete(timer);
      if (this.#stopped) return;
      const failuresBefore = this.#failures.get(kind);
      // The informer reports a failed list through its error event, not by rejecting.
      informer
        .start()
        .then(() => this.#failures.get(kind) === failuresBefore && this.#served(kind))
        .catch(e => this.#restartLater(kind, informer, e));
    }, delay);
    this.#restartTimers.add(timer);
  }

  /** A kind restarted and listed: it is current, and served if it was reported missing. */
  #served(kind: WatchedKind): void {
    if (!this.#stopped) this.#synced.add(kind);
    if (this.#missing.delete(kind)) this.#options.onKindServed?.(kind);
  }
}
