import { GpuSku } from './gpuSku';

const AZURE_DOCS = 'https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated';
const ARC_DOCS = 'https://learn.microsoft.com/azure/aks/aksarc/deploy-gpu-node-pool';
const AWS_DOCS = 'https://aws.amazon.com/ec2/instance-types';

type Row = [
  name: string,
  gpuCount: number,
  gpuMemoryGiB: number,
  gpuModel: string,
  nvme: boolean,
  docsPage: string,
  cudaComputeCapability?: number,
];

function toSkus(
  cloud: GpuSku['cloud'],
  docsBase: string,
  rows: Row[],
  retired = false,
): GpuSku[] {
  return rows.map(([name, gpuCount, gpuMemoryGiB, gpuModel, nvme, page, cc]) => ({
    name,
    cloud,
    gpuCount,
    gpuMemoryGiB,
    perGpuMemoryGiB: gpuMemoryGiB / gpuCount,
    gpuModel,
    nvme,
    ...(cc === undefined ? {} : { cudaComputeCapability: cc }),
    ...(retired ? { retired: true } : {}),
    docsUrl: page ? `${docsBase}/${page}` : docsBase,
  }));
}

/** Azure SKUs in Kaito's current table (CUDA compute capability ≥ 8.0), kaito.md §4. */
const AZURE_CURRENT = toSkus('azure', AZURE_DOCS, [
  ['Standard_NV36ads_A10_v5', 1, 24, 'A10', false, 'nvadsa10v5-series', 8.6],
  ['Standard_NV72ads_A10_v5', 2, 48, 'A10', false, 'nvadsa10v5-series', 8.6],
  ['Standard_NC24ads_A100_v4', 1, 80, 'A100', true, 'nca100v4-series', 8.0],
  ['Standard_NC48ads_A100_v4', 2, 160, 'A100', true, 'nca100v4-series', 8.0],
  ['Standard_NC96ads_A100_v4', 4, 320, 'A100', true, 'nca100v4-series', 8.0],
  ['Standard_ND96asr_A100_v4', 8, 320, 'A100', false, 'nda100v4-series', 8.0],
  ['Standard_ND96amsr_A100_v4', 8, 640, 'A100', true, 'ndma100v4-series', 8.0],
  ['Standard_NC40ads_H100_v5', 1, 94, 'H100', true, 'ncadsh100v5-series', 9.0],
  ['Standard_NC80adis_H100_v5', 2, 188, 'H100', true, 'ncadsh100v5-series', 9.0],
  ['Standard_NCC40ads_H100_v5', 1, 94, 'H100', false, 'nccadsh100v5-series', 9.0],
  ['Standard_ND96isr_H100_v5', 8, 640, 'H100', true, 'ndh100v5-series', 9.0],
  ['Standard_ND96isr_H200_v5', 8, 1128, 'H200', true, 'ndh200v5-series', 9.0],
  ['Standard_NG32ads_V620_v1', 1, 32, 'AMD Radeon PRO V620', false, 'ngadsv620-series'],
  ['Standard_NG32adms_V620_v1', 1, 32, 'AMD Radeon PRO V620', false, 'ngadsv620-series'],
]);

/** Azure SKUs removed from Kaito's table since v0.4.6 (compute capability < 8.0). */
const AZURE_RETIRED = toSkus(
  'azure',
  AZURE_DOCS,
  [
    ['Standard_NC6s_v3', 1, 16, 'V100', false, 'ncv3-series', 7.0],
    ['Standard_NC12s_v3', 2, 32, 'V100', false, 'ncv3-series', 7.0],
    ['Standard_NC24s_v3', 4, 64, 'V100', false, 'ncv3-series', 7.0],
    ['Standard_NC24rs_v3', 4, 64, 'V100', false, 'ncv3-series', 7.0],
    ['Standard_NC4as_T4_v3', 1, 16, 'T4', false, 'ncast4v3-series', 7.5],
    ['Standard_NC8as_T4_v3', 1, 16, 'T4', false, 'ncast4v3-series', 7.5],
    ['Standard_NC16as_T4_v3', 1, 16, 'T4', false, 'ncast4v3-series', 7.5],
    ['Standard_NC64as_T4_v3', 4, 64, 'T4', false, 'ncast4v3-series', 7.5],
    ['Standard_NV6', 1, 8, 'M60', false, 'nv-series', 5.2],
    ['Standard_NV12', 2, 16, 'M60', false, 'nv-series', 5.2],
    ['Standard_NV24', 4, 32, 'M60', false, 'nv-series', 5.2],
    ['Standard_NV12s_v3', 1, 8, 'M60', false, 'nvv3-series', 5.2],
    ['Standard_NV24s_v3', 2, 16, 'M60', false, 'nvv3-series', 5.2],
    ['Standard_NV48s_v3', 4, 32, 'M60', false, 'nvv3-series', 5.2],
    ['Standard_NV32as_v4', 1, 16, 'AMD Radeon Instinct MI25', false, 'nvv4-series'],
  ],
  true,
);

