import { GpuSku } from './gpuSku';

/** The GPU feature-discovery labels Kaito reads from a bring-your-own node. */
const GPU_PRODUCT = 'nvidia.com/gpu.product';
const GPU_COUNT = 'nvidia.com/gpu.count';
/** Per-GPU memory in MiB. */
const GPU_MEMORY = 'nvidia.com/gpu.memory';

/** A node as far as its GPU labels go. @public */
export interface LabelledNode {
  name: string;
  labels?: Record<string, string>;
}

/** The shape of a set of BYO nodes, or why it cannot be known. @public */
export type ByoGpuShape = { ok: true; sku: GpuSku } | { ok: false; message: string };

/**
 * The GPU shape of one node from its NVIDIA labels, as Kaito v0.12 reads them
 * (`GetGPUConfigFromNodeLabels`): count, product, and per-GPU memory in MiB rounded to
 * whole GiB, times the count.
 *
 * @public
 */
export function gpuShapeFromNodeLabels(node: LabelledNode): ByoGpuShape {
  const labels = node.labels ?? {};
  const product = labels[GPU_PRODUCT];
  const countText = labels[GPU_COUNT];
  const memoryText = labels[GPU_MEMORY];
  if (product === undefined || countText === undefined || memoryText === undefined) {
    return { ok: false, message: `missing required nvidia.com labels on node ${node.name}` };
  }
  const gpuCount = Number(countText);
  if (!Number.isInteger(gpuCount) || countText.trim() === '') {
    return { ok: false, message: `invalid nvidia.com/gpu.count value on node ${node.name}: ${countText}` };
  }
  const memoryMiB = Number(memoryText);
  if (!Number.isInteger(memoryMiB) || memoryText.trim() === '') {
    return { ok: false, message: `invalid nvidia.com/gpu.memory value on node ${node.name}: ${memoryText}` };
  }
  const perGpuMemoryGiB = Math.floor(memoryMiB / 1024 + 0.5);
  return {
    ok: true,
    sku: {
      name: 'unknown',
      cloud: 'custom',
      gpuCount,
      gpuMemoryGiB: perGpuMemoryGiB * gpuCount,
      perGpuMemoryGiB,
      gpuModel: product,
      nvme: false,
    },
  };
}

/**
 * The one GPU shape a workspace's bring-your-own nodes share, with Kaito's refusals: no
 * matching node, a node without GPU labels, or nodes that differ in GPU product, count or
 * memory.
 *
 * @public
 */
export function byoGpuShape(nodes: readonly LabelledNode[]): ByoGpuShape {
  if (nodes.length === 0) {
    return { ok: false, message: 'No nodes found matching the specified label selector' };
  }
  let first: GpuSku | undefined;
  for (const node of nodes) {
    const shape = gpuShapeFromNodeLabels(node);
    if (!shape.ok) {
      return { ok: false, message: `Failed to get GPU config from nvidia labels on node ${node.name}: ${shape.message}` };
    }
    if (!first) {
      first = shape.sku;
    } else if (shape.sku.gpuModel !== first.gpuModel) {
      return {
        ok: false,
        message: `Non-uniform GPU product: node ${node.name} has ${shape.sku.gpuModel} GPUs, but previous node has ${first.gpuModel} GPUs, all nodes must have the same GPU product for homogeneous placement`,
      };
    } else if (shape.sku.gpuCount !== first.gpuCount) {
      return { ok: false, message: `Non-uniform GPU count: node ${node.name} has ${shape.sku.gpuCount} GPUs, but previous node has ${first.gpuCount} GPUs` };
    } else if (shape.sku.gpuMemoryGiB !== first.gpuMemoryGiB) {
      return {
        ok: false,
        message: `Non-uniform GPU memory: node ${node.name} has ${shape.sku.gpuMemoryGiB}Gi memory, but previous node has ${first.gpuMemoryGiB}Gi memory`,
      };
    }
  }
  return { ok: true, sku: first! };
}
