import { CacheEvent } from '../controller/ClusterCache';

/**
 * Fans the controllers' cache events out to listeners of one workspace key
 * `<cluster>/<namespace>/<name>` (the live stream of the entity tab).
 *
 * @internal
 */
export class WorkspaceEvents {
  readonly #listeners = new Map<string, Set<() => void>>();

  /** Called by the cluster manager for every cache event. */
  publish(cluster: string, event: CacheEvent): void {
    if (!event.workspace) return;
    this.#listeners.get(`${cluster}/${event.workspace}`)?.forEach(listener => listener());
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
}
