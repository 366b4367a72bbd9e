import { parseCustomSkus } from './customSku';

describe('parseCustomSkus', () => {
  it('derives total memory and defaults cloud and NVMe', () => {
    expect(
      parseCustomSkus([{ name: 'onprem-l40s', gpuCount: 4, perGpuMemoryGiB: 48, gpuModel: 'L40S' }]),
    ).toEqual({
      ok: true,
      skus: [
        { name: 'onprem-l40s', cloud: 'custom', gpuCount: 4, perGpuMemoryGiB: 48, gpuMemoryGiB: 192, gpuModel: 'L40S', nvme: false },
      ],
    });
  });

  it('accepts no config at all', () => {
    expect(parseCustomSkus(undefined)).toEqual({ ok: true, skus: [] });
  });

  it.each([
    [{ name: 'x', gpuCount: 0, perGpuMemoryGiB: 24, gpuModel: 'L4' }, 'customSkus[0].gpuCount', 'gpuCount must be at least 1'],
    [{ name: 'x', gpuCount: 1, perGpuMemoryGiB: -1, gpuModel: 'L4' }, 'customSkus[0].perGpuMemoryGiB', 'perGpuMemoryGiB must be positive'],
    [{ name: '', gpuCount: 1, perGpuMemoryGiB: 24, gpuModel: 'L4' }, 'customSkus[0].name', 'name is required'],
  ])('reports %j at %s', (sku, path, message) => {
    expect(parseCustomSkus([sku])).toEqual({ ok: false, issues: [{ path, message, severity: 'error' }] });
  });
});
