/**
 * The GPU shape of one VM/instance type, as Kaito's SKU handlers describe it.
 *
 * @public
 */
export interface GpuSku {
  /** Instance type exactly as the cloud spells it, e.g. `Standard_NC24ads_A100_v4`. */
  name: string;
  /** Which table the row belongs to; `custom` rows come from app config. */
  cloud: 'azure' | 'aws' | 'arc' | 'custom';
  /** Number of GPUs (or accelerators) per node. */
  gpuCount: number;
  /** GPU memory in GiB, total across all GPUs of one node. */
  gpuMemoryGiB: number;
  /** GPU memory in GiB of a single GPU (`gpuMemoryGiB / gpuCount`). */
  perGpuMemoryGiB: number;
  /** Marketing name of the GPU, e.g. `A100`, `H100`, `A10G`. */
  gpuModel: string;
  /** Whether Kaito uses a local NVMe disk of this SKU for model weights. */
  nvme: boolean;
  /** CUDA compute capability when known (Kaito keeps only ≥ 8.0 on Azure). */
  cudaComputeCapability?: number;
  /** Removed from Kaito's table; still accepted, with a warning. */
  retired?: boolean;
  /** Vendor documentation page for the size family. */
  docsUrl?: string;
}
