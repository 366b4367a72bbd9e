import type { WorkspaceState } from '../api/workspace';
import type { WorkspaceSummary } from './types';
import { workspaceListFacets, workspaceListTotals } from './workspaceListTotals';

function summary(name: string, fields: Partial<WorkspaceSummary> = {}): WorkspaceSummary {
  return {
    ref: { cluster: 'aks', namespace: 'ml', name },
    key: `aks/ml/${name}`,
    kind: 'inference',
    runtime: 'vllm',
    state: 'Ready',
    columns: {} as WorkspaceSummary['columns'],
    targetNodeCount: 1,
    gpuCount: 1,
    costPerHour: 3.2,
    currency: 'USD',
    deleting: false,
    ...fields,
  };
}

describe('workspaceListTotals', () => {
  it.each<[string, WorkspaceSummary[], ReturnType<typeof workspaceListTotals>]>([
    ['nothing', [], { count: 0, gpus: 0, costPerHour: 0, unpriced: 0 }],
    ['one priced', [summary('a')], { count: 1, gpus: 1, costPerHour: 3.2, unpriced: 0, currency: 'USD' }],
    [
      'priced and unpriced',
      [summary('a', { gpuCount: 2 }), summary('b', { costPerHour: undefined, currency: undefined })],
      { count: 2, gpus: 3, costPerHour: 3.2, unpriced: 1, currency: 'USD' },
    ],
    [
      'a deleting one keeps its cost but not its GPUs',
      [summary('a', { deleting: true, gpuCount: 4 })],
      { count: 1, gpus: 0, costPerHour: 3.2, unpriced: 0, currency: 'USD' },
    ],
    [
      'the first currency given',
      [summary('a', { currency: undefined, costPerHour: undefined }), summary('b', { currency: 'EUR' })],
      { count: 2, gpus: 2, costPerHour: 3.2, unpriced: 1, currency: 'EUR' },
    ],
  ])('adds up %s', (_, items, expected) => {
    expect(workspaceListTotals(items)).toEqual(expected);
  });

  it.each<WorkspaceState>(['Failed', 'Succeeded'])('leaves a %s workspace out of the cost, priced or not, but counts it', state => {
    const totals = workspaceListTotals([summary('a'), summary('b', { state }), summary('c', { state, costPerHour: undefined })]);
    expect(totals).toEqual({ count: 3, gpus: 3, costPerHour: 3.2, unpriced: 0, currency: 'USD' });
  });

  it.each<WorkspaceState>(['Pending', 'NotReady', 'Running'])('counts a %s workspace without a price as unpriced', state => {
    expect(workspaceListTotals([summary('a', { state, costPerHour: undefined })]).unpriced).toBe(1);
  });
});

describe('workspaceListFacets', () => {
  it('lists each cluster and owner once, sorted, and skips a missing owner', () => {
    const items = [
      summary('a', { ref: { cluster: 'onprem', namespace: 'ml', name: 'a' }, owner: 'group:default/platform-team' }),
      summary('b', { owner: 'group:default/ml-team' }),
      summary('c', { owner: 'group:default/platform-team' }),
      summary('d'),
    ];
    expect(workspaceListFacets(items)).toEqual({
      clusters: ['aks', 'onprem'],
      owners: ['group:default/ml-team', 'group:default/platform-team'],
    });
  });

  it('is empty for no workspaces', () => {
    expect(workspaceListFacets([])).toEqual({ clusters: [], owners: [] });
  });
});
