import { KaitoCatalog } from '../catalog/kaitoCatalog';
import { CostEstimate, estimateCost } from '../pricing/estimateCost';
import { InferenceRuntime, ModelPreset } from '../presets/modelPreset';
import { GpuSku } from '../sku/gpuSku';
import { GPU_SKUS } from '../sku/skuTable';
import { checkFit } from './checkFit';
import { checkTuningFit } from './checkTuningFit';

/**
 * One recommended SKU.
 *
 * @public
 */
export interface SkuRecommendation {
  sku: GpuSku;
  nodeCount: number;
  /** Present when the catalog has a price for the SKU. */
  cost?: CostEstimate;
}

/**
 * Input of {@link recommendSkus}.
 *
 * @public
 */
export interface RecommendSkusRequest {
  preset: Pick<ModelPreset, 'name' | 'weightsGiB' | 'bytesPerToken' | 'tuningMemoryGiB'>;
  runtime: InferenceRuntime;
  /** `tuning`: sized with the preset's tuning memory, on one node. Default inference. */
  purpose?: 'inference' | 'tuning';
  /** Only SKUs of this cloud (plus custom SKUs). */
  cloud?: 'azure' | 'aws' | 'arc';
  catalog?: KaitoCatalog;
  maxModelLen?: number;
  /** At most this many results. Default 5. */
  limit?: number;
}

/**
 * The cheapest SKUs that fit a preset, with node count and cost per hour. Priced SKUs
 * come first, cheapest first; unpriced ones follow, smallest total GPU memory first.
 * Retired SKUs and accelerators without CUDA (AMD, Trainium, Inferentia) are skipped
 * because Kaito's runtime images need NVIDIA GPUs.
 *
 * @public
 */
export function recommendSkus(request: RecommendSkusRequest): SkuRecommendation[] {
  const { catalog = {}, limit = 5 } = request;
  const candidates = [...GPU_SKUS, ...(catalog.customSkus ?? [])].filter(
    sku =>
      !sku.retired &&
      (sku.cloud === 'custom' || sku.cudaComputeCapability !== undefined) &&
      (!request.cloud || sku.cloud === request.cloud || sku.cloud === 'custom'),
  );
  const fitting: SkuRecommendation[] = [];
  for (const sku of candidates) {
    const fit =
      request.purpose === 'tuning'
        ? checkTuningFit({ preset: request.preset, sku })
        : checkFit({
            preset: request.preset,
            sku,
            runtime: request.runtime,
            maxModelLen: request.maxModelLen,
          });
    if (fit.fits) {
      const cost = estimateCost(sku.name, fit.nodeCount, catalog.prices);
      fitting.push({ sku, nodeCount: fit.nodeCount, ...(cost ? { cost } : {}) });
    }
  }
  return fitting.sort(compareRecommendations).slice(0, limit);
}

function compareRecommendations(a: SkuRecommendation, b: SkuRecommendation): number {
  if (a.cost && b.cost && a.cost.perHour !== b.cost.perHour) {
    return a.cost.perHour - b.cost.perHour;
  }
  if (Boolean(a.cost) !== Boolean(b.cost)) {
    return a.cost ? -1 : 1;
  }
  const memory = a.sku.gpuMemoryGiB * a.nodeCount - b.sku.gpuMemoryGiB * b.nodeCount;
  return memory !== 0 ? memory : a.sku.name.localeCompare(b.sku.name, 'en');
}
