import { CacheEvent } from '../controller/ClusterCache';

/**
 * Fans the controllers' cache events out to listeners of one workspace key
 * `<cluster>/<namespace>/<name>` (the live stream of the entity tab) and to
 * listeners of every workspace (the list stream, the catalog's change events).
 *
 * @internal
 */
export class WorkspaceEvents {
  readonly #listeners = new Map<string, Set<() => void>>();
  readonly #everyListeners = new Set<(key: string, event: CacheEvent) => void>();

  /** Called by the cluster manager for every cache event. */
  publish(cluster: string, event: CacheEvent): void {
    if (!event.workspace) return;
    const key = `${cluster}/${event.workspace}`;
    this.#listeners.get(key)?.forEach(listener => listener());
    this.#everyListeners.forEach(listener => listener(key, event));
  }

  subscribe(key: string, listener: () => void): () => void {
    let set = this.#listeners.get(key);
    if (!set) this.#listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0) this.#listeners.delete(key);
    };
  }

  /** Listens to changes of every workspace; the listener gets the workspace's key and the cache event (which object, how). */
  subscribeAll(listener: (key: string, event: CacheEvent) => void): () => void {
    this.#everyListeners.add(listener);
    return () => this.#everyListeners.delete(listener);
  }
}
