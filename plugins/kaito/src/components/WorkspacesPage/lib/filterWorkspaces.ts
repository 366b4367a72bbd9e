import {
  isCostStopped,
  type WorkspaceState,
  type WorkspaceSummary,
} from '@kaito-backstage/plugin-kaito-common';

/** The workspaces page's filters; empty means any. @internal */
export interface WorkspaceFilters {
  cluster: string;
  state: WorkspaceState | '';
  owner: string;
}

const FILTER_PARAMS = ['cluster', 'state', 'owner'] as const;
const STATES: ReadonlyArray<WorkspaceState> = [
  'Pending',
  'Ready',
  'NotReady',
  'Running',
  'Succeeded',
  'Failed',
];

/** The filters a URL's `?cluster=&state=&owner=` sets; anything else is "any". @internal */
export function filtersFromSearchParams(
  params: URLSearchParams,
): WorkspaceFilters {
  const state = params.get('state') ?? '';
  return {
    cluster: params.get('cluster') ?? '',
    state: (STATES as string[]).includes(state)
      ? (state as WorkspaceState)
      : '',
    owner: params.get('owner') ?? '',
  };
}

/** The URL's search params with the filters set (empty ones dropped), other params kept. @internal */
export function searchParamsOfFilters(
  filters: WorkspaceFilters,
  current: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const param of FILTER_PARAMS) {
    if (filters[param]) {
      next.set(param, filters[param]);
    } else {
      next.delete(param);
    }
  }
  return next;
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

/**
 * GPU count and cost per hour of the workspaces. Cost counts priced ones
 * only, and not failed or finished ones: they hold no GPU node.
 * @internal
 */
export function totalsOf(items: WorkspaceSummary[]): {
  gpus: number;
  costPerHour: number;
  unpriced: number;
  currency?: string;
} {
  return items.reduce(
    (totals, item) => ({
      gpus: totals.gpus + (item.deleting ? 0 : item.gpuCount),
      costPerHour:
        totals.costPerHour +
        (isCostStopped(item.state) ? 0 : item.costPerHour ?? 0),
      unpriced:
        totals.unpriced +
        (item.costPerHour === undefined && !isCostStopped(item.state) ? 1 : 0),
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
