/** transformers server flags one model family shares (`--flag=value`, `''` for a bare flag). @public */
export type TransformersRunParams = Readonly<Record<string, string>>;

const PHI: TransformersRunParams = { torch_dtype: 'auto', pipeline: 'text-generation', trust_remote_code: '' };
const MISTRAL: TransformersRunParams = {
  torch_dtype: 'bfloat16',
  pipeline: 'text-generation',
  chat_template: '/workspace/chat_templates/mistral-instruct.jinja',
  allow_remote_files: '',
};
const GEMMA_3: TransformersRunParams = { torch_dtype: 'auto', pipeline: 'text-generation', allow_remote_files: '' };
const QWEN: TransformersRunParams = { torch_dtype: 'bfloat16', pipeline: 'text-generation' };
const LLAMA: TransformersRunParams = {
  torch_dtype: 'bfloat16',
  pipeline: 'text-generation',
  chat_template: '/workspace/chat_templates/llama-3-instruct.jinja',
  allow_remote_files: '',
};
const GPT_OSS: TransformersRunParams = { torch_dtype: 'auto', pipeline: 'text-generation', allow_remote_files: '' };
const DEEPSEEK_DISTILL: TransformersRunParams = { torch_dtype: 'bfloat16', pipeline: 'text-generation' };
const DEEPSEEK_LARGE: TransformersRunParams = { torch_dtype: 'bfloat16', pipeline: 'text-generation', allow_remote_files: '' };

/**
 * The models Kaito v0.12 can serve with the transformers runtime, by served model name,
 * with their server flags (`TransformerInferenceParameters`,
 * `presets/workspace/models/transformer_runtime_inference_parameters.go`). Kaito leaves
 * phi-4-mini and ministral-3 out (they need transformers 5), and its mistral-large-3 row is
 * keyed `mistral-large-3-675b-instruct`, which no served name matches, so that model has
 * vLLM only. Every other model is vLLM only.
 *
 * @public
 */
export const TRANSFORMERS_RUN_PARAMS: Readonly<Record<string, TransformersRunParams>> = Object.freeze({
  'phi-4': PHI,
  'phi-3-mini-4k-instruct': PHI,
  'phi-3-mini-128k-instruct': PHI,
  'phi-3-medium-4k-instruct': PHI,
  'phi-3-medium-128k-instruct': PHI,
  'phi-3.5-mini-instruct': PHI,
  'mistral-7b-v0.3': MISTRAL,
  'mistral-7b-instruct-v0.3': MISTRAL,
  'gemma-3-4b-it': GEMMA_3,
  'gemma-3-27b-it': GEMMA_3,
  'qwen2.5-coder-7b-instruct': QWEN,
  'qwen2.5-coder-32b-instruct': QWEN,
  'llama-3.1-8b-instruct': LLAMA,
  'llama-3.3-70b-instruct': LLAMA,
  'gpt-oss-20b': GPT_OSS,
  'gpt-oss-120b': GPT_OSS,
  'deepseek-r1-distill-llama-8b': DEEPSEEK_DISTILL,
  'deepseek-r1-distill-qwen-14b': DEEPSEEK_DISTILL,
  'deepseek-r1-0528': DEEPSEEK_LARGE,
  'deepseek-v3-0324': DEEPSEEK_LARGE,
});

/**
 * A model Kaito v0.12 can fine-tune: the GPU memory it asks for and the weights image the
 * tuning Job pulls (tuning still reads `supported_models.yaml`, where these models are not
 * downloaded at run time).
 *
 * @public
 */
export interface TuningSupport {
  memoryGiB: number;
  /** `kaito-<legacy name>` image holding the weights. */
  weightsImageName: string;
  weightsImageTag: string;
}

const tuning = (memoryGiB: number, legacyName: string): TuningSupport => ({
  memoryGiB,
  weightsImageName: `kaito-${legacyName}`,
  weightsImageTag: '0.2.0',
});

/**
 * The models Kaito v0.12 can fine-tune, by served model name (`TransformerTuningParameters`,
 * `presets/workspace/models/transformer_runtime_tuning_parameters.go`).
 *
 * @public
 */
export const TUNING_SUPPORT: Readonly<Record<string, TuningSupport>> = Object.freeze({
  'phi-4': tuning(70, 'phi-4'),
  'phi-4-mini-instruct': tuning(72, 'phi-4-mini-instruct'),
  'phi-3-mini-4k-instruct': tuning(72, 'phi-3-mini-4k-instruct'),
  'phi-3-mini-128k-instruct': tuning(72, 'phi-3-mini-128k-instruct'),
  'phi-3-medium-4k-instruct': tuning(80, 'phi-3-medium-4k-instruct'),
  'phi-3-medium-128k-instruct': tuning(80, 'phi-3-medium-128k-instruct'),
  'phi-3.5-mini-instruct': tuning(72, 'phi-3.5-mini-instruct'),
  'mistral-7b-v0.3': tuning(16, 'mistral-7b'),
  'qwen2.5-coder-7b-instruct': tuning(24, 'qwen2.5-coder-7b-instruct'),
  'qwen2.5-coder-32b-instruct': tuning(140, 'qwen2.5-coder-32b-instruct'),
});
