import { lookupSku } from '@kaito-backstage/plugin-kaito-common';

/** What a simulated node of an instance type looks like. @internal */
export interface NodeShape {
  capacity: Record<string, string>;
  labels: Record<string, string>;
  gpuCount: number;
}

/** GPU feature-discovery's product label value, e.g. `NVIDIA-A100-80GB`. */
function gpuProduct(model: string, perGpuGiB: number): string {
  const vendor = /V620|MI\d+|V520/.test(model) ? 'AMD' : 'NVIDIA';
  return `${vendor}-${model.replace(/\s+/g, '-')}-${Math.round(perGpuGiB)}GB`;
}

/**
 * Capacity and labels of a node of an instance type, from Kaito's SKU catalog (GPU count,
 * per-GPU memory and model); instance types outside the catalog get a CPU-only node.
 * @internal
 */
export function nodeShapeFor(instanceType: string): NodeShape {
  const sku = lookupSku(instanceType);
  const gpuCount = sku?.gpuCount ?? 0;
  const cpu = gpuCount > 0 ? Math.max(8, gpuCount * 12) : 4;
  const memoryGi = gpuCount > 0 ? Math.max(56, gpuCount * 110) : 16;
  const capacity: Record<string, string> = {
    cpu: String(cpu),
    memory: `${memoryGi}Gi`,
    pods: '110',
    'ephemeral-storage': '1024Gi',
  };
  const labels: Record<string, string> = {
    'node.kubernetes.io/instance-type': instanceType,
    'beta.kubernetes.io/instance-type': instanceType,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
  };
  if (sku && gpuCount > 0) {
    capacity['nvidia.com/gpu'] = String(gpuCount);
    labels.accelerator = 'nvidia';
    labels['nvidia.com/gpu.present'] = 'true';
    labels['nvidia.com/gpu.product'] = gpuProduct(sku.gpuModel, sku.perGpuMemoryGiB);
    labels['nvidia.com/gpu.count'] = String(gpuCount);
    labels['nvidia.com/gpu.memory'] = String(Math.round(sku.perGpuMemoryGiB * 1024));
    labels['kaito.sh/machine-type'] = 'gpu';
  } else {
    labels['kaito.sh/machine-type'] = 'cpu';
  }
  return { capacity, labels, gpuCount };
}
