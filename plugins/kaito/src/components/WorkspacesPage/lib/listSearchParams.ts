import type {
  WorkspaceSortKey,
  WorkspaceState,
} from '@kaito-backstage/plugin-kaito-common';
import type { WorkspaceListFilter } from '../../../api/KaitoApi';

/** The workspaces page's filters; empty means any. @internal */
export interface WorkspaceFilters {
  cluster: string;
  state: WorkspaceState | '';
  owner: string;
  /** Text searched for by the server (key, preset, instance type, owner, entity, requester). */
  q: string;
}

/** Which page of which sorted, filtered list the page shows: all of it lives in the URL. @internal */
export interface WorkspaceListView {
  filters: WorkspaceFilters;
  /** Absent: the server's default, by key. */
  sort?: WorkspaceSortKey;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Page sizes the table offers; the server allows up to 500. @internal */
export const PAGE_SIZES: ReadonlyArray<number> = [25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;

const FILTER_PARAMS = ['cluster', 'state', 'owner', 'q'] as const;
const STATES: ReadonlyArray<WorkspaceState> = [
  'Pending',
  'Ready',
  'NotReady',
  'Running',
  'Succeeded',
  'Failed',
];
const SORT_KEYS: ReadonlyArray<WorkspaceSortKey> = [
  'key',
  'name',
  'namespace',
  'cluster',
  'state',
  'owner',
  'createdAt',
  'costPerHour',
  'gpuCount',
];

/** A whole number from the URL, or undefined when it is anything else. */
function wholeNumber(text: string | null): number | undefined {
  return text !== null && /^\d{1,7}$/.test(text) ? Number(text) : undefined;
}

/**
 * The view a URL's `?cluster=&state=&owner=&q=&sort=&order=&offset=&limit=`
 * sets. Anything unknown is the default, so a hand-edited URL still opens;
 * the offset is kept on a page boundary.
 *
 * @internal
 */
export function viewFromSearchParams(
  params: URLSearchParams,
): WorkspaceListView {
  const state = params.get('state') ?? '';
  const sort = params.get('sort') ?? '';
  const limitParam = wholeNumber(params.get('limit'));
  const limit =
    limitParam !== undefined && PAGE_SIZES.includes(limitParam)
      ? limitParam
      : DEFAULT_PAGE_SIZE;
  const offset = wholeNumber(params.get('offset')) ?? 0;
  return {
    filters: {
      cluster: params.get('cluster') ?? '',
      state: (STATES as string[]).includes(state)
        ? (state as WorkspaceState)
        : '',
      owner: params.get('owner') ?? '',
      q: params.get('q') ?? '',
    },
    ...((SORT_KEYS as string[]).includes(sort)
      ? { sort: sort as WorkspaceSortKey }
      : {}),
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    offset: offset - (offset % limit),
    limit,
  };
}

/**
 * The URL's search params showing the view: defaults and empty filters
 * dropped, other params kept.
 *
 * @internal
 */
export function searchParamsOfView(
  view: WorkspaceListView,
  current: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (param: string, value: string | undefined) =>
    value ? next.set(param, value) : next.delete(param);
  for (const param of FILTER_PARAMS) set(param, view.filters[param]);
  set('sort', view.sort);
  set('order', view.sort && view.order === 'desc' ? 'desc' : undefined);
  set('offset', view.offset ? String(view.offset) : undefined);
  set(
    'limit',
    view.limit !== DEFAULT_PAGE_SIZE ? String(view.limit) : undefined,
  );
  return next;
}

/** The view with new filters: back to the first page, whose rows now differ. @internal */
export function withFilters(
  view: WorkspaceListView,
  filters: WorkspaceFilters,
): WorkspaceListView {
  return { ...view, filters, offset: 0 };
}

/** The view sorted anew (no key: the default), from the first page. @internal */
export function withSort(
  view: WorkspaceListView,
  sort: WorkspaceSortKey | undefined,
  order: 'asc' | 'desc',
): WorkspaceListView {
  return { ...view, sort, order: sort ? order : 'asc', offset: 0 };
}

/** The view at another page, or with another page size (from the first page). @internal */
export function withPage(
  view: WorkspaceListView,
  page: number,
  limit = view.limit,
): WorkspaceListView {
  return {
    ...view,
    limit,
    offset: limit === view.limit ? Math.max(0, page) * limit : 0,
  };
}

/**
 * The last page that still has rows when the list shrank under the offset
 * (workspaces were deleted, say); undefined when the offset still fits.
 *
 * @internal
 */
export function lastPageOffset(
  view: WorkspaceListView,
  total: number,
): number | undefined {
  if (view.offset === 0 || view.offset < total) return undefined;
  return total === 0 ? 0 : Math.floor((total - 1) / view.limit) * view.limit;
}

/** What the list stream is asked for: one page of the filtered, sorted list. @internal */
export function listFilterOfView(view: WorkspaceListView): WorkspaceListFilter {
  const { cluster, state, owner, q } = view.filters;
  return {
    ...(cluster ? { cluster } : {}),
    ...(owner ? { owner } : {}),
    ...(state ? { state: [state] } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(view.sort ? { sort: view.sort, order: view.order } : {}),
    offset: view.offset,
    limit: view.limit,
  };
}
