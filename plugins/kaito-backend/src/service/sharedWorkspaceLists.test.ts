import { WorkspaceListQuery, WorkspaceSummary } from '@kaito-backstage/plugin-kaito-common';
import { SharedWorkspaceLists } from './sharedWorkspaceLists';
import { WorkspaceEvents } from './WorkspaceEvents';
import { WorkspaceService } from './WorkspaceService';

const items = Array.from(
  { length: 30 },
  (_, i) =>
    ({
      key: `c/ns/ws-${String(i).padStart(2, '0')}`,
      ref: { cluster: 'c', namespace: 'ns', name: `ws-${String(i).padStart(2, '0')}` },
      owner: `group:default/team-${i % 3}`,
      state: 'Ready',
      gpuCount: 1,
      costPerHour: 2,
      currency: 'USD',
      deleting: false,
    }) as WorkspaceSummary,
);

/**
 * The service over a table of summaries, counting full passes (matchingSummaries)
 * and single looks (readableSummary); `table` may be edited to change what it answers.
 */
function countingService(table: WorkspaceSummary[] = [...items]) {
  const calls: WorkspaceListQuery[] = [];
  const looks: string[] = [];
  /** Clusters not connected; may be edited too. */
  const errors: Array<{ cluster: string; message: string }> = [];
  const service = {
    matchingSummaries: (query: WorkspaceListQuery) => {
      calls.push(query);
      // In no order, as the service gives them: the shared lists sort.
      return { items: [...table].reverse().filter(item => !query.owner || item.owner === query.owner), errors: [...errors] };
    },
    clusterErrors: () => [...errors],
    readableSummary: (key: string) => {
      looks.push(key);
      return table.find(item => item.key === key);
    },
  } as unknown as WorkspaceService;
  return { service, calls, looks, table, errors };
}

const allow = Object.assign(() => true, { key: '"ALLOW"' });
const other = Object.assign(() => true, { key: '{"rule":"IS_WORKSPACE_OWNER"}' });

describe('SharedWorkspaceLists', () => {
  it('cuts every page of one decision and filter from one list until a workspace changes', () => {
    const { service, calls, looks } = countingService();
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

    // A change looks again at that workspace alone, once per decision, and the lists cut from it are new.
    events.publish('c', { kind: 'Workspace', type: 'update', object: {}, workspace: 'ns/ws-01' });
    lists.page({ limit: 10 }, allow);
    lists.page({ limit: 10, offset: 10, sort: 'name' }, allow);
    lists.page({ limit: 10 }, other);
    expect(calls).toHaveLength(2);
    expect(looks).toEqual(['c/ns/ws-01', 'c/ns/ws-01']);

    // A child's change (a pod) cannot change a summary: nothing is looked at again.
    events.publish('c', { kind: 'Pod', type: 'update', object: {}, workspace: 'ns/ws-02' });
    lists.page({ limit: 10 }, allow);
    expect(looks).toHaveLength(2);
  });

  it("keeps a decision's set up to date change by change, and makes a full pass again 5 s later", () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const { service, calls, looks, table } = countingService();
      const events = new WorkspaceEvents();
      const lists = new SharedWorkspaceLists(service, events);
      const failed = () => lists.page({ state: ['Failed'] }, allow);
      expect(failed().total).toBe(0);

      // One workspace fails, another is deleted, a third appears under a new owner.
      table[3] = { ...table[3], state: 'Failed' };
      table.splice(4, 1);
      table.push({ ...items[0], key: 'c/ns/ws-99', ref: { cluster: 'c', namespace: 'ns', name: 'ws-99' }, owner: 'group:default/new-team' });
      for (const workspace of ['ns/ws-03', 'ns/ws-04', 'ns/ws-99']) events.publish('c', { kind: 'Workspace', type: 'update', object: {}, workspace });

      expect(failed().items.map(i => i.key)).toEqual(['c/ns/ws-03']);
      const all = lists.page({}, allow);
      expect(all.items.map(i => i.key)).toEqual(table.map(i => i.key).sort());
      expect(all.facets?.owners).toContain('group:default/new-team');
      expect(calls).toHaveLength(1);
      expect(looks).toEqual(['c/ns/ws-03', 'c/ns/ws-04', 'c/ns/ws-99']);

      // The owner's only workspace goes: so does the owner from the facets.
      table.pop();
      events.publish('c', { kind: 'Workspace', type: 'delete', object: {}, workspace: 'ns/ws-99' });
      expect(lists.page({}, allow).facets?.owners).not.toContain('group:default/new-team');

      // A second on, the set is still brought up to date change by change.
      jest.advanceTimersByTime(1000);
      lists.page({}, allow);
      expect(calls).toHaveLength(1);
      // 5 s on, the conditions run over every workspace again (costs so far).
      jest.advanceTimersByTime(4000);
      lists.page({}, allow);
      expect(calls).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('makes a full pass at once when a cluster goes away or comes back, and the list says which', () => {
    const { service, calls, errors } = countingService();
    const lists = new SharedWorkspaceLists(service, new WorkspaceEvents());
    expect(lists.page({ limit: 10 }, allow).errors).toEqual([]);
    errors.push({ cluster: 'c', message: 'connect ECONNREFUSED' });
    expect(lists.page({ limit: 10 }, allow).errors).toEqual([{ cluster: 'c', message: 'connect ECONNREFUSED' }]);
    expect(calls).toHaveLength(2);
    errors.pop();
    expect(lists.page({ limit: 10 }, allow).errors).toEqual([]);
    expect(calls).toHaveLength(3);
    // Nothing changed: the set is reused.
    lists.page({ limit: 10 }, allow);
    expect(calls).toHaveLength(3);
  });

  it('makes a full pass instead when most of the set changed at once', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ ...items[0], key: `c/ns/w-${i}`, ref: { cluster: 'c', namespace: 'ns', name: `w-${i}` } }));
    const { service, calls, looks } = countingService(many);
    const events = new WorkspaceEvents();
    const lists = new SharedWorkspaceLists(service, events);
    lists.page({ limit: 10 }, allow);
    for (let i = 0; i < 150; i++) events.publish('c', { kind: 'Workspace', type: 'update', object: {}, workspace: `ns/w-${i}` });
    lists.page({ limit: 10 }, allow);
    expect(calls).toHaveLength(2);
    expect(looks).toHaveLength(0);
  });

  it('answers a lookup of one named workspace from the set, and the filters still apply to it', () => {
    const { service, calls } = countingService();
    const lists = new SharedWorkspaceLists(service, new WorkspaceEvents());
    const one = lists.page({ cluster: 'c', namespace: 'ns', name: 'ws-07' }, allow);
    expect(one).toMatchObject({ total: 1, totals: { count: 1, gpus: 1 }, facets: { clusters: ['c'] } });
    expect(one.items[0].key).toBe('c/ns/ws-07');
    expect(lists.page({ cluster: 'c', namespace: 'ns', name: 'ws-07', state: ['Failed'] }, allow).total).toBe(0);
    expect(lists.page({ cluster: 'c', namespace: 'ns', name: 'missing' }, allow).items).toEqual([]);
    expect(lists.page({ cluster: 'other', namespace: 'ns', name: 'ws-07' }, allow).items).toEqual([]);
    expect(calls).toHaveLength(1);
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
