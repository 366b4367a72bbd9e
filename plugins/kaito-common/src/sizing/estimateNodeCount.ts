import { GpuSku } from '../sku/gpuSku';

/** vLLM `--gpu-memory-utilization` Kaito's estimator assumes. @public */
export const VLLM_GPU_MEMORY_UTILIZATION = 0.84;
/** Fixed per-GPU overhead of the vLLM runtime, GiB. */
const RUNTIME_OVERHEAD_GIB = 2.3;
/** Weights grow by 2% once loaded. */
const WEIGHTS_LOAD_FACTOR = 1.02;
/** Headroom divisor on the memory left per GPU. */
const HEADROOM_FACTOR = 1.05;
/** max-model-len Kaito sizes for unless the inference config sets one. @public */
export const DEFAULT_ESTIMATOR_MAX_MODEL_LEN = 2048;
const GIB = 1024 ** 3;

/**
 * What the estimator needs to know about the model.
 *
 * @public
 */
export interface EstimatorModel {
  name: string;
  weightsGiB: number;
  bytesPerToken: number;
}

/**
 * Result of {@link estimateVllmNodeCount}. Sizes are GiB.
 *
 * @public
 */
export type NodeEstimate =
  | {
      ok: true;
      nodeCount: number;
      gpusNeeded: number;
      modelSizeGiB: number;
      fixedPerGpuGiB: number;
      usablePerGpuGiB: number;
    }
  | {
      ok: false;
      reason: 'KvCacheDoesNotFit';
      message: string;
      nodeCount: number;
      modelSizeGiB: number;
      fixedPerGpuGiB: number;
      usablePerGpuGiB: number;
    };

/**
 * Kaito's vLLM node estimator (kaito.md §2.4): how many nodes of `sku` the model needs.
 *
 * `modelSize = weights × 1.02`; per GPU `avail = mem × 0.84`,
 * `fixed = 2.3 GiB + maxModelLen × bytesPerToken / gpuCount`,
 * `usable = (avail − fixed) / 1.05`; `minGPUs = floor(modelSize / usable) + 1`;
 * `nodes = ceil(minGPUs / gpuCount)`. Every model Kaito v0.12 serves may span several nodes.
 *
 * @public
 */
export function estimateVllmNodeCount(
  model: EstimatorModel,
  sku: Pick<GpuSku, 'name' | 'gpuCount' | 'gpuMemoryGiB'>,
  maxModelLen: number = DEFAULT_ESTIMATOR_MAX_MODEL_LEN,
): NodeEstimate {
  const modelSizeGiB = model.weightsGiB * WEIGHTS_LOAD_FACTOR;
  const perGpuGiB = sku.gpuMemoryGiB / sku.gpuCount;
  const availableGiB = perGpuGiB * VLLM_GPU_MEMORY_UTILIZATION;
  const fixedPerGpuGiB =
    RUNTIME_OVERHEAD_GIB + (maxModelLen * model.bytesPerToken) / GIB / sku.gpuCount;
  const usablePerGpuGiB = (availableGiB - fixedPerGpuGiB) / HEADROOM_FACTOR;
  const sizes = { modelSizeGiB, fixedPerGpuGiB, usablePerGpuGiB };

  if (availableGiB <= fixedPerGpuGiB) {
    return {
      ok: false,
      reason: 'KvCacheDoesNotFit',
      nodeCount: 0,
      message:
        `${sku.name} has ${round(availableGiB)} GiB usable per GPU, but the vLLM runtime and a KV cache ` +
        `for ${maxModelLen} tokens need ${round(fixedPerGpuGiB)} GiB per GPU before any weights load; ` +
        'choose a SKU with more memory per GPU or lower max-model-len',
      ...sizes,
    };
  }
  const gpusNeeded = Math.floor(modelSizeGiB / usablePerGpuGiB) + 1;
  const nodeCount = Math.ceil(gpusNeeded / sku.gpuCount);
  return { ok: true, nodeCount, gpusNeeded, ...sizes };
}

/**
 * Node count for the transformers runtime and for template workspaces: the requested
 * `resource.count`, default 1.
 *
 * @public
 */
export function requestedNodeCount(count: number | undefined): number {
  return count && count > 0 ? count : 1;
}

/** Rounds to 2 decimals for messages. @internal */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
