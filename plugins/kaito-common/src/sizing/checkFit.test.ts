import { findPreset } from '../presets/findPreset';
import { lookupSku } from '../sku/lookupSku';
import { checkFit } from './checkFit';

const preset = (name: string) => findPreset(name)!;
const sku = (name: string) => lookupSku(name)!;

describe('checkFit', () => {
  describe('with the transformers runtime', () => {
    it.each([
      ['phi-4-mini-instruct', 'Standard_NV36ads_A10_v5', 1, true],
      ['phi-3-medium-4k-instruct', 'Standard_NV36ads_A10_v5', 1, false],
      ['phi-3-medium-4k-instruct', 'Standard_NV72ads_A10_v5', 1, true],
      ['qwen2.5-coder-32b-instruct', 'Standard_NC24ads_A100_v4', 1, true],
      ['qwen2.5-coder-32b-instruct', 'Standard_NV72ads_A10_v5', 1, false],
      ['qwen2.5-coder-32b-instruct', 'Standard_NV72ads_A10_v5', 2, true],
    ])('%s on %s × %i fits: %s', (p, s, count, fits) => {
      expect(checkFit({ preset: preset(p), sku: sku(s), runtime: 'transformers', count }).fits).toBe(fits);
    });

    it("uses Kaito's message naming both totals", () => {
      expect(
        checkFit({ preset: preset('phi-3-medium-4k-instruct'), sku: sku('Standard_NV36ads_A10_v5'), runtime: 'transformers' }),
      ).toEqual({
        fits: false,
        nodeCount: 1,
        reason: 'InsufficientGpuMemory',
        message:
          'Insufficient total GPU memory: Instance type Standard_NV36ads_A10_v5 has a total of 24 GiB, but preset phi-3-medium-4k-instruct requires at least 26 GiB',
      });
    });
  });

  describe('with the vLLM runtime', () => {
    it('reports the estimated node count when it fits', () => {
      expect(checkFit({ preset: preset('llama-3.3-70b-instruct'), sku: sku('Standard_NC24ads_A100_v4'), runtime: 'vllm' })).toEqual({
        fits: true,
        nodeCount: 3,
        message: 'llama-3.3-70b-instruct needs 134.05 GiB; it fits on 3 × Standard_NC24ads_A100_v4 (80 GiB per node)',
      });
    });

    it('spreads a model too large for one node over several', () => {
      expect(
        checkFit({ preset: preset('phi-3-medium-4k-instruct'), sku: sku('Standard_NV36ads_A10_v5'), runtime: 'vllm' }),
      ).toMatchObject({ fits: true, nodeCount: 2 });
    });

    it('passes on the estimator reason when it does not fit', () => {
      expect(
        checkFit({ preset: preset('gemma-3-27b-instruct'), sku: sku('Standard_NV6'), runtime: 'vllm', maxModelLen: 131072 }),
      ).toMatchObject({ fits: false, reason: 'KvCacheDoesNotFit', nodeCount: 0 });
    });
  });
});
