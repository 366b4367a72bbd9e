import { CATALOG_MODELS, CatalogModel } from './catalogModels';
import { kvCacheBytesPerToken } from './kvCacheBytesPerToken';
import { GATED_MODELS, LEGACY_PRESET_NAMES } from './legacyPresetNames';
import { InferenceRuntime, ModelPreset } from './modelPreset';
import { servedModelName } from './servedModelName';
import { TRANSFORMERS_RUN_PARAMS, TUNING_SUPPORT } from './transformersRuntime';

/** Disk Kaito adds to the weights for the OS and runtime, GiB (`SystemFileDiskSizeGiB`). @public */
export const SYSTEM_DISK_GIB = 80;

/** The NodeClaim disk for a model: floor(weights + 80) GiB, as Kaito's generator sizes it. @public */
export function diskForWeightsGiB(weightsGiB: number): number {
  return Math.floor(weightsGiB + SYSTEM_DISK_GIB);
}

const LEGACY_NAME_BY_REPO = new Map(
  Object.entries(LEGACY_PRESET_NAMES).map(([legacy, repo]) => [repo, legacy] as const),
);

/** Builds the preset Kaito v0.12 derives from one catalog row. @internal */
export function presetFromCatalog(model: CatalogModel): ModelPreset {
  const repoKey = model.hfRepo.toLowerCase();
  const served = servedModelName(model.hfRepo);
  const legacyName = LEGACY_NAME_BY_REPO.get(repoKey);
  const runtimes: InferenceRuntime[] = TRANSFORMERS_RUN_PARAMS[served] ? ['vllm', 'transformers'] : ['vllm'];
  const tuningMemoryGiB = TUNING_SUPPORT[served]?.memoryGiB;
  return {
    name: legacyName ?? model.hfRepo,
    aliases: legacyName ? [model.hfRepo] : [],
    hfRepo: model.hfRepo,
    servedModelName: served,
    weightsGiB: model.weightsGiB,
    gpuCountRequirement: 1,
    diskGiB: diskForWeightsGiB(model.weightsGiB),
    contextLength: model.contextLength,
    tuning: tuningMemoryGiB !== undefined,
    ...(tuningMemoryGiB !== undefined ? { tuningMemoryGiB } : {}),
    runtimes,
    vllmLoraSupport: true,
    requiresAuth: GATED_MODELS.has(repoKey),
    bytesPerToken: kvCacheBytesPerToken(model),
    architectures: [...model.architectures],
    ...(model.quantMethod ? { quantMethod: model.quantMethod } : {}),
    ...(model.vllmFormat ? { vllmFormat: model.vllmFormat } : {}),
  };
}

/**
 * Every model of Kaito v0.12's catalog, named as a Workspace asks for it: the legacy short
 * name where Kaito keeps one, otherwise the Hugging Face id.
 *
 * @public
 */
export const MODEL_PRESETS: readonly ModelPreset[] = Object.freeze(
  CATALOG_MODELS.map(model => Object.freeze(presetFromCatalog(model))),
);
