import { findPreset } from '../presets/findPreset';
import { EXAMPLE_PRICES } from '../pricing/examplePrices';
import { GpuSku } from '../sku/gpuSku';
import { recommendSkus } from './recommendSkus';

const preset = (name: string) => findPreset(name)!;

describe('recommendSkus', () => {
  it('puts the cheapest fitting Azure SKU first, with node count and cost', () => {
    const [first, second] = recommendSkus({
      preset: preset('phi-4-mini-instruct'),
      runtime: 'vllm',
      cloud: 'azure',
      catalog: { prices: EXAMPLE_PRICES },
    });
    expect(first).toMatchObject({ sku: { name: 'Standard_NV36ads_A10_v5' }, nodeCount: 1, cost: { perHour: 3.2, currency: 'USD' } });
    expect(second).toMatchObject({ sku: { name: 'Standard_NC24ads_A100_v4' }, cost: { perHour: 3.67 } });
  });

  it('prices multi-node results by node count', () => {
    const results = recommendSkus({
      preset: preset('llama-3.3-70b-instruct'),
      runtime: 'vllm',
      cloud: 'azure',
      catalog: { prices: EXAMPLE_PRICES },
      limit: 10,
    });
    const a100 = results.find(r => r.sku.name === 'Standard_NC24ads_A100_v4');
    expect(a100).toMatchObject({ nodeCount: 3, cost: { perHour: 11.01 } });
    const costs = results.filter(r => r.cost).map(r => r.cost!.perHour);
    expect(costs).toEqual([...costs].sort((x, y) => x - y));
  });

  it('never recommends retired or non-CUDA SKUs, nor other clouds', () => {
    const names = recommendSkus({ preset: preset('phi-4-mini-instruct'), runtime: 'vllm', cloud: 'azure', limit: 100 }).map(
      r => r.sku.name,
    );
    expect(names).not.toContain('Standard_NC6s_v3');
    expect(names).not.toContain('Standard_NG32ads_V620_v1');
    expect(names.some(n => n.startsWith('g5.'))).toBe(false);
  });

  it('lists unpriced SKUs after priced ones, smallest memory first', () => {
    const results = recommendSkus({
      preset: preset('phi-4-mini-instruct'),
      runtime: 'vllm',
      cloud: 'azure',
      catalog: { prices: { currency: 'USD', perHour: { Standard_NC24ads_A100_v4: 9 } } },
      limit: 3,
    });
    expect(results.map(r => r.sku.name)).toEqual(['Standard_NC24ads_A100_v4', 'Standard_NV36ads_A10_v5', 'Standard_NV72ads_A10_v5']);
  });

  it('includes custom SKUs from the catalog', () => {
    const custom: GpuSku = { name: 'lab-rtx', cloud: 'custom', gpuCount: 1, gpuMemoryGiB: 48, perGpuMemoryGiB: 48, gpuModel: 'RTX', nvme: false };
    const results = recommendSkus({
      preset: preset('phi-4'),
      runtime: 'vllm',
      cloud: 'azure',
      catalog: { customSkus: [custom], prices: { currency: 'USD', perHour: { 'lab-rtx': 0.5 } } },
    });
    expect(results[0]).toMatchObject({ sku: { name: 'lab-rtx' }, cost: { perHour: 0.5 } });
  });

  it('spreads the 675B model over several nodes, or fits it on one 8 × H200 node', () => {
    const results = recommendSkus({ preset: preset('mistral-large-3-675b-instruct'), runtime: 'vllm', cloud: 'azure', limit: 20 });
    const layouts = results.map(r => [r.sku.name, r.nodeCount]);
    expect(layouts).toContainEqual(['Standard_ND96isr_H200_v5', 1]);
    expect(layouts).toContainEqual(['Standard_NC96ads_A100_v4', 3]);
    expect(layouts).toContainEqual(['Standard_NC40ads_H100_v5', 9]);
  });

  it('returns nothing when no SKU holds the KV cache', () => {
    const hugeContext = { ...preset('mistral-large-3-675b-instruct'), bytesPerToken: 1024 ** 3 };
    expect(recommendSkus({ preset: hugeContext, runtime: 'vllm' })).toEqual([]);
  });
});
