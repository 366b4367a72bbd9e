import { isCostStopped } from '../pricing/workspaceCost';
import type { components } from './generated/openapi';
import type { WorkspaceSummary } from './types';

/**
 * What every workspace matching a list query adds up to, over all pages
 * (the spec's schema of that name): count (the list's `total`), GPUs (not
 * deleting ones), cost per hour of the priced ones that still cost, how many
 * still cost without a price, and the prices' currency.
 *
 * @public
 */
export type WorkspaceListTotals = components['schemas']['WorkspaceListTotals'];

/**
 * The values the list's filters can take: distinct, sorted clusters and
 * owners of every workspace the caller may read, whatever the filters (the
 * spec's schema of that name).
 *
 * @public
 */
export type WorkspaceListFacets = components['schemas']['WorkspaceListFacets'];

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
