import { WorkspaceListQuery, WorkspaceSummary } from '@kaito-backstage/plugin-kaito-common';
import { SharedWorkspaceLists } from './sharedWorkspaceLists';
import { WorkspaceEvents } from './WorkspaceEvents';
import { WorkspaceService } from './WorkspaceService';

const items = Array.from(
  { length: 30 },
  (_, i) =>
    ({
      key: `c/ns/ws-${String(i).padStart(2, '0')}`,
      ref: { cluster: 'c', namespace: 'ns', name: `ws-${i}` },
      owner: `group:default/team-${i % 3}`,
      state: 'Ready',
      gpuCount: 1,
      costPerHour: 2,
      currency: 'USD',
      deleting: false,
    }) as WorkspaceSummary,
);

/** The service's list over fixed items, counting how often it is computed. */
function countingService() {
  const calls: WorkspaceListQuery[] = [];
  const service = {
    matchingSummaries: (query: WorkspaceListQuery) => {
      calls.push(query);
      // In no order, as the service gives them: the shared lists sort.
      return { items: [...items].reverse().filter(item => !query.owner || item.owner === query.owner), errors: [] };
    },
  } as unknown as WorkspaceService;
  return { service, calls };
}

const allow = Object.assign(() => true, { key: '"ALLOW"' });
const other = Object.assign(() => true, { key: '{"rule":"IS_WORKSPACE_OWNER"}' });

describe('SharedWorkspaceLists', () => {
  it('cuts every page of one decision and filter from one list until a workspace changes', () => {
    const { service, calls } = countingService();
    const events = new WorkspaceEvents();
    const lists = new SharedWorkspaceLists(service, events);
    const pages = [0, 10, 20].map(offset => lists.page({ limit: 10, offset }, allow));
    expect(pages.flatMap(p => p.items.map(i => i.key))).toEqual(items.map(i => i.key));
    expect(pages.map(p => p.nextOffset)).toEqual([10, 20, undefined]);
    expect(pages.every(p => p.total === 30)).toBe(true);
    expect(calls).toEqual([{}]);

    // Another decision runs its conditions once of its own; another sort or filter of the same decision is cut from its set.
    lists.page({ limit: 10 }, other);
    lists.page({ limit: 10, sort: 'name' }, allow);
    lists.page({ limit: 10, owner: 'group:default/team-2' }, allow);
    expect(calls).toHaveLength(2);

    // A change is a new generation: computed again, once per decision.
    events.publish('c', { kind: 'Workspace', type: 'update', object: {}, workspace: 'ns/ws-1' });
    lists.page({ limit: 10 }, allow);
    lists.page({ limit: 10, offset: 10, sort: 'name' }, allow);
    expect(calls).toHaveLength(3);
  });

  it('answers like the unshared page: an offset past the end, no limit', () => {
    const { service } = countingService();
    const lists = new SharedWorkspaceLists(service, new WorkspaceEvents());
    expect(lists.page({ limit: 5, offset: 99 }, allow)).toMatchObject({ items: [], errors: [], total: 30, offset: 99, limit: 5 });
    expect(lists.page({}, allow).items).toHaveLength(30);
  });

  it('gives every page the totals of all matches and the facets of everything readable, from one pass of the decision', () => {
    const { service, calls } = countingService();
    const lists = new SharedWorkspaceLists(service, new WorkspaceEvents());
    const owners = ['group:default/team-0', 'group:default/team-1', 'group:default/team-2'];
    const first = lists.page({ owner: 'group:default/team-1', limit: 4 }, allow);
    expect(first.items).toHaveLength(4);
    expect(first.totals).toEqual({ count: 10, gpus: 10, costPerHour: 20, unpriced: 0, currency: 'USD' });
    expect(first.facets).toEqual({ clusters: ['c'], owners });
    // One pass over what the decision may read gives both the filtered list and the facets.
    expect(calls).toEqual([{}]);

    const second = lists.page({ owner: 'group:default/team-1', limit: 4, offset: 4 }, allow);
    const unfiltered = lists.page({ limit: 4 }, allow);
    expect(second.totals).toBe(first.totals);
    expect(second.facets).toBe(first.facets);
    expect(unfiltered.totals).toMatchObject({ count: 30, gpus: 30, costPerHour: 60 });
    expect(unfiltered.facets).toBe(first.facets);
    expect(calls).toHaveLength(1);
  });
});
