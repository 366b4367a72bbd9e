import { LRUCache } from 'lru-cache';
import { WorkspaceListQuery, WorkspaceListResponse } from '@kaito-backstage/plugin-kaito-common';
import { ReadableFilter } from './WorkspaceAccess';
import { WorkspaceEvents } from './WorkspaceEvents';
import { WorkspaceService } from './WorkspaceService';

/** How long a sorted list is reused while nothing changes: its costs so far are at most this old. */
const REUSE_MS = 1000;
/** Sorted lists kept at once (distinct decisions × filters × sorts). */
const MAX_LISTS = 200;

/**
 * The sorted, filtered workspaces of one policy decision and one filter,
 * shared by every page and stream asking for them until a workspace changes
 * (or a second passes). After one change, 50 list streams of a 5,000-workspace
 * portal sort once per distinct query, not once each. The decision itself is
 * asked for on every request; only callers with the same decision share.
 *
 * @internal
 */
export class SharedWorkspaceLists {
  #generation = 0;
  readonly #lists = new LRUCache<string, { generation: number; at: number; list: WorkspaceListResponse }>({ max: MAX_LISTS });

  constructor(
    private readonly service: WorkspaceService,
    events: WorkspaceEvents,
  ) {
    events.subscribeAll(() => {
      this.#generation++;
    });
  }

  /** The page the query asks for, cut from the shared list. */
  page(query: WorkspaceListQuery, readable: ReadableFilter): WorkspaceListResponse {
    const { offset = 0, limit, ...filter } = query;
    const key = JSON.stringify([readable.key, filter]);
    const now = Date.now();
    let kept = this.#lists.get(key);
    if (!kept || kept.generation !== this.#generation || now - kept.at >= REUSE_MS) {
      kept = { generation: this.#generation, at: now, list: this.service.listWorkspaces(filter, readable) };
      this.#lists.set(key, kept);
    }
    const { items, errors, total = items.length } = kept.list;
    const page = limit === undefined ? items.slice(offset) : items.slice(offset, offset + limit);
    const next = offset + page.length;
    return {
      items: page,
      errors,
      total,
      offset,
      ...(limit !== undefined ? { limit } : {}),
      ...(next < total ? { nextOffset: next } : {}),
    };
  }
}
