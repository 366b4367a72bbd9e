import { findPreset } from '../presets/findPreset';
import { lookupSku } from '../sku/lookupSku';
import { parseKaitoCatalog } from './parseKaitoCatalog';

describe('parseKaitoCatalog', () => {
  it('reads custom SKUs, presets and prices that the lookups then find', () => {
    const result = parseKaitoCatalog({
      customSkus: [{ name: 'lab-l40s', gpuCount: 2, perGpuMemoryGiB: 48, gpuModel: 'L40S' }],
      customPresets: [{ name: 'qwen3-8b', hfRepo: 'Qwen/Qwen3-8B', weightsGiB: 15.3, diskGiB: 100, bytesPerToken: 147456 }],
      prices: { currency: 'EUR', perHour: { 'lab-l40s': 1.2 } },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(lookupSku('LAB-L40S', { customSkus: result.catalog.customSkus })).toMatchObject({ gpuMemoryGiB: 96 });
    expect(findPreset('qwen/qwen3-8b', { customPresets: result.catalog.customPresets })).toMatchObject({
      name: 'qwen3-8b',
      servedModelName: 'qwen3-8b',
      runtimes: ['vllm'],
      diskGiB: 100,
      contextLength: 2048,
    });
    const withoutDisk = parseKaitoCatalog({ customPresets: [{ name: 'm', hfRepo: 'acme/M-7B', weightsGiB: 13.99, bytesPerToken: 1 }] });
    expect(withoutDisk.ok && withoutDisk.catalog.customPresets?.[0]).toMatchObject({ diskGiB: 93, servedModelName: 'm-7b' });
    expect(result.catalog.prices).toEqual({ currency: 'EUR', perHour: { 'lab-l40s': 1.2 } });
  });

  it('accepts an empty block', () => {
    expect(parseKaitoCatalog(undefined)).toEqual({ ok: true, catalog: { customSkus: [], customPresets: [] } });
  });

  it.each([
    [{ customPresets: [{ name: 'X', hfRepo: 'a/b', weightsGiB: 1, diskGiB: 1, bytesPerToken: 1 }] }, 'customPresets[0].name', 'name must be lower-case letters, digits, "-" or "."'],
    [{ customPresets: [{ name: 'x', hfRepo: 'ab', weightsGiB: 1, diskGiB: 1, bytesPerToken: 1 }] }, 'customPresets[0].hfRepo', 'hfRepo must be a Hugging Face id such as org/model'],
    [{ prices: { currency: 'usd', perHour: {} } }, 'prices.currency', 'currency must be an ISO 4217 code such as USD'],
    [{ prices: { perHour: { a: -1 } } }, 'prices.perHour.a', 'prices must not be negative'],
    [{ customSkus: [{ name: 'x', gpuCount: 0, perGpuMemoryGiB: 1, gpuModel: 'g' }] }, 'customSkus[0].gpuCount', 'gpuCount must be at least 1'],
  ])('reports %j at %s', (input, path, message) => {
    expect(parseKaitoCatalog(input)).toEqual({ ok: false, issues: [{ path, message, severity: 'error' }] });
  });
});
