import { LRUCache } from 'lru-cache';
import {
  WorkspaceListFacets,
  WorkspaceListQuery,
  WorkspaceListResponse,
  WorkspaceListTotals,
  WorkspaceSummary,
  workspaceListTotals,
} from '@kaito-backstage/plugin-kaito-common';
import { ReadableFilter } from './WorkspaceAccess';
import { matchesWorkspaceQuery, pageOfWorkspaces } from './workspaceListQuery';
import { WorkspaceEvents } from './WorkspaceEvents';
import { WorkspaceService } from './WorkspaceService';

/**
 * How long a readable set (and every list cut from it) is kept before a full
 * pass of the policy's conditions again: summaries' costs so far are at most
 * this old. (A cluster connecting or going away is seen at once: it makes a
 * full pass.) A pass over 5,000 workspaces takes about 30 ms; once a second,
 * while thousands change, it was a tenth of the backend's CPU in bench:scale.
 */
const REUSE_MS = 5000;
/**
 * Sorted lists kept at once (distinct decisions × filters × sorts). Each open
 * stream may need two (its filtered list, and its decision's unfiltered one
 * for the facets), so a few hundred streams that are each their own decision
 * still hit; an entry holds references to shared summaries, about 40 KB at
 * 5,000 workspaces.
 */
const MAX_LISTS = 1000;
/** Past this share of the set changed, one full pass is cheaper than looking at each change. */
const FULL_PASS_SHARE = 0.25;

/**
 * Everything one policy decision may read, kept up to date change by change:
 * a full pass of the conditions once per REUSE_MS, and between passes only
 * the workspaces that changed are looked at again. Every filter is cut from it.
 */
class ReadableSet {
  readonly at = Date.now();
  /** Bumped whenever a summary is added, replaced or removed: the lists cut from an older version are stale. */
  version = 0;
  /** Keys changed since the set was last brought up to date. */
  readonly #changed = new Set<string>();
  readonly #byKey = new Map<string, WorkspaceSummary>();
  /** How many readable workspaces each cluster and owner has: the facets, kept as the set changes. */
  readonly #clusters = new Map<string, number>();
  readonly #owners = new Map<string, number>();
  #items?: WorkspaceSummary[];
  #facets?: WorkspaceListFacets;

  constructor(
    items: WorkspaceSummary[],
    readonly errors: WorkspaceListResponse['errors'],
  ) {
    for (const item of items) this.#put(item.key, item);
  }

  /** Whether so many changed that a full pass is the cheaper way to bring it up to date. */
  get mostlyChanged(): boolean {
    return this.#changed.size > Math.max(64, this.#byKey.size * FULL_PASS_SHARE);
  }

  changed(key: string): void {
    this.#changed.add(key);
  }

  /** Looks again at what changed; `summaryOf` answers undefined for a workspace gone or no longer readable. */
  catchUp(summaryOf: (key: string) => WorkspaceSummary | undefined): void {
    for (const key of this.#changed) {
      const summary = summaryOf(key);
      // An unchanged Workspace object keeps its summary object (a pod's event, say): nothing to redo.
      if (summary === this.#byKey.get(key)) continue;
      this.#put(key, summary);
    }
    this.#changed.clear();
  }

  get(key: string): WorkspaceSummary | undefined {
    return this.#byKey.get(key);
  }

  /** Every readable summary, in no order. */
  get items(): WorkspaceSummary[] {
    this.#items ??= [...this.#byKey.values()];
    return this.#items;
  }

  /** Clusters and owners of everything readable, sorted. */
  get facets(): WorkspaceListFacets {
    this.#facets ??= { clusters: [...this.#clusters.keys()].sort(), owners: [...this.#owners.keys()].sort() };
    return this.#facets;
  }

  #put(key: string, summary: WorkspaceSummary | undefined): void {
    const old = this.#byKey.get(key);
    if (old) {
      this.#count(this.#clusters, old.ref.cluster, -1);
      if (old.owner) this.#count(this.#owners, old.owner, -1);
    }
    if (summary) {
      this.#byKey.set(key, summary);
      this.#count(this.#clusters, summary.ref.cluster, 1);
      if (summary.owner) this.#count(this.#owners, summary.owner, 1);
    } else {
      this.#byKey.delete(key);
    }
    this.version++;
    this.#items = undefined;
  }

  #count(counts: Map<string, number>, value: string, by: number): void {
    const n = (counts.get(value) ?? 0) + by;
    if (n > 0) counts.set(value, n);
    else counts.delete(value);
    // A value came or went: the facets are worked out again on next use.
    if (n === 0 || (n === 1 && by > 0)) this.#facets = undefined;
  }
}

/** One filtered, sorted list with its totals, for every page cut from it. */
interface SharedList {
  set: ReadableSet;
  version: number;
  list: WorkspaceListResponse;
  totals: WorkspaceListTotals;
}

