import { ModelPreset } from './modelPreset';
import { RETIRED_PRESETS, RetiredPresetKind } from './legacyPresetNames';
import { MODEL_PRESETS } from './presets';

/** Default registry of Kaito's base image. @public */
export const DEFAULT_PRESET_REGISTRY = 'mcr.microsoft.com/aks/kaito';

/** Tag of `kaito-base` in Kaito v0.12 (vLLM 0.25.1, transformers 5.14.1). @public */
export const DEFAULT_BASE_IMAGE_TAG = '0.5.0';

/**
 * Options for {@link findPreset}.
 *
 * @public
 */
export interface FindPresetOptions {
  /** Presets declared in config; they win over built-ins of the same name. */
  customPresets?: readonly ModelPreset[];
}

const HF_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Finds a preset by name, alias or Hugging Face id, case-insensitively.
 *
 * @public
 */
export function findPreset(
  name: string,
  options: FindPresetOptions = {},
): ModelPreset | undefined {
  const wanted = name.trim().toLowerCase();
  if (!wanted) {
    return undefined;
  }
  const matches = (preset: ModelPreset) =>
    preset.name.toLowerCase() === wanted ||
    preset.aliases.some(alias => alias.toLowerCase() === wanted);
  return options.customPresets?.find(matches) ?? MODEL_PRESETS.find(matches);
}

/**
 * Whether Kaito v0.12 refuses `name` because it retired the preset (`deprecated`, like
 * phi-2) or dropped it from the catalog (`removed`, like the falcon presets).
 *
 * @public
 */
export function retiredPresetKind(name: string): RetiredPresetKind | undefined {
  return RETIRED_PRESETS[name.trim().toLowerCase()];
}

/**
 * Whether `name` is a Hugging Face `org/model` id, which Kaito HEAD accepts as a
 * preset even when no catalog knows it.
 *
 * @public
 */
export function isHuggingFaceModelId(name: string): boolean {
  return HF_ID.test(name.trim());
}

/**
 * The runtime base image, `<registry>/kaito-base:<tag>`.
 *
 * @public
 */
export function baseImage(
  registry: string = DEFAULT_PRESET_REGISTRY,
  tag: string = DEFAULT_BASE_IMAGE_TAG,
): string {
  return `${trimSlash(registry)}/kaito-base:${tag}`;
}

function trimSlash(registry: string): string {
  return registry.replace(/\/+$/, '');
}
