import type { FitResponseBody } from '@kaito-backstage/plugin-kaito-common';
import { skus } from '../../__testUtils__/fixtures';
import { describeRemainingQuota, fittingShapes } from './fittingShapes';

const fit = (overrides: Partial<FitResponseBody> = {}): FitResponseBody => ({
  fits: true,
  reasons: [],
  nodeCount: 1,
  gpuCount: 1,
  recommendations: [
    {
      instanceType: 'Standard_NC24ads_A100_v4',
      nodeCount: 1,
      costPerHour: 3.67,
    },
    { instanceType: 'Custom_GPU_Box', nodeCount: 2 },
    { instanceType: 'Standard_NV36ads_A10_v5', nodeCount: 1, costPerHour: 3.2 },
    { instanceType: 'Standard_NC6', nodeCount: 1, costPerHour: 0.9 },
  ],
  ...overrides,
});

describe('fittingShapes', () => {
  it('lists recommendations cheapest first, unpriced last, without retired SKUs', () => {
    expect(fittingShapes(fit(), skus).map(s => s.instanceType)).toEqual([
      'Standard_NV36ads_A10_v5',
      'Standard_NC24ads_A100_v4',
      'Custom_GPU_Box',
    ]);
  });

  it('joins the SKU row for GPU details', () => {
    const [first] = fittingShapes(fit(), skus);
    expect(first.sku?.gpuModel).toBe('NVIDIA A10');
    expect(first.currency).toBe('USD');
  });
});

describe('describeRemainingQuota', () => {
  it.each<[FitResponseBody['quota'], string | undefined]>([
    [undefined, undefined],
    [
      { group: 'group:default/ml-team', usedGpus: 2, usedWorkspaces: 1 },
      undefined,
    ],
    [
      {
        group: 'group:default/ml-team',
        maxGpus: 8,
        usedGpus: 6,
        usedWorkspaces: 2,
      },
      'group:default/ml-team: 2 of 8 GPUs left',
    ],
    [
      {
        group: 'group:default/ml-team',
        maxGpus: 4,
        usedGpus: 6,
        usedWorkspaces: 2,
      },
      'group:default/ml-team: 0 of 4 GPUs left',
    ],
  ])('describes %j as %s', (quota, expected) => {
    expect(describeRemainingQuota(fit({ quota }))).toBe(expected);
  });
});
