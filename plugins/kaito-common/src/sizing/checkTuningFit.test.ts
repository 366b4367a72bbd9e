import { findPreset } from '../presets/findPreset';
import { lookupSku } from '../sku/lookupSku';
import { checkTuningFit } from './checkTuningFit';
import { recommendSkus } from './recommendSkus';

const phi3 = findPreset('phi-3-mini-4k-instruct')!;

describe('checkTuningFit', () => {
  it('sizes tuning with the catalog tuning memory, not the serving memory', () => {
    expect(phi3.tuningMemoryGiB).toBeGreaterThan(phi3.weightsGiB);
    const a10 = checkTuningFit({ preset: phi3, sku: lookupSku('Standard_NV36ads_A10_v5')! });
    expect(a10).toMatchObject({ fits: false, reason: 'InsufficientGpuMemory' });
    expect(a10.message).toBe(
      `Insufficient GPU memory for tuning: Instance type Standard_NV36ads_A10_v5 has a total of 24 GiB, but tuning phi-3-mini-4k-instruct needs at least ${phi3.tuningMemoryGiB} GiB`,
    );
    expect(checkTuningFit({ preset: phi3, sku: lookupSku('Standard_NC24ads_A100_v4')! }).fits).toBe(true);
  });

  it('recommends only SKUs with the tuning memory for purpose tuning', () => {
    const tuning = recommendSkus({ preset: phi3, runtime: 'transformers', cloud: 'azure', purpose: 'tuning', limit: 50 });
    expect(tuning.length).toBeGreaterThan(0);
    expect(tuning.every(r => r.sku.gpuMemoryGiB >= phi3.tuningMemoryGiB!)).toBe(true);
    const serving = recommendSkus({ preset: phi3, runtime: 'vllm', cloud: 'azure', limit: 50 });
    expect(serving.some(r => r.sku.name === 'Standard_NV36ads_A10_v5')).toBe(true);
  });
});
