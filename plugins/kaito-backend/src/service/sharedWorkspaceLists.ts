import { LRUCache } from 'lru-cache';
import {
  WorkspaceListFacets,
  WorkspaceListQuery,
  WorkspaceListResponse,
  WorkspaceListTotals,
  workspaceListFacets,
  workspaceListTotals,
} from '@kaito-backstage/plugin-kaito-common';
import { ReadableFilter } from './WorkspaceAccess';
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

/** One computed list with what is worked out from it once, for every page cut from it. */
interface SharedList {
  generation: number;
  at: number;
  list: WorkspaceListResponse;
  totals: WorkspaceListTotals;
  /** Worked out on first use: only the unfiltered list's facets are asked for. */
  facets?: WorkspaceListFacets;
}

/**
 * The sorted, filtered workspaces of one policy decision and one filter,
 * shared by every page and stream asking for them until a workspace changes
 * (or a second passes), with their totals. After one change, 50 list streams
 * of a 5,000-workspace portal sort and add up once per distinct query, not
 * once each. The filters' options (facets) come from the decision's
 * unfiltered list, shared the same way. The decision itself is asked for on
 * every request; only callers with the same decision share.
 *
 * @internal
 */
export class SharedWorkspaceLists {
  #generation = 0;
  readonly #lists = new LRUCache<string, SharedList>({ max: MAX_LISTS });

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
    const unfiltered = this.#shared({}, readable);
    unfiltered.facets ??= workspaceListFacets(unfiltered.list.items);
    return unfiltered.facets;
  }

  #shared(filter: Omit<WorkspaceListQuery, 'offset' | 'limit'>, readable: ReadableFilter): SharedList {
    const key = JSON.stringify([readable.key, filter]);
    const now = Date.now();
    const kept = this.#lists.get(key);
    if (kept && kept.generation === this.#generation && now - kept.at < REUSE_MS) return kept;
    const list = this.service.listWorkspaces(filter, readable);
    const fresh: SharedList = { generation: this.#generation, at: now, list, totals: workspaceListTotals(list.items) };
    this.#lists.set(key, fresh);
    return fresh;
  }
}
