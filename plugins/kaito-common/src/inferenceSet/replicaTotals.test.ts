import { replicaTotals } from './replicaTotals';

const fit = { gpuCount: 2, costPerHour: 3.5, currency: 'USD', quota: { group: 'group:default/ml-team', usedGpus: 2, maxGpus: 10, usedWorkspaces: 1, maxWorkspaces: 6 } };

describe('replicaTotals', () => {
  it.each([
    ['3 replicas', 3, undefined, { gpus: 6, maxGpus: 6, costPerHour: 10.5, maxCostPerHour: 10.5, problem: undefined }],
    ['2 replicas autoscaling to 4', 2, 4, { gpus: 4, maxGpus: 8, costPerHour: 7, maxCostPerHour: 14, problem: undefined }],
    ['5 replicas: over the GPU quota', 5, undefined, { gpus: 10, maxGpus: 10, costPerHour: 17.5, maxCostPerHour: 17.5, problem: 'Over the GPU quota of group:default/ml-team: 2 of 10 GPUs in use, 5 replicas need 10' }],
    ['1 replica autoscaling to 6: the maximum breaks the quota', 1, 6, { gpus: 2, maxGpus: 12, costPerHour: 3.5, maxCostPerHour: 21, problem: 'Over the GPU quota of group:default/ml-team: 2 of 10 GPUs in use, autoscaling up to 6 replicas need 12' }],
  ])('%s', (_what, replicas, max, expected) => {
    const totals = replicaTotals(fit, replicas, max);
    expect({ gpus: totals.gpus, maxGpus: totals.maxGpus, costPerHour: totals.costPerHour, maxCostPerHour: totals.maxCostPerHour, problem: totals.quota?.problem }).toEqual(expected);
  });

  it('names the workspace quota when it is the one broken, and leaves out cost without a price', () => {
    const totals = replicaTotals({ gpuCount: 0, quota: { group: 'group:default/a', usedGpus: 0, usedWorkspaces: 5, maxWorkspaces: 6 } }, 2);
    expect(totals.quota?.problem).toBe('Over the workspace quota of group:default/a: 5 of 6 in use, 2 replicas need 2 (one per replica)');
    expect(totals.costPerHour).toBeUndefined();
  });
});
