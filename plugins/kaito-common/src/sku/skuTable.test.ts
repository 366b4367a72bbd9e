import { GPU_SKUS } from './skuTable';

describe('GPU_SKUS', () => {
  it.each([
    // name, cloud, gpus, total GiB, per-GPU GiB, model, nvme, retired
    ['Standard_NV36ads_A10_v5', 'azure', 1, 24, 24, 'A10', false, false],
    ['Standard_NV72ads_A10_v5', 'azure', 2, 48, 24, 'A10', false, false],
    ['Standard_NC24ads_A100_v4', 'azure', 1, 80, 80, 'A100', true, false],
    ['Standard_NC48ads_A100_v4', 'azure', 2, 160, 80, 'A100', true, false],
    ['Standard_NC96ads_A100_v4', 'azure', 4, 320, 80, 'A100', true, false],
    ['Standard_ND96asr_A100_v4', 'azure', 8, 320, 40, 'A100', false, false],
    ['Standard_ND96amsr_A100_v4', 'azure', 8, 640, 80, 'A100', true, false],
    ['Standard_NC40ads_H100_v5', 'azure', 1, 94, 94, 'H100', true, false],
    ['Standard_NC80adis_H100_v5', 'azure', 2, 188, 94, 'H100', true, false],
    ['Standard_NCC40ads_H100_v5', 'azure', 1, 94, 94, 'H100', false, false],
    ['Standard_ND96isr_H100_v5', 'azure', 8, 640, 80, 'H100', true, false],
    ['Standard_ND96isr_H200_v5', 'azure', 8, 1128, 141, 'H200', true, false],
    ['Standard_NG32ads_V620_v1', 'azure', 1, 32, 32, 'AMD Radeon PRO V620', false, false],
    ['Standard_NG32adms_V620_v1', 'azure', 1, 32, 32, 'AMD Radeon PRO V620', false, false],
    ['Standard_NC6s_v3', 'azure', 1, 16, 16, 'V100', false, true],
    ['Standard_NC12s_v3', 'azure', 2, 32, 16, 'V100', false, true],
    ['Standard_NC24s_v3', 'azure', 4, 64, 16, 'V100', false, true],
    ['Standard_NC24rs_v3', 'azure', 4, 64, 16, 'V100', false, true],
    ['Standard_NC4as_T4_v3', 'azure', 1, 16, 16, 'T4', false, true],
    ['Standard_NC8as_T4_v3', 'azure', 1, 16, 16, 'T4', false, true],
    ['Standard_NC16as_T4_v3', 'azure', 1, 16, 16, 'T4', false, true],
    ['Standard_NC64as_T4_v3', 'azure', 4, 64, 16, 'T4', false, true],
    ['Standard_NV6', 'azure', 1, 8, 8, 'M60', false, true],
    ['Standard_NV12', 'azure', 2, 16, 8, 'M60', false, true],
    ['Standard_NV24', 'azure', 4, 32, 8, 'M60', false, true],
    ['Standard_NV12s_v3', 'azure', 1, 8, 8, 'M60', false, true],
    ['Standard_NV24s_v3', 'azure', 2, 16, 8, 'M60', false, true],
    ['Standard_NV48s_v3', 'azure', 4, 32, 8, 'M60', false, true],
    ['Standard_NV32as_v4', 'azure', 1, 16, 16, 'AMD Radeon Instinct MI25', false, true],
    ['Standard_NC4_A2', 'arc', 1, 16, 16, 'A2', false, false],
    ['Standard_NC8_A2', 'arc', 1, 16, 16, 'A2', false, false],
    ['Standard_NC16_A2', 'arc', 2, 32, 16, 'A2', false, false],
    ['Standard_NC32_A2', 'arc', 2, 32, 16, 'A2', false, false],
    ['Standard_NC4_A16', 'arc', 1, 16, 16, 'A16', false, false],
    ['Standard_NC8_A16', 'arc', 1, 16, 16, 'A16', false, false],
    ['Standard_NC16_A16', 'arc', 2, 32, 16, 'A16', false, false],
    ['Standard_NC32_A16', 'arc', 2, 32, 16, 'A16', false, false],
    ['p4d.24xlarge', 'aws', 8, 320, 40, 'A100', false, false],
    ['p4de.24xlarge', 'aws', 8, 640, 80, 'A100', false, false],
    ['p5.48xlarge', 'aws', 8, 640, 80, 'H100', false, false],
    ['p5e.48xlarge', 'aws', 8, 1128, 141, 'H200', false, false],
    ['p5en.48xlarge', 'aws', 8, 1128, 141, 'H200', false, false],
    ['g6.xlarge', 'aws', 1, 24, 24, 'L4', false, false],
    ['g6.2xlarge', 'aws', 1, 24, 24, 'L4', false, false],
    ['g6.4xlarge', 'aws', 1, 24, 24, 'L4', false, false],
    ['g6.8xlarge', 'aws', 1, 24, 24, 'L4', false, false],
    ['g6.16xlarge', 'aws', 1, 24, 24, 'L4', false, false],
    ['gr6.4xlarge', 'aws', 1, 24, 24, 'L4', false, false],
    ['gr6.8xlarge', 'aws', 1, 24, 24, 'L4', false, false],
    ['g6.12xlarge', 'aws', 4, 96, 24, 'L4', false, false],
    ['g6.24xlarge', 'aws', 4, 96, 24, 'L4', false, false],
    ['g6.48xlarge', 'aws', 8, 192, 24, 'L4', false, false],
    ['g5.xlarge', 'aws', 1, 24, 24, 'A10G', false, false],
    ['g5.2xlarge', 'aws', 1, 24, 24, 'A10G', false, false],
    ['g5.4xlarge', 'aws', 1, 24, 24, 'A10G', false, false],
    ['g5.8xlarge', 'aws', 1, 24, 24, 'A10G', false, false],
    ['g5.16xlarge', 'aws', 1, 24, 24, 'A10G', false, false],
    ['g5.12xlarge', 'aws', 4, 96, 24, 'A10G', false, false],
    ['g5.24xlarge', 'aws', 4, 96, 24, 'A10G', false, false],
    ['g5.48xlarge', 'aws', 8, 192, 24, 'A10G', false, false],
    ['g4ad.xlarge', 'aws', 1, 8, 8, 'AMD Radeon Pro V520', false, false],
    ['g4ad.2xlarge', 'aws', 1, 8, 8, 'AMD Radeon Pro V520', false, false],
    ['g4ad.4xlarge', 'aws', 1, 8, 8, 'AMD Radeon Pro V520', false, false],
    ['g4ad.8xlarge', 'aws', 2, 16, 8, 'AMD Radeon Pro V520', false, false],
    ['g4ad.16xlarge', 'aws', 4, 32, 8, 'AMD Radeon Pro V520', false, false],
    ['trn1.2xlarge', 'aws', 1, 32, 32, 'AWS Trainium', false, false],
    ['trn1.32xlarge', 'aws', 16, 512, 32, 'AWS Trainium', false, false],
    ['trn1n.32xlarge', 'aws', 16, 512, 32, 'AWS Trainium', false, false],
    ['inf2.xlarge', 'aws', 1, 32, 32, 'AWS Inferentia2', false, false],
    ['inf2.8xlarge', 'aws', 1, 32, 32, 'AWS Inferentia2', false, false],
    ['inf2.24xlarge', 'aws', 6, 192, 32, 'AWS Inferentia2', false, false],
    ['inf2.48xlarge', 'aws', 12, 384, 32, 'AWS Inferentia2', false, false],
  ])(
    'describes %s as %s with %i GPU(s), %i GiB total, %i GiB per GPU, %s',
    (name, cloud, gpuCount, total, perGpu, model, nvme, retired) => {
      const sku = GPU_SKUS.find(s => s.name === name);
      expect(sku).toMatchObject({
        cloud,
        gpuCount,
        gpuMemoryGiB: total,
        perGpuMemoryGiB: perGpu,
        gpuModel: model,
        nvme,
      });
      expect(Boolean(sku?.retired)).toBe(retired);
    },
  );

  it('has no duplicate names, ignoring case', () => {
    const names = GPU_SKUS.map(s => s.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every row a vendor documentation link', () => {
    for (const sku of GPU_SKUS) {
      expect(sku.docsUrl).toMatch(/^https:\/\/(learn\.microsoft\.com|aws\.amazon\.com)\//);
    }
  });

  it('marks retired exactly the SKUs with CUDA compute capability below 8.0 or no CUDA at all on Azure', () => {
    const retired = GPU_SKUS.filter(s => s.retired).map(s => s.name);
    expect(retired).toHaveLength(15);
    for (const sku of GPU_SKUS.filter(s => s.retired)) {
      expect(sku.cloud).toBe('azure');
      expect(sku.cudaComputeCapability ?? 0).toBeLessThan(8);
    }
  });

  it('is frozen so callers cannot change the shared table', () => {
    expect(Object.isFrozen(GPU_SKUS)).toBe(true);
    expect(Object.isFrozen(GPU_SKUS[0])).toBe(true);
  });
});
