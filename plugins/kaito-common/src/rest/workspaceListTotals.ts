import { isCostStopped } from '../pricing/workspaceCost';
import type { WorkspaceSummary } from './types';

/**
 * What every workspace matching a list query adds up to, over all pages.
 *
 * @public
 */
export interface WorkspaceListTotals {
  /** How many match (the list's `total`). */
  count: number;
  /** GPUs they hold; deleting ones are left out (their nodes are going). */
  gpus: number;
  /** Cost per hour of the priced ones that still cost (not failed, not finished). */
  costPerHour: number;
  /** How many still cost but have no price, so `costPerHour` leaves them out. */
  unpriced: number;
  /** The currency of the prices, when any workspace is priced. */
  currency?: string;
}

/**
 * The values the list's filters can take: distinct, sorted clusters and
 * owners of every workspace the caller may read, whatever the filters.
 *
 * @public
 */
export interface WorkspaceListFacets {
  clusters: string[];
  owners: string[];
}

/**
 * Adds up the workspaces: one rule for the server's list and any client. A
 * failed or finished workspace holds no GPU node, so it costs nothing and
 * is not unpriced either.
 *
 * @public
 */
export function workspaceListTotals(items: readonly WorkspaceSummary[]): WorkspaceListTotals {
  const totals: WorkspaceListTotals = { count: items.length, gpus: 0, costPerHour: 0, unpriced: 0 };
  for (const item of items) {
    if (!item.deleting) totals.gpus += item.gpuCount;
    totals.currency ??= item.currency;
    if (isCostStopped(item.state)) continue;
    if (item.costPerHour === undefined) totals.unpriced++;
    else totals.costPerHour += item.costPerHour;
  }
  return totals;
}

/** Distinct, sorted clusters and owners of the workspaces, for the filters' options. @public */
export function workspaceListFacets(items: readonly WorkspaceSummary[]): WorkspaceListFacets {
  const clusters = new Set<string>();
  const owners = new Set<string>();
  for (const item of items) {
    clusters.add(item.ref.cluster);
    if (item.owner) owners.add(item.owner);
  }
  return { clusters: [...clusters].sort(), owners: [...owners].sort() };
}
