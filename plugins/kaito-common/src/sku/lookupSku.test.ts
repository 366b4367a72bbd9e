import { GpuSku } from './gpuSku';
import { listKnownSkuNames, lookupSku } from './lookupSku';

const customSku: GpuSku = {
  name: 'onprem-rtx6000',
  cloud: 'custom',
  gpuCount: 2,
  gpuMemoryGiB: 96,
  perGpuMemoryGiB: 48,
  gpuModel: 'RTX 6000 Ada',
  nvme: false,
};

describe('lookupSku', () => {
  it.each([
    ['Standard_NC24ads_A100_v4', 'Standard_NC24ads_A100_v4'],
    ['standard_nc24ads_a100_v4', 'Standard_NC24ads_A100_v4'],
    ['STANDARD_NC6S_V3', 'Standard_NC6s_v3'],
    ['  g5.12xlarge ', 'g5.12xlarge'],
    ['P5.48XLARGE', 'p5.48xlarge'],
  ])('finds %j as %s', (input, expected) => {
    expect(lookupSku(input)?.name).toBe(expected);
  });

  it.each([[''], ['   '], ['Standard_D4s_v5'], ['m5.large']])(
    'returns undefined for unknown instance type %j',
    input => {
      expect(lookupSku(input)).toBeUndefined();
    },
  );

  describe('when custom SKUs are configured', () => {
    it('finds a custom SKU case-insensitively', () => {
      expect(lookupSku('ONPREM-RTX6000', { customSkus: [customSku] })).toBe(customSku);
    });

    it('prefers the built-in row over a custom SKU with the same name', () => {
      const impostor = { ...customSku, name: 'Standard_NV36ads_A10_v5', gpuCount: 8 };
      expect(
        lookupSku('Standard_NV36ads_A10_v5', { customSkus: [impostor] })?.gpuCount,
      ).toBe(1);
    });
  });
});

describe('listKnownSkuNames', () => {
  it('groups names by cloud, sorted, without retired SKUs by default', () => {
    const groups = listKnownSkuNames();
    expect(groups.azure).toContain('Standard_NC24ads_A100_v4');
    expect(groups.azure).not.toContain('Standard_NC6s_v3');
    expect(groups.arc).toHaveLength(8);
    expect(groups.custom).toEqual([]);
    expect(groups.aws).toEqual([...groups.aws].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('includes retired and custom SKUs when asked', () => {
    const groups = listKnownSkuNames({ includeRetired: true, customSkus: [customSku] });
    expect(groups.azure).toContain('Standard_NC6s_v3');
    expect(groups.custom).toEqual(['onprem-rtx6000']);
  });
});