/** AKS enabled by Azure Arc (on-premises) GPU sizes. */
const ARC = toSkus('arc', ARC_DOCS, [
  ['Standard_NC4_A2', 1, 16, 'A2', false, '', 8.6],
  ['Standard_NC8_A2', 1, 16, 'A2', false, '', 8.6],
  ['Standard_NC16_A2', 2, 32, 'A2', false, '', 8.6],
  ['Standard_NC32_A2', 2, 32, 'A2', false, '', 8.6],
  ['Standard_NC4_A16', 1, 16, 'A16', false, '', 8.6],
  ['Standard_NC8_A16', 1, 16, 'A16', false, '', 8.6],
  ['Standard_NC16_A16', 2, 32, 'A16', false, '', 8.6],
  ['Standard_NC32_A16', 2, 32, 'A16', false, '', 8.6],
]);

/** AWS instance types in Kaito's AWS SKU handler. */
const AWS = toSkus('aws', AWS_DOCS, [
  ['p4d.24xlarge', 8, 320, 'A100', false, 'p4/', 8.0],
  ['p4de.24xlarge', 8, 640, 'A100', false, 'p4/', 8.0],
  ['p5.48xlarge', 8, 640, 'H100', false, 'p5/', 9.0],
  ['p5e.48xlarge', 8, 1128, 'H200', false, 'p5/', 9.0],
  ['p5en.48xlarge', 8, 1128, 'H200', false, 'p5/', 9.0],
  ...(['xlarge', '2xlarge', '4xlarge', '8xlarge', '16xlarge'].map(
    size => [`g6.${size}`, 1, 24, 'L4', false, 'g6/', 8.9] as Row,
  )),
  ['gr6.4xlarge', 1, 24, 'L4', false, 'g6/', 8.9],
  ['gr6.8xlarge', 1, 24, 'L4', false, 'g6/', 8.9],
  ['g6.12xlarge', 4, 96, 'L4', false, 'g6/', 8.9],
  ['g6.24xlarge', 4, 96, 'L4', false, 'g6/', 8.9],
  ['g6.48xlarge', 8, 192, 'L4', false, 'g6/', 8.9],
  ...(['xlarge', '2xlarge', '4xlarge', '8xlarge', '16xlarge'].map(
    size => [`g5.${size}`, 1, 24, 'A10G', false, 'g5/', 8.6] as Row,
  )),
  ['g5.12xlarge', 4, 96, 'A10G', false, 'g5/', 8.6],
  ['g5.24xlarge', 4, 96, 'A10G', false, 'g5/', 8.6],
  ['g5.48xlarge', 8, 192, 'A10G', false, 'g5/', 8.6],
  ['g4ad.xlarge', 1, 8, 'AMD Radeon Pro V520', false, 'g4/'],
  ['g4ad.2xlarge', 1, 8, 'AMD Radeon Pro V520', false, 'g4/'],
  ['g4ad.4xlarge', 1, 8, 'AMD Radeon Pro V520', false, 'g4/'],
  ['g4ad.8xlarge', 2, 16, 'AMD Radeon Pro V520', false, 'g4/'],
  ['g4ad.16xlarge', 4, 32, 'AMD Radeon Pro V520', false, 'g4/'],
  ['trn1.2xlarge', 1, 32, 'AWS Trainium', false, 'trn1/'],
  ['trn1.32xlarge', 16, 512, 'AWS Trainium', false, 'trn1/'],
  ['trn1n.32xlarge', 16, 512, 'AWS Trainium', false, 'trn1/'],
  ['inf2.xlarge', 1, 32, 'AWS Inferentia2', false, 'inf2/'],
  ['inf2.8xlarge', 1, 32, 'AWS Inferentia2', false, 'inf2/'],
  ['inf2.24xlarge', 6, 192, 'AWS Inferentia2', false, 'inf2/'],
  ['inf2.48xlarge', 12, 384, 'AWS Inferentia2', false, 'inf2/'],
]);

/**
 * Every GPU SKU the library knows: Kaito's Azure, Arc and AWS tables (kaito.md §4),
 * plus the Azure SKUs Kaito removed since v0.4.6, kept with `retired: true` so old
 * quick-start YAML (e.g. `Standard_NC6s_v3`) still resolves.
 *
 * @public
 */
export const GPU_SKUS: readonly GpuSku[] = Object.freeze(
  [...AZURE_CURRENT, ...AZURE_RETIRED, ...ARC, ...AWS].map(sku => Object.freeze(sku)),
);
