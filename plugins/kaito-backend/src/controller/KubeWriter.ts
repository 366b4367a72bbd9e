import { KubeConfig, KubernetesObject, KubernetesListObject } from '@kubernetes/client-node';
import { Workspace, WorkspaceStatus } from '@kaito-backstage/plugin-kaito-common';
import { LRUCache } from 'lru-cache';
import { KubeJsonClient } from '../kube/KubeJsonClient';
import { ForeignObjectError, isControlledBy } from './ownership';

/** How long a cluster-scoped read (the NVMe StorageClass) is reused: a burst of new workspaces asks once a second. */
export const CLUSTER_SCOPED_TTL_MS = 1000;

/** Field manager recorded on everything the controller writes. @internal */
export const FIELD_MANAGER = 'kaito-backstage-controller';

const MERGE_PATCH = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
/** Every write names the controller as its field manager. */
const AS_CONTROLLER = { fieldManager: FIELD_MANAGER };

/** HTTP status of a client-node ApiException, if it is one. @internal */
/**
 * A merge patch keeps every key it leaves out, so a status field the new status drops (a
 * benchmark result cleared by an upgrade) is sent as null to remove it.
 */
function removingDropped(previous: object | undefined, next: object): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...next };
  for (const key of Object.keys(previous ?? {})) if (!(key in next)) patch[key] = null;
  return patch;
}

export function apiErrorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Every write the controller makes to a cluster. Kept in one place so the
 * writes can be counted (metrics, benchmark) and observe mode can refuse them.
 *
 * @internal
 */
export class KubeWriter {
  /** Plain JSON requests (see KubeJsonClient for why not client-node's typed APIs). */
  readonly #api: KubeJsonClient;
  /** Write requests made so far, by kind of write. */
  readonly counts = { create: 0, patch: 0, status: 0, delete: 0, event: 0 };
  /** Writes that changed something: objects created (Events included) and status writes that landed. */
  readonly effective = { created: 0, status: 0 };
  /** Cluster-scoped reads kept for a while (undefined: there is none). */
  readonly #clusterScoped = new LRUCache<string, Promise<KubernetesObject | undefined>>({ max: 100, ttl: CLUSTER_SCOPED_TTL_MS });

  constructor(kubeConfig: KubeConfig) {
    this.#api = new KubeJsonClient(kubeConfig);
  }

  /** The last `tailLines` lines of a container's log (the benchmark's result is there). */
  async readPodLog(namespace: string, pod: string, container: string, tailLines: number): Promise<string> {
    return this.#api.requestText(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`, { container, tailLines });
  }

  /** Writes still allowed before every write is refused; unlimited when undefined. */
  #allowance?: number;

  /**
   * Refuses every write after the next `after` ones, as a process that died
   * would send none: used when a controller stops without finishing its work.
   */
  halt(after = 0): void {
    this.#allowance = after;
  }

