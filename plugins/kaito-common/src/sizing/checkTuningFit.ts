import { ModelPreset } from '../presets/modelPreset';
import { GpuSku } from '../sku/gpuSku';
import { FitResult } from './checkFit';
import { round } from './estimateNodeCount';

/**
 * Whether tuning a preset fits a SKU: the tuning memory of Kaito's catalog
 * (phi-3-mini with QLoRA wants 72 GiB, far more than serving it) against the
 * SKU's total GPU memory. A tuning Job runs on one node. Kaito's webhook only
 * warns; the portal refuses what would be OOMKilled.
 *
 * @public
 */
export function checkTuningFit(request: {
  preset: Pick<ModelPreset, 'name' | 'weightsGiB' | 'tuningMemoryGiB'>;
  sku: GpuSku;
}): FitResult {
  const { preset, sku } = request;
  const needed = preset.tuningMemoryGiB ?? preset.weightsGiB;
  if (sku.gpuMemoryGiB < needed) {
    return {
      fits: false,
      nodeCount: 1,
      reason: 'InsufficientGpuMemory',
      message:
        `Insufficient GPU memory for tuning: Instance type ${sku.name} has a total of ${round(sku.gpuMemoryGiB)} GiB, ` +
        `but tuning ${preset.name} needs at least ${round(needed)} GiB`,
    };
  }
  return {
    fits: true,
    nodeCount: 1,
    message: `Tuning ${preset.name} (${round(needed)} GiB) fits on 1 × ${sku.name} (${round(sku.gpuMemoryGiB)} GiB)`,
  };
}
