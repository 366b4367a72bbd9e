import { findPreset } from '../presets/findPreset';
import { lookupSku } from '../sku/lookupSku';
import { estimateVllmNodeCount, requestedNodeCount } from './estimateNodeCount';

const model = (name: string) => findPreset(name)!;
const sku = (name: string) => lookupSku(name)!;

describe('estimateVllmNodeCount', () => {
  it.each([
    // preset, SKU, expected nodes, expected GPUs
    ['phi-4-mini-instruct', 'Standard_NV36ads_A10_v5', 1, 1],
    ['phi-4-mini-instruct', 'Standard_NC24ads_A100_v4', 1, 1],
    ['phi-4', 'Standard_NC24ads_A100_v4', 1, 1],
    ['phi-4', 'Standard_NV72ads_A10_v5', 1, 2],
    ['llama-3.3-70b-instruct', 'Standard_NC24ads_A100_v4', 3, 3],
    ['llama-3.3-70b-instruct', 'Standard_NC96ads_A100_v4', 1, 3],
    ['deepseek-r1-0528', 'Standard_ND96isr_H200_v5', 1, 6],
    ['deepseek-r1-0528', 'Standard_ND96isr_H100_v5', 2, 11],
    ['qwen2.5-coder-32b-instruct', 'Standard_NC48ads_A100_v4', 1, 2],
  ])('sizes %s on %s at %i node(s), %i GPU(s)', (preset, skuName, nodes, gpus) => {
    expect(estimateVllmNodeCount(model(preset), sku(skuName))).toMatchObject({
      ok: true,
      nodeCount: nodes,
      gpusNeeded: gpus,
    });
  });

  it('follows the formula: 7.15 GiB of phi-4-mini on one A10', () => {
    const estimate = estimateVllmNodeCount(model('phi-4-mini-instruct'), sku('Standard_NV36ads_A10_v5'));
    // fixed = 2.3 GiB + 2048 tokens × 131072 B = 2.3 + 0.25 GiB
    expect(estimate.fixedPerGpuGiB).toBeCloseTo(2.55, 5);
    expect(estimate.modelSizeGiB).toBeCloseTo(7.293, 3);
    expect(estimate.usablePerGpuGiB).toBeCloseTo((24 * 0.84 - 2.55) / 1.05, 5);
  });

  it('adds exactly one GPU when the model fills usable memory exactly', () => {
    const fake = { name: 'fake', weightsGiB: 0, bytesPerToken: 0 };
    const shape = { name: 'x', gpuCount: 1, gpuMemoryGiB: 100 };
    const usable = (100 * 0.84 - 2.3) / 1.05;
    const exact = estimateVllmNodeCount({ ...fake, weightsGiB: (usable * 2) / 1.02 }, shape);
    expect(exact).toMatchObject({ ok: true, gpusNeeded: 3 });
  });

  describe('when the model needs more than one node', () => {
    it('spreads it over them, as Kaito v0.12 does for every model', () => {
      // fixed = 2.3 + 2048 × 204800 B = 2.69 GiB; usable = (24 × 0.84 − 2.69) / 1.05 = 16.64 GiB; 26.52 GiB → 2 GPUs
      const estimate = estimateVllmNodeCount(model('phi-3-medium-4k-instruct'), sku('Standard_NV36ads_A10_v5'));
      expect(estimate).toMatchObject({ ok: true, nodeCount: 2, gpusNeeded: 2 });
    });
  });

  describe('when the KV cache alone exceeds the GPU', () => {
    it('fails with KvCacheDoesNotFit', () => {
      const estimate = estimateVllmNodeCount(model('gemma-3-27b-instruct'), sku('Standard_NV6'), 131072);
      expect(estimate).toMatchObject({ ok: false, reason: 'KvCacheDoesNotFit', nodeCount: 0 });
      expect(!estimate.ok && estimate.message).toMatch(/need 64\.3 GiB per GPU before any weights load/);
    });

    it('is at the boundary: available equal to fixed fails', () => {
      const shape = { name: 'x', gpuCount: 1, gpuMemoryGiB: 2.3 / 0.84 };
      const estimate = estimateVllmNodeCount({ name: 'm', weightsGiB: 1, bytesPerToken: 0 }, shape);
      expect(estimate).toMatchObject({ ok: false, reason: 'KvCacheDoesNotFit' });
    });
  });

  it('uses a larger max-model-len to grow the fixed part', () => {
    const short = estimateVllmNodeCount(model('phi-4'), sku('Standard_NC24ads_A100_v4'), 2048);
    const long = estimateVllmNodeCount(model('phi-4'), sku('Standard_NC24ads_A100_v4'), 16384);
    expect(long.fixedPerGpuGiB - short.fixedPerGpuGiB).toBeCloseTo(((16384 - 2048) * 204800) / 1024 ** 3, 6);
  });
});

describe('requestedNodeCount', () => {
  it.each([
    [undefined, 1],
    [0, 1],
    [3, 3],
  ])('turns count %p into %i', (count, expected) => {
    expect(requestedNodeCount(count)).toBe(expected);
  });
});