  #beforeWrite(): void {
    if (this.#allowance === undefined) return;
    if (this.#allowance <= 0) throw new Error('the controller has stopped: write refused');
    this.#allowance--;
  }

  /** Every write request so far. */
  get total(): number {
    const { create, patch, status, delete: del, event } = this.counts;
    return create + patch + status + del + event;
  }

  /**
   * Reads one object the cache does not hold (a user's ConfigMap), undefined when there is
   * none. It lists by name, so the controller needs only the list right it watches with.
   */
  async read<T extends KubernetesObject>(apiVersion: string, kind: string, namespace: string, name: string): Promise<T | undefined> {
    const path = await this.#api.pathOf({ apiVersion, kind, metadata: { namespace } }, 'collection');
    const list = await this.#api.request<KubernetesListObject<T>>('GET', path, { query: { fieldSelector: `metadata.name=${name}` } });
    return list.items.find(item => item.metadata?.name === name);
  }

  /**
   * Gets one cluster-scoped object by name (a StorageClass), undefined when there is none.
   * Every new workspace asks whether the NVMe StorageClass exists (twice before its
   * StatefulSet is made); reads at the same time share one request and its answer is kept
   * for `CLUSTER_SCOPED_TTL_MS`, so 1,000 new workspaces make a few reads, not 2,000.
   * (Kaito reads it from its informer cache, which is as eventual.) A failed read is not kept.
   */
  async getClusterScoped<T extends KubernetesObject>(apiVersion: string, kind: string, name: string): Promise<T | undefined> {
    const key = `${apiVersion}/${kind}/${name}`;
    let read = this.#clusterScoped.get(key);
    if (!read) {
      const reading = this.#readClusterScoped(apiVersion, kind, name);
      this.#clusterScoped.set(key, reading);
      // Kept from when the answer came (a slow read is not asked again meanwhile); a failure is not kept.
      reading.then(
        () => this.#clusterScoped.peek(key) === reading && this.#clusterScoped.set(key, reading),
        () => this.#clusterScoped.peek(key) === reading && this.#clusterScoped.delete(key),
      );
      read = reading;
    }
    return (await read) as T | undefined;
  }

  async #readClusterScoped(apiVersion: string, kind: string, name: string): Promise<KubernetesObject | undefined> {
    try {
      return await this.#api.request<KubernetesObject>('GET', await this.#api.pathOf({ apiVersion, kind, metadata: { name } }, 'object'));
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  }

  /**
   * Asks the API server to create an object without keeping it (`dryRun=All`): its admission (a
   * missing namespace, a webhook, a quota) answers as it would for the real create. Not counted as a write.
   */
  async dryRunCreate(object: KubernetesObject): Promise<void> {
    await this.#api.request('POST', await this.#api.pathOf(object, 'collection'), { query: { ...AS_CONTROLLER, dryRun: 'All' }, body: object });
  }

  /** Creates an object; an object that already exists is not an error. */
  async create<T extends KubernetesObject>(object: T): Promise<T | undefined> {
    return (await this.#post<T>(object, 'answer'))?.created;
  }

  /**
   * POSTs an object: undefined when one of its name exists (a 409), else what
   * was created, parsed only when the caller wants the answer.
   */
  async #post<T>(object: KubernetesObject, answer: 'answer' | 'no answer'): Promise<{ created?: T } | undefined> {
    this.#beforeWrite();
    this.counts.create++;
    const path = await this.#api.pathOf(object, 'collection');
    const request = { query: AS_CONTROLLER, body: object };
    try {
      let created: T | undefined;
      if (answer === 'answer') created = await this.#api.request<T>('POST', path, request);
      else await this.#api.send('POST', path, request);
      this.effective.created++;
      return { created };
    } catch (error) {
      if (apiErrorCode(error) === 409) return undefined;
      throw error;
    }
  }

  /**
   * Creates one of a workspace's children. A 409 is success only when the
   * object that exists is controlled by the workspace (a create the cache has
   * not seen yet); anything else is someone else's object, which is read (the
   * informers see only labelled objects) and reported as a
   * {@link ForeignObjectError} without being touched. Answers whether it
   * created the object (false: it was there, and the workspace's).
   */
  async createChild(object: KubernetesObject, workspace: Workspace): Promise<boolean> {
    // The answer is not needed: the informer brings the object.
    if (await this.#post(object, 'no answer')) return true;
    const { apiVersion, kind, metadata } = object;
    const header = { apiVersion, kind, metadata: { name: metadata!.name!, namespace: metadata!.namespace } };
    let existing: KubernetesObject;
    try {
      existing = await this.#api.request<KubernetesObject>('GET', await this.#api.pathOf(header, 'object'));
    } catch (error) {
      // The shipped RBAC reads only kinds whose names users choose (Services, StatefulSets, Jobs);
      // an object we may not read is not known to be ours, so it is not ours.
      if (apiErrorCode(error) === 403) throw new ForeignObjectError(header, workspace.metadata);
      throw error;
    }
    if (isControlledBy(existing, workspace)) return false;
    throw new ForeignObjectError(existing, workspace.metadata);
  }

  /** JSON merge patch; `patch` must carry apiVersion, kind and metadata.name/namespace. */
  async mergePatch<T extends KubernetesObject>(patch: T): Promise<T> {
    this.#beforeWrite();
    this.counts.patch++;
    return this.#api.request<T>('PATCH', await this.#api.pathOf(patch, 'object'), { query: AS_CONTROLLER, body: patch, contentType: MERGE_PATCH });
  }

  /**
   * Removes the workspace's finalizer with a JSON patch guarded by a `test` of
   * its resourceVersion, so a stale view can never drop someone else's change.
   */
  async removeWorkspaceFinalizer(workspace: Workspace, finalizer: string): Promise<void> {
    const index = workspace.metadata.finalizers?.indexOf(finalizer) ?? -1;
    if (index < 0) return;
    this.#beforeWrite();
    this.counts.patch++;
    await this.#api.request('PATCH', customPath(workspace as KubernetesObject, 'workspaces'), {
      query: AS_CONTROLLER,
      body: [
        { op: 'test', path: '/metadata/resourceVersion', value: workspace.metadata.resourceVersion },
        { op: 'remove', path: `/metadata/finalizers/${index}` },
      ],
      contentType: JSON_PATCH,
    });
  }

