import {
  readyWorkspace,
  quotaStuckWorkspace,
  finishedTuningWorkspace,
  summaryOf,
} from '../../../__testUtils__/fixtures';
import {
  distinctValues,
  filtersFromSearchParams,
  filterWorkspaces,
  searchParamsOfFilters,
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
    expect(
      totalsOf([ready, stuck, { ...ready, costPerHour: undefined }]),
    ).toEqual({
      gpus: 3,
      costPerHour: 3.2 + 98.32,
      unpriced: 1,
      currency: 'USD',
    });
  });

  it.each(['Failed', 'Succeeded'] as const)(
    'leaves a %s workspace out of the cost, priced or not',
    state => {
      const stopped = { ...stuck, state, costPerHour: 98.32 };
      expect(totalsOf([ready, stopped])).toMatchObject({
        costPerHour: 3.2,
        unpriced: 0,
      });
      expect(totalsOf([{ ...stopped, costPerHour: undefined }])).toMatchObject({
        costPerHour: 0,
        unpriced: 0,
      });
    },
  );

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

describe('filters in the URL', () => {
  it('reads the filters a URL sets and ignores an unknown state', () => {
    expect(
      filtersFromSearchParams(
        new URLSearchParams(
          'cluster=aks-prod&owner=group%3Adefault%2Fml-team&state=Running',
        ),
      ),
    ).toEqual({
      cluster: 'aks-prod',
      state: 'Running',
      owner: 'group:default/ml-team',
    });
    expect(
      filtersFromSearchParams(new URLSearchParams('state=Sleeping')),
    ).toEqual({
      cluster: '',
      state: '',
      owner: '',
    });
  });

  it('writes the set filters, drops the cleared ones and keeps other params', () => {
    const next = searchParamsOfFilters(
      { cluster: '', state: 'Failed', owner: 'group:default/ml-team' },
      new URLSearchParams('cluster=aks-prod&tab=costs'),
    );
    expect(next.toString()).toBe(
      'tab=costs&state=Failed&owner=group%3Adefault%2Fml-team',
    );
    expect(filtersFromSearchParams(next)).toEqual({
      cluster: '',
      state: 'Failed',
      owner: 'group:default/ml-team',
    });
  });
});
