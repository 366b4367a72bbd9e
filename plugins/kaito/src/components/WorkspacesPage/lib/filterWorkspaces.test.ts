import {
  readyWorkspace,
  quotaStuckWorkspace,
  finishedTuningWorkspace,
  summaryOf,
} from '../../../__testUtils__/fixtures';
import {
  distinctValues,
  filterWorkspaces,
  totalsOf,
  WorkspaceFilters,
} from './filterWorkspaces';

const ready = summaryOf(readyWorkspace());
const stuck = {
  ...summaryOf(quotaStuckWorkspace()),
  owner: 'group:default/platform-team',
};
const tuning = {
  ...summaryOf(finishedTuningWorkspace()),
  ref: { cluster: 'aks-prod', namespace: 'ml', name: 'phi-tune' },
  costPerHour: undefined,
};
const all = [ready, stuck, tuning];

describe('filterWorkspaces', () => {
  it.each<[string, Partial<WorkspaceFilters>, string[]]>([
    ['no filter', {}, ['phi-3', 'phi-h100', 'phi-tune']],
    ['a cluster', { cluster: 'aks-prod' }, ['phi-tune']],
    ['a state', { state: 'Pending' }, ['phi-h100']],
    ['an owner', { owner: 'group:default/ml-team' }, ['phi-3', 'phi-tune']],
    [
      'owner and state together',
      { owner: 'group:default/ml-team', state: 'Succeeded' },
      ['phi-tune'],
    ],
  ])('keeps the matches of %s', (_, filters, expected) => {
    const result = filterWorkspaces(all, {
      cluster: '',
      state: '',
      owner: '',
      ...filters,
    });
    expect(result.map(item => item.ref.name)).toEqual(expected);
  });
});

describe('totalsOf', () => {
  it('adds GPUs and priced costs and counts the unpriced', () => {
    expect(totalsOf(all)).toEqual({
      gpus: 3,
      costPerHour: 3.2 + 98.32,
      unpriced: 1,
      currency: 'USD',
    });
  });

  it('leaves deleting workspaces out of the GPU total', () => {
    expect(totalsOf([{ ...ready, deleting: true }]).gpus).toBe(0);
  });
});

describe('distinctValues', () => {
  it('lists each owner once, sorted', () => {
    expect(distinctValues(all, item => item.owner)).toEqual([
      'group:default/ml-team',
      'group:default/platform-team',
    ]);
  });
});