  /** Replaces a Workspace's status through the status subresource; returns the new resourceVersion. */
  async patchWorkspaceStatus(workspace: Workspace, status: WorkspaceStatus): Promise<string | undefined> {
    return this.patchCustomStatus(workspace as KubernetesObject, 'workspaces', removingDropped(workspace.status, status));
  }

  /**
   * Merge-patches the status subresource of a `kaito.sh` object (a Workspace,
   * an InferenceSet); returns the new resourceVersion.
   */
  async patchCustomStatus(object: KubernetesObject, plural: string, status: unknown): Promise<string | undefined> {
    this.#beforeWrite();
    this.counts.status++;
    const updated = await this.#api.request<KubernetesObject>('PATCH', `${customPath(object, plural)}/status`, {
      query: AS_CONTROLLER,
      body: { status },
      contentType: MERGE_PATCH,
    });
    this.effective.status++;
    return updated?.metadata?.resourceVersion;
  }

  /**
   * Adds or removes a finalizer of a custom object with a JSON patch guarded by a `test` of
   * its resourceVersion, so a stale view never drops someone else's change.
   */
  async setCustomFinalizer(object: KubernetesObject, plural: string, finalizer: string, present: boolean): Promise<void> {
    const finalizers = object.metadata?.finalizers ?? [];
    const index = finalizers.indexOf(finalizer);
    if (present === index >= 0) return;
    this.#beforeWrite();
    this.counts.patch++;
    let change: object;
    if (!present) change = { op: 'remove', path: `/metadata/finalizers/${index}` };
    else if (finalizers.length) change = { op: 'add', path: '/metadata/finalizers/-', value: finalizer };
    else change = { op: 'add', path: '/metadata/finalizers', value: [finalizer] };
    await this.#api.request('PATCH', customPath(object, plural), {
      query: AS_CONTROLLER,
      body: [{ op: 'test', path: '/metadata/resourceVersion', value: object.metadata!.resourceVersion }, change],
      contentType: JSON_PATCH,
    });
  }

  /** Creates a core/v1 Event. */
  async createEvent(event: KubernetesObject): Promise<void> {
    this.#beforeWrite();
    this.counts.event++;
    await this.#api.send('POST', `/api/v1/namespaces/${encodeURIComponent(event.metadata!.namespace!)}/events`, { query: AS_CONTROLLER, body: event });
    this.effective.created++;
  }

  /** Raises the count of an Event recorded before. */
  async countUpEvent(namespace: string, name: string, count: number, lastTimestamp: string): Promise<void> {
    this.#beforeWrite();
    this.counts.event++;
    await this.#api.request('PATCH', `/api/v1/namespaces/${encodeURIComponent(namespace)}/events/${encodeURIComponent(name)}`, {
      query: AS_CONTROLLER,
      body: { count, lastTimestamp },
      contentType: MERGE_PATCH,
    });
  }

  /** Deletes an object; one already gone is not an error. */
  async delete(object: KubernetesObject, propagationPolicy: 'Background' | 'Foreground' = 'Background'): Promise<void> {
    this.#beforeWrite();
    this.counts.delete++;
    try {
      await this.#api.request('DELETE', await this.#api.pathOf(object, 'object'), { query: { propagationPolicy } });
    } catch (error) {
      if (apiErrorCode(error) !== 404) throw error;
    }
  }
}

/** The path of a namespaced custom object (`kaito.sh` kinds), whose plural is known. */
function customPath(object: KubernetesObject, plural: string): string {
  const { namespace, name } = object.metadata!;
  return `/apis/${object.apiVersion}/namespaces/${encodeURIComponent(namespace!)}/${plural}/${encodeURIComponent(name!)}`;
}
