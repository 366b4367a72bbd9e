/**
 * Kaito v0.12's legacy short preset names and the Hugging Face model each now stands for
 * (`LegacyBuiltinToCatalog` in `pkg/utils/plugin/plugin.go`; Kaito adds no new ones).
 *
 * @public
 */
export const LEGACY_PRESET_NAMES: Readonly<Record<string, string>> = Object.freeze({
  'phi-4': 'microsoft/phi-4',
  'phi-4-mini-instruct': 'microsoft/phi-4-mini-instruct',
  'llama-3.1-8b-instruct': 'meta-llama/llama-3.1-8b-instruct',
  'llama-3.3-70b-instruct': 'meta-llama/llama-3.3-70b-instruct',
  'deepseek-r1-distill-llama-8b': 'deepseek-ai/deepseek-r1-distill-llama-8b',
  'deepseek-r1-distill-qwen-14b': 'deepseek-ai/deepseek-r1-distill-qwen-14b',
  'deepseek-r1-0528': 'deepseek-ai/deepseek-r1-0528',
  'deepseek-v3-0324': 'deepseek-ai/deepseek-v3-0324',
  'phi-3-mini-4k-instruct': 'microsoft/phi-3-mini-4k-instruct',
  'phi-3-mini-128k-instruct': 'microsoft/phi-3-mini-128k-instruct',
  'phi-3-medium-4k-instruct': 'microsoft/phi-3-medium-4k-instruct',
  'phi-3-medium-128k-instruct': 'microsoft/phi-3-medium-128k-instruct',
  'phi-3.5-mini-instruct': 'microsoft/phi-3.5-mini-instruct',
  'qwen2.5-coder-7b-instruct': 'qwen/qwen2.5-coder-7b-instruct',
  'qwen2.5-coder-32b-instruct': 'qwen/qwen2.5-coder-32b-instruct',
  'gpt-oss-20b': 'openai/gpt-oss-20b',
  'gpt-oss-120b': 'openai/gpt-oss-120b',
  'gemma-3-4b-instruct': 'google/gemma-3-4b-it',
  'gemma-3-27b-instruct': 'google/gemma-3-27b-it',
  'mistral-7b': 'mistralai/mistral-7b-v0.3',
  'mistral-7b-instruct': 'mistralai/mistral-7b-instruct-v0.3',
  'ministral-3-3b-instruct': 'mistralai/ministral-3-3b-instruct-2512',
  'ministral-3-8b-instruct': 'mistralai/ministral-3-8b-instruct-2512',
  'ministral-3-14b-instruct': 'mistralai/ministral-3-14b-instruct-2512',
  'mistral-large-3-675b-instruct': 'mistralai/mistral-large-3-675b-instruct-2512',
});

/**
 * Models whose download needs a Hugging Face token (`downloadAuthRequired` in Kaito
 * v0.12's `supported_models.yaml`), by lower-cased repository id.
 *
 * @public
 */
export const GATED_MODELS: ReadonlySet<string> = new Set([
  'meta-llama/llama-3.1-8b-instruct',
  'meta-llama/llama-3.3-70b-instruct',
]);

/** Why Kaito v0.12 no longer serves a preset name. @public */
export type RetiredPresetKind = 'deprecated' | 'removed';

/**
 * Preset names older Kaito served and v0.12 does not: `phi-2` is marked `deprecated` in
 * `supported_models.yaml` (Kaito: "Model phi-2 is deprecated and no longer supported");
 * falcon left the catalog and the llama-2 images were private, so v0.12 treats those names
 * as unknown ("Unsupported inference preset name falcon-7b").
 *
 * @public
 */
export const RETIRED_PRESETS: Readonly<Record<string, RetiredPresetKind>> = Object.freeze({
  'phi-2': 'deprecated',
  'falcon-7b': 'removed',
  'falcon-7b-instruct': 'removed',
  'falcon-40b': 'removed',
  'falcon-40b-instruct': 'removed',
  'llama-2-7b': 'removed',
  'llama-2-7b-chat': 'removed',
  'llama-2-13b': 'removed',
  'llama-2-13b-chat': 'removed',
  'llama-2-70b': 'removed',
  'llama-2-70b-chat': 'removed',
});
