import { LRUCache } from 'lru-cache';
import {
  WorkspaceListFacets,
  WorkspaceListQuery,
  WorkspaceListResponse,
  WorkspaceListTotals,
  WorkspaceSummary,
  workspaceListFacets,
  workspaceListTotals,
} from '@kaito-backstage/plugin-kaito-common';
import { ReadableFilter } from './WorkspaceAccess';
import { matchesWorkspaceQuery, pageOfWorkspaces } from './workspaceListQuery';
import { WorkspaceEvents } from './WorkspaceEvents';
import { WorkspaceService } from './WorkspaceService';

/** How long a sorted list is reused while nothing changes: its costs so far are at most this old. */
const REUSE_MS = 1000;
/**
 * Sorted lists kept at once (distinct decisions × filters × sorts). Each open
 * stream may need two (its filtered list, and its decision's unfiltered one
 * for the facets), so a few hundred streams that are each their own decision
 * still hit; an entry holds references to shared summaries, about 40 KB at
 * 5,000 workspaces.
 */
const MAX_LISTS = 1000;

/** Everything one policy decision may read, worked out once per change: what every filter of it is cut from. */
interface ReadableSet {
  generation: number;
  at: number;
  items: WorkspaceSummary[];
  errors: WorkspaceListResponse['errors'];
  /** Worked out on first use. */
  facets?: WorkspaceListFacets;
}

/** One filtered, sorted list with its totals, for every page cut from it. */
interface SharedList {
  generation: number;
  at: number;
  list: WorkspaceListResponse;
  totals: WorkspaceListTotals;
}

/**
 * The sorted, filtered workspaces of one policy decision and one filter,
 * shared by every page and stream asking for them until a workspace changes
 * (or a second passes), with their totals. The policy's conditions run once
 * per decision and change, over every workspace (the readable set); each
 * filter is cut from that set, and the filters' options (facets) come from
 * it, so a page with filters costs no second pass of the conditions. After
 * one change, 50 list streams of a 5,000-workspace portal sort and add up
 * once per distinct query, not once each. The decision itself is asked for
 * on every request; only callers with the same decision share.
 *
 * @internal
 */
export class SharedWorkspaceLists {
  #generation = 0;
  // Dropped once they can no longer be the answer, so old summaries are not held.
  readonly #readable = new LRUCache<string, ReadableSet>({ max: MAX_LISTS, ttl: REUSE_MS, ttlAutopurge: true });
  readonly #lists = new LRUCache<string, SharedList>({ max: MAX_LISTS, ttl: REUSE_MS, ttlAutopurge: true });

  constructor(
    private readonly service: WorkspaceService,
    events: WorkspaceEvents,
  ) {
    events.subscribeAll(() => {
      this.#generation++;
    });
  }

  /** The page the query asks for, cut from the shared list, with the totals of every match and the facets. */
  page(query: WorkspaceListQuery, readable: ReadableFilter): WorkspaceListResponse {
    const { offset = 0, limit, ...filter } = query;
    const shared = this.#shared(filter, readable);
    const { items, errors, total = items.length } = shared.list;
    const page = limit === undefined ? items.slice(offset) : items.slice(offset, offset + limit);
    const next = offset + page.length;
    return {
      items: page,
      errors,
      total,
      offset,
      ...(limit !== undefined ? { limit } : {}),
      ...(next < total ? { nextOffset: next } : {}),
      totals: shared.totals,
      facets: this.#facets(readable),
    };
  }

  /** Clusters and owners of everything the decision may read, whatever the filters. */
  #facets(readable: ReadableFilter): WorkspaceListFacets {
    const set = this.#readableSet(readable);
    set.facets ??= workspaceListFacets(set.items);
    return set.facets;
  }

  #readableSet(readable: ReadableFilter): ReadableSet {
    const now = Date.now();
    const kept = this.#readable.get(readable.key);
    if (this.#fresh(kept, now)) return kept;
    const { items, errors } = this.service.matchingSummaries({}, readable);
    const set: ReadableSet = { generation: this.#generation, at: now, items, errors };
    this.#readable.set(readable.key, set);
    return set;
  }

  #shared(filter: Omit<WorkspaceListQuery, 'offset' | 'limit'>, readable: ReadableFilter): SharedList {
    const key = JSON.stringify([readable.key, filter]);
    const now = Date.now();
    const kept = this.#lists.get(key);
    if (this.#fresh(kept, now)) return kept;
    const set = this.#readableSet(readable);
    const matching = set.items.filter(
      item =>
        (!filter.cluster || item.ref.cluster === filter.cluster) &&
        (!filter.namespace || item.ref.namespace === filter.namespace) &&
        matchesWorkspaceQuery(item, filter),
    );
    const errors = filter.cluster ? set.errors.filter(error => error.cluster === filter.cluster) : set.errors;
    const list = { ...pageOfWorkspaces(matching, filter), errors };
    const fresh: SharedList = { generation: this.#generation, at: now, list, totals: workspaceListTotals(list.items) };
    this.#lists.set(key, fresh);
    return fresh;
  }

  /** Still the answer: nothing changed since, and it is under a second old (its costs so far are that fresh). */
  #fresh<T extends { generation: number; at: number }>(kept: T | undefined, now: number): kept is T {
    return kept !== undefined && kept.generation === this.#generation && now - kept.at < REUSE_MS;
  }
}
