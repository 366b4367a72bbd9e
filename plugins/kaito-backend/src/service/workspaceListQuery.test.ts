import { WorkspaceSummary } from '@kaito-backstage/plugin-kaito-common';
import { matchesWorkspaceQuery, pageOfWorkspaces, parseWorkspaceListQuery } from './workspaceListQuery';

function summary(cluster: string, namespace: string, name: string, extra: Partial<WorkspaceSummary> = {}): WorkspaceSummary {
  return {
    ref: { cluster, namespace, name },
    key: `${cluster}/${namespace}/${name}`,
    kind: 'inference',
    preset: 'phi-3-mini-4k-instruct',
    runtime: 'vllm',
    instanceType: 'Standard_NV36ads_A10_v5',
    state: 'Ready',
    columns: {},
    targetNodeCount: 1,
    gpuCount: 1,
    deleting: false,
    ...extra,
  };
}

describe('parseWorkspaceListQuery', () => {
  it('reads filters, sort and page', () => {
    expect(
      parseWorkspaceListQuery({ cluster: 'c1', state: 'Ready,Failed', q: 'phi', sort: 'createdAt', order: 'desc', offset: '100', limit: '50' }),
    ).toEqual({ ok: true, query: { cluster: 'c1', state: ['Ready', 'Failed'], q: 'phi', sort: 'createdAt', order: 'desc', offset: 100, limit: 50 } });
    expect(parseWorkspaceListQuery({})).toEqual({ ok: true, query: {} });
    expect(parseWorkspaceListQuery({ namespace: '', state: '' })).toEqual({ ok: true, query: {} });
  });

  it.each([
    [{ limit: '0' }, 'limit must be at least 1'],
    [{ limit: '501' }, 'limit may be at most 500'],
    [{ limit: '-1' }, 'limit must be a whole number from 0 to 500'],
    [{ limit: '1e3' }, 'limit must be a whole number from 0 to 500'],
    [{ offset: 'ten' }, 'offset must be a whole number'],
    [{ limit: ['10', '20'] }, 'limit must be given once'],
    [{ owner: ['a', 'b'] }, 'owner must be given once, as text'],
    [{ sort: 'password' }, 'sort must be one of key, name, namespace, cluster, state, owner, createdAt, costPerHour, gpuCount'],
    [{ order: 'up' }, 'order must be asc or desc'],
    [{ state: 'Ready,Sleeping' }, 'state Sleeping is not one of Pending, Ready, NotReady, Running, Succeeded, Failed'],
    [{ q: 'x'.repeat(601) }, 'q is longer than 600 characters'],
    [{ page: '2' }, 'unknown parameter page; use cluster, namespace, name, owner, entity, state, q, sort, order, offset, limit'],
  ])('refuses %j, saying %s', (raw, message) => {
    const parsed = parseWorkspaceListQuery(raw as Record<string, unknown>);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.join('; ')).toContain(message);
  });
});

describe('matchesWorkspaceQuery', () => {
  const item = summary('c1', 'team-a', 'support-bot', { owner: 'group:default/Team-A', entityRef: 'component:default/support', state: 'Pending' });

  it.each([
    [{}, true],
    [{ name: 'support-bot' }, true],
    [{ name: 'support' }, false],
    [{ owner: 'group:default/team-a' }, true],
    [{ owner: 'group:default/team-b' }, false],
    [{ entity: 'Component:default/SUPPORT' }, true],
    [{ state: ['Ready' as const] }, false],
    [{ state: ['Ready' as const, 'Pending' as const] }, true],
    [{ q: 'SUPPORT-B' }, true],
    [{ q: 'a10' }, true],
    [{ q: 'llama' }, false],
  ])('%j → %s', (query, expected) => {
    expect(matchesWorkspaceQuery(item, query)).toBe(expected);
  });
});

describe('pageOfWorkspaces', () => {
  const items = Array.from({ length: 25 }, (_, i) =>
    summary(`c${i % 3}`, 'ns', `ws-${String(i).padStart(2, '0')}`, { costPerHour: i % 4, createdAt: `2026-01-01T00:00:${String(59 - i).padStart(2, '0')}Z` }),
  );

  it('walks every item exactly once, page by page, in key order', () => {
    const seen: string[] = [];
    let offset: number | undefined = 0;
    let pages = 0;
    while (offset !== undefined) {
      const page: ReturnType<typeof pageOfWorkspaces> = pageOfWorkspaces(items, { limit: 10, offset });
      expect(page.total).toBe(25);
      seen.push(...page.items.map(i => i.key));
      offset = page.nextOffset;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(items.map(i => i.key).sort());
  });

  it('ends with no nextOffset, and an offset past the end is an empty last page', () => {
    expect(pageOfWorkspaces(items, { limit: 5, offset: 20 })).toMatchObject({ offset: 20, limit: 5, total: 25 });
    expect(pageOfWorkspaces(items, { limit: 5, offset: 20 }).nextOffset).toBeUndefined();
    expect(pageOfWorkspaces(items, { limit: 5, offset: 99 })).toMatchObject({ items: [], total: 25, offset: 99 });
    expect(pageOfWorkspaces([], { limit: 5 })).toEqual({ items: [], total: 0, offset: 0, limit: 5 });
  });

  it('without a limit returns everything', () => {
    const all = pageOfWorkspaces(items, {});
    expect(all.items).toHaveLength(25);
    expect(all).not.toHaveProperty('limit');
    expect(all).not.toHaveProperty('nextOffset');
  });

  it('sorts by a key with ties broken by the workspace key, either way', () => {
    const byCost = pageOfWorkspaces(items, { sort: 'costPerHour', limit: 8 }).items;
    expect(byCost.map(i => i.costPerHour)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(byCost.slice(0, 7).map(i => i.key)).toEqual([...byCost.slice(0, 7).map(i => i.key)].sort());
    const newest = pageOfWorkspaces(items, { sort: 'createdAt', order: 'desc', limit: 2 }).items;
    expect(newest.map(i => i.ref.name)).toEqual(['ws-00', 'ws-01']);
    const desc = pageOfWorkspaces(items, { order: 'desc', limit: 1 }).items;
    expect(desc[0].key).toBe([...items.map(i => i.key)].sort().at(-1));
  });
});
