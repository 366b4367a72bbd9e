import { InferenceRuntime, ModelPreset } from '../presets/modelPreset';
import { GpuSku } from '../sku/gpuSku';
import { estimateVllmNodeCount, requestedNodeCount, round } from './estimateNodeCount';

/**
 * Input of {@link checkFit}.
 *
 * @public
 */
export interface FitRequest {
  preset: Pick<ModelPreset, 'name' | 'weightsGiB' | 'bytesPerToken'>;
  sku: GpuSku;
  runtime: InferenceRuntime;
  /** `resource.count` (transformers runtime only). */
  count?: number;
  /** max-model-len from the inference config, if set. */
  maxModelLen?: number;
}

/**
 * Whether a model fits a SKU, with a message that names the numbers.
 *
 * @public
 */
export interface FitResult {
  fits: boolean;
  /** Nodes the workspace will get (vLLM: estimated; transformers: requested). */
  nodeCount: number;
  /** Why it does not fit. */
  reason?: 'InsufficientGpuMemory' | 'KvCacheDoesNotFit';
  message: string;
}

/**
 * Checks that a preset fits a SKU the way Kaito decides it: the vLLM estimator for
 * vLLM (which may spread any model over several nodes), and the webhook's
 * total-memory rule (`count × SKU memory ≥ weights`) for transformers.
 *
 * @public
 */
export function checkFit(request: FitRequest): FitResult {
  const { preset, sku, runtime } = request;
  if (runtime === 'transformers') {
    const nodeCount = requestedNodeCount(request.count);
    const totalGiB = nodeCount * sku.gpuMemoryGiB;
    if (totalGiB < preset.weightsGiB) {
      return {
        fits: false,
        nodeCount,
        reason: 'InsufficientGpuMemory',
        message:
          `Insufficient total GPU memory: Instance type ${sku.name} has a total of ${round(totalGiB)} GiB, ` +
          `but preset ${preset.name} requires at least ${round(preset.weightsGiB)} GiB`,
      };
    }
    return {
      fits: true,
      nodeCount,
      message: `${preset.name} (${round(preset.weightsGiB)} GiB) fits on ${nodeCount} × ${sku.name} (${round(totalGiB)} GiB)`,
    };
  }
  const estimate = estimateVllmNodeCount(preset, sku, request.maxModelLen);
  if (!estimate.ok) {
    return { fits: false, nodeCount: estimate.nodeCount, reason: estimate.reason, message: estimate.message };
  }
  return {
    fits: true,
    nodeCount: estimate.nodeCount,
    message:
      `${preset.name} needs ${round(estimate.modelSizeGiB)} GiB; it fits on ${estimate.nodeCount} × ${sku.name} ` +
      `(${round(sku.gpuMemoryGiB)} GiB per node)`,
  };
}
