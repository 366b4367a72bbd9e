import { z } from 'zod';
import { WorkspaceListQuery, WorkspaceSummary } from '@kaito-backstage/plugin-kaito-common';

/** The most items one page may hold: a page of 5,000 workspaces would be the whole list again. */
export const MAX_PAGE_SIZE = 500;
/** Longest filter value accepted: a key is at most 63 + 253 + 253 characters. */
const MAX_FILTER_LENGTH = 600;

export const WORKSPACE_SORT_KEYS = ['key', 'name', 'namespace', 'cluster', 'state', 'owner', 'createdAt', 'costPerHour', 'gpuCount'] as const;
export const WORKSPACE_STATES = ['Pending', 'Ready', 'NotReady', 'Running', 'Succeeded', 'Failed'] as const;

const filterText = (field: string) =>
  z
    .string({ error: `${field} must be given once, as text` })
    .max(MAX_FILTER_LENGTH, { error: `${field} is longer than ${MAX_FILTER_LENGTH} characters` })
    .optional();

const count = (field: string, max: number) =>
  z
    .string({ error: `${field} must be given once` })
    .regex(/^\d{1,7}$/, { error: `${field} must be a whole number from 0${max < Infinity ? ` to ${max}` : ''}` })
    .transform(Number)
    .refine(n => n <= max, { error: `${field} may be at most ${max}` })
    .optional();

const querySchema = z
  .object({
    cluster: filterText('cluster'),
    namespace: filterText('namespace'),
    name: filterText('name'),
    owner: filterText('owner'),
    entity: filterText('entity'),
    q: filterText('q'),
    state: z
      .string({ error: 'state must be given once' })
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === '') return undefined;
        const states = value.split(',');
        const unknown = states.filter(s => !(WORKSPACE_STATES as readonly string[]).includes(s));
        if (unknown.length) {
          ctx.addIssue({ code: 'custom', message: `state ${unknown.join(', ')} is not one of ${WORKSPACE_STATES.join(', ')} (comma-separate several)` });
          return z.NEVER;
        }
        return states as WorkspaceListQuery['state'];
      }),
    sort: z
      .enum(WORKSPACE_SORT_KEYS, { error: `sort must be one of ${WORKSPACE_SORT_KEYS.join(', ')}` })
      .optional(),
    order: z.enum(['asc', 'desc'], { error: 'order must be asc or desc' }).optional(),
    offset: count('offset', 10_000_000),
    limit: count('limit', MAX_PAGE_SIZE).refine(n => n === undefined || n >= 1, { error: 'limit must be at least 1' }),
  })
  .strict();

/**
 * Reads `GET /workspaces`' query string: filters, sort and page. Unknown or
 * repeated parameters and out-of-range numbers are refused with what to send.
 *
 * @internal
 */
export function parseWorkspaceListQuery(
  raw: Record<string, unknown>,
): { ok: true; query: WorkspaceListQuery } | { ok: false; issues: string[] } {
  // A validating router may have turned numeric parameters into numbers already.
  const text = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));
  const parsed = querySchema.safeParse(text);
  if (parsed.success) {
    const query = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined && v !== '')) as WorkspaceListQuery;
    return { ok: true, query };
  }
  return {
    ok: false,
    issues: parsed.error.issues.map(issue =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter ${issue.keys.join(', ')}; use cluster, namespace, name, owner, entity, state, q, sort, order, offset, limit`
        : issue.message,
    ),
  };
}

/** Whether a summary passes the query's filters (the cluster and namespace are chosen before, from the cache). */
export function matchesWorkspaceQuery(item: WorkspaceSummary, query: WorkspaceListQuery): boolean {
  if (query.name && item.ref.name !== query.name) return false;
  if (query.owner && item.owner?.toLowerCase() !== query.owner.toLowerCase()) return false;
  if (query.entity && item.entityRef?.toLowerCase() !== query.entity.toLowerCase()) return false;
  if (query.state && !query.state.includes(item.state)) return false;
  if (query.q) {
    const text = query.q.toLowerCase();
    const fields = [item.key, item.preset, item.instanceType, item.owner, item.entityRef, item.requestedBy];
    if (!fields.some(field => field?.toLowerCase().includes(text))) return false;
  }
  return true;
}

/** Plain code-point order: stable across locales and far cheaper than localeCompare on thousands of keys. */
function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

const sortValue: Record<(typeof WORKSPACE_SORT_KEYS)[number], (item: WorkspaceSummary) => string | number> = {
  key: item => item.key,
  name: item => item.ref.name,
  namespace: item => item.ref.namespace,
  cluster: item => item.ref.cluster,
  state: item => item.state,
  owner: item => item.owner ?? '',
  createdAt: item => item.createdAt ?? '',
  costPerHour: item => item.costPerHour ?? -1,
  gpuCount: item => item.gpuCount,
};

/**
 * Sorts the matching items (ties by key, so pages never overlap or skip) and
 * cuts the page. Without a limit the whole list is one page.
 *
 * @internal
 */
export function pageOfWorkspaces(items: WorkspaceSummary[], query: WorkspaceListQuery) {
  const value = sortValue[query.sort ?? 'key'];
  const direction = query.order === 'desc' ? -1 : 1;
  const compare = (a: WorkspaceSummary, b: WorkspaceSummary) => {
    const x = value(a);
    const y = value(b);
    const byValue = typeof x === 'number' && typeof y === 'number' ? x - y : byCodePoint(String(x), String(y));
    return (byValue !== 0 ? byValue : byCodePoint(a.key, b.key)) * direction;
  };
  const sorted = [...items].sort(compare);
  const offset = query.offset ?? 0;
  const page = query.limit === undefined ? sorted.slice(offset) : sorted.slice(offset, offset + query.limit);
  const nextOffset = offset + page.length < sorted.length ? offset + page.length : undefined;
  return { items: page, total: sorted.length, offset, ...(query.limit !== undefined ? { limit: query.limit } : {}), ...(nextOffset !== undefined ? { nextOffset } : {}) };
}
