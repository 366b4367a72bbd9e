import type {
  WorkspaceState,
  WorkspaceSummary,
} from '@kaito-backstage/plugin-kaito-common';

/** The workspaces page's filters; empty means any. @internal */
export interface WorkspaceFilters {
  cluster: string;
  state: WorkspaceState | '';
  owner: string;
}

/** Workspaces that match every set filter. @internal */
export function filterWorkspaces(
  items: WorkspaceSummary[],
  filters: WorkspaceFilters,
): WorkspaceSummary[] {
  return items.filter(
    item =>
      (!filters.cluster || item.ref.cluster === filters.cluster) &&
      (!filters.state || item.state === filters.state) &&
      (!filters.owner || item.owner === filters.owner),
  );
}

/** GPU count and cost per hour of the workspaces; cost counts priced ones only. @internal */
export function totalsOf(items: WorkspaceSummary[]): {
  gpus: number;
  costPerHour: number;
  unpriced: number;
  currency?: string;
} {
  return items.reduce(
    (totals, item) => ({
      gpus: totals.gpus + (item.deleting ? 0 : item.gpuCount),
      costPerHour: totals.costPerHour + (item.costPerHour ?? 0),
      unpriced: totals.unpriced + (item.costPerHour === undefined ? 1 : 0),
      currency: totals.currency ?? item.currency,
    }),
    {
      gpus: 0,
      costPerHour: 0,
      unpriced: 0,
      currency: undefined as string | undefined,
    },
  );
}

/** Distinct, sorted values of a field, for a filter's options. @internal */
export function distinctValues(
  items: WorkspaceSummary[],
  pick: (item: WorkspaceSummary) => string | undefined,
): string[] {
  return [
    ...new Set(items.map(pick).filter((v): v is string => Boolean(v))),
  ].sort();
}
