import { QuotaStore } from './QuotaStore';

/** What releaseVanishedReservations needs. @internal */
export interface ReleaseVanishedOptions {
  store: Pick<QuotaStore, 'list' | 'release'>;
  /**
   * Whether the workspace of a key exists, from the clusters' caches;
   * undefined when its cluster is unknown or not connected (then nothing is
   * decided about it).
   */
  exists(key: string): boolean | undefined;
  /**
   * A reservation younger than this is kept even without its workspace: the
   * create it was taken for may still be on its way, or not yet in the cache.
   */
  graceMs: number;
  now?: Date;
}

/**
 * Frees the reservations of workspaces that no longer exist (deleted in the
 * cluster, or a create that never landed); returns their keys. Run
 * periodically by the scheduler, on one replica at a time.
 *
 * @internal
 */
export async function releaseVanishedReservations(options: ReleaseVanishedOptions): Promise<string[]> {
  const now = (options.now ?? new Date()).getTime();
  const released: string[] = [];
  for (const reservation of await options.store.list()) {
    if (now - reservation.reservedAt.getTime() < options.graceMs) continue;
    if (options.exists(reservation.workspace) !== false) continue;
    if (await options.store.release(reservation.workspace)) released.push(reservation.workspace);
  }
  return released;
}

/**
 * Gives back the GPUs of workspaces that hold no GPU node any more, Failed
 * or finished tuning (the portal's documented choice: they keep their
 * workspace slot until deleted, and an edit or retry reserves GPUs again
 * through the same checks as a create); returns their keys.
 *
 * @internal
 */
export async function releaseStoppedGpus(options: {
  store: Pick<QuotaStore, 'list' | 'releaseGpus' | 'reclaimGpus'>;
  /** The state and GPUs of the workspace of a key, from the clusters' caches; undefined when unknown. */
  workspaceOf(key: string): { state?: string; gpus: number } | undefined;
}): Promise<{ released: string[]; reclaimed: string[] }> {
  const released: string[] = [];
  const reclaimed: string[] = [];
  for (const reservation of await options.store.list()) {
    const workspace = options.workspaceOf(reservation.workspace);
    if (!workspace) continue;
    const stopped = workspace.state === 'Failed' || workspace.state === 'Succeeded';
    if (stopped && reservation.gpus > 0) {
      if (await options.store.releaseGpus(reservation.workspace)) released.push(reservation.workspace);
    } else if (!stopped && reservation.gpus === 0 && workspace.gpus > 0) {
      // Failed, then a retry of the cloud got its node after all: it holds GPUs again.
      if (await options.store.reclaimGpus(reservation.workspace, workspace.gpus)) reclaimed.push(reservation.workspace);
    }
  }
  return { released, reclaimed };
}
