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
  store: Pick<QuotaStore, 'list' | 'releaseGpus'>;
  /** The state of the workspace of a key, from the clusters' caches; undefined when unknown. */
  stateOf(key: string): string | undefined;
}): Promise<string[]> {
  const released: string[] = [];
  for (const reservation of await options.store.list()) {
    if (reservation.gpus === 0) continue;
    const state = options.stateOf(reservation.workspace);
    if (state !== 'Failed' && state !== 'Succeeded') continue;
    if (await options.store.releaseGpus(reservation.workspace)) released.push(reservation.workspace);
  }
  return released;
}
