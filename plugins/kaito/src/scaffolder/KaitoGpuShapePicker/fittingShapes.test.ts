import type { FitResponseBody } from '@kaito-backstage/plugin-kaito-common';
import { skus } from '../../__testUtils__/fixtures';
import { describeRemainingQuota, fittingShapes } from './fittingShapes';

const fit = (overrides: Partial<FitResponseBody> = {}): FitResponseBody => ({
  fits: true,
  reasons: [],
  nodeCount: 1,
  gpuCount: 1,
  recommendations: [],
  ...overrides,
});

const [a10, a100, retiredK80] = skus;
const customBox = {
  ...a10,
  name: 'Custom_GPU_Box',
  pricePerHour: undefined,
  currency: undefined,
};

describe('fittingShapes', () => {
  it('keeps fitting, current types, cheapest first and unpriced last', () => {
    const shapes = fittingShapes([
      { sku: a100, fit: fit({ costPerHour: 3.67, currency: 'USD' }) },
      { sku: customBox, fit: fit({ nodeCount: 2 }) },
      {
        sku: a10,
        fit: fit({
          costPerHour: 3.2,
          currency: 'USD',
          reasons: ['Context capped at 4096 tokens'],
        }),
      },
      { sku: retiredK80, fit: fit({ costPerHour: 0.9 }) },
      {
        sku: { ...a10, name: 'Too_Small' },
        fit: fit({ fits: false, costPerHour: 0.5 }),
      },
    ]);
    expect(
      shapes.map(s => [s.instanceType, s.nodeCount, s.costPerHour]),
    ).toEqual([
      ['Standard_NV36ads_A10_v5', 1, 3.2],
      ['Standard_NC24ads_A100_v4', 1, 3.67],
      ['Custom_GPU_Box', 2, undefined],
    ]);
    expect(shapes[0].warnings).toEqual(['Context capped at 4096 tokens']);
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