/**
 * The sorted, filtered workspaces of one policy decision and one filter,
 * shared by every page and stream asking for them until one of them changes,
 * with their totals. The policy's conditions run over every workspace once
 * per decision and REUSE_MS (the readable set); in between, a change looks
 * again only at the workspace that changed, so 5,000 workspaces changing
 * while a list page is open cost a pass every few seconds, not one per change.
 * Each filter is cut from that set, and the filters' options (facets) are
 * kept with it, so a page with filters costs no second pass of the
 * conditions. A lookup of one workspace by cluster, namespace and name (the
 * catalog's, on a change event) takes that one row from the set, with no
 * filter or sort over the rest. The
 * decision itself is asked for on every request; only callers with the same
 * decision share.
 *
 * @internal
 */
export class SharedWorkspaceLists {
  // Dropped once they can no longer be the answer, so old summaries are not held.
  readonly #readable = new LRUCache<string, ReadableSet>({ max: MAX_LISTS, ttl: REUSE_MS, ttlAutopurge: true });
  readonly #lists = new LRUCache<string, SharedList>({ max: MAX_LISTS, ttl: REUSE_MS, ttlAutopurge: true });

  constructor(
    private readonly service: WorkspaceService,
    events: WorkspaceEvents,
  ) {
    // A summary, and whether the policy lets a caller read it, come from the Workspace object alone.
    events.subscribeAll((key, { kind }) => {
      if (kind === 'Workspace') this.#readable.forEach(set => set.changed(key));
    });
  }

  /** The page the query asks for, cut from the shared list, with the totals of every match and the facets. */
  page(query: WorkspaceListQuery, readable: ReadableFilter): WorkspaceListResponse {
    const { offset = 0, limit, ...filter } = query;
    const set = this.#readableSet(readable);
    const { list, totals } = filter.cluster && filter.namespace && filter.name ? this.#lookup(set, filter) : this.#shared(set, filter, readable);
    const { items, errors, total = items.length } = list;
    const page = limit === undefined ? items.slice(offset) : items.slice(offset, offset + limit);
    const next = offset + page.length;
    return {
      items: page,
      errors,
      total,
      offset,
      ...(limit !== undefined ? { limit } : {}),
      ...(next < total ? { nextOffset: next } : {}),
      totals,
      facets: set.facets,
    };
  }

  /** The readable set of the decision, brought up to date: a full pass when it is REUSE_MS old, mostly changed, or a cluster came or went. */
  #readableSet(readable: ReadableFilter): ReadableSet {
    const kept = this.#readable.get(readable.key);
    const now = Date.now();
    if (kept && now - kept.at < REUSE_MS && !kept.mostlyChanged && sameErrors(kept.errors, this.service.clusterErrors())) {
      kept.catchUp(key => this.service.readableSummary(key, readable, now));
      return kept;
    }
    const { items, errors } = this.service.matchingSummaries({}, readable);
    const set = new ReadableSet(items, errors);
    this.#readable.set(readable.key, set);
    return set;
  }

  /** One named workspace: at most one item, read from the set by its key. */
  #lookup(set: ReadableSet, filter: Omit<WorkspaceListQuery, 'offset' | 'limit'>): Omit<SharedList, 'set' | 'version'> {
    const item = set.get(`${filter.cluster}/${filter.namespace}/${filter.name}`);
    const items = item && matchesWorkspaceQuery(item, filter) ? [item] : [];
    const list = { items, errors: set.errors.filter(error => error.cluster === filter.cluster) };
    return { list, totals: workspaceListTotals(items) };
  }

  #shared(set: ReadableSet, filter: Omit<WorkspaceListQuery, 'offset' | 'limit'>, readable: ReadableFilter): SharedList {
    const key = JSON.stringify([readable.key, filter]);
    const kept = this.#lists.get(key);
    if (kept && kept.set === set && kept.version === set.version) return kept;
    const matching = set.items.filter(
      item =>
        (!filter.cluster || item.ref.cluster === filter.cluster) &&
        (!filter.namespace || item.ref.namespace === filter.namespace) &&
        matchesWorkspaceQuery(item, filter),
    );
    const errors = filter.cluster ? set.errors.filter(error => error.cluster === filter.cluster) : set.errors;
    const list = { ...pageOfWorkspaces(matching, filter), errors };
    const fresh: SharedList = { set, version: set.version, list, totals: workspaceListTotals(list.items) };
    this.#lists.set(key, fresh);
    return fresh;
  }
}

/** Whether two lists of cluster errors say the same (same clusters, same reasons, in order). */
function sameErrors(a: WorkspaceListResponse['errors'], b: WorkspaceListResponse['errors']): boolean {
  return a.length === b.length && a.every((error, i) => error.cluster === b[i].cluster && error.message === b[i].message);
}
