import { ModelPreset } from './modelPreset';

/**
 * Per-model vLLM flags of Kaito v0.12's preset generator
 * (`presets/workspace/generator/generator.go`, `presets/workspace/models/vllm_model.go`),
 * matched on the served model name's prefix or on the model's architecture.
 */

/** `--reasoning-parser` by served-name prefix (vLLM's `vllm/reasoning`). */
const REASONING_PARSER_BY_PREFIX: Readonly<Record<string, string>> = {
  'deepseek-r1': 'deepseek_r1',
  'deepseek-v3': 'deepseek_v3',
  'deepseek-v4': 'deepseek_v4',
  'ernie-4.5': 'ernie45',
  'gemma-4': 'gemma4',
  'glm-4.5': 'glm45',
  'granite-3.2': 'granite',
  holo2: 'holo2',
  'hunyuan-a13b': 'hunyuan_a13b',
  'kimi-k2': 'kimi_k2',
  laguna: 'poolside_v1',
  'minimax-m2': 'minimax_m2_append_think',
  'minimax-m3': 'minimax_m3',
  mimo: 'mimo',
  mistral: 'mistral',
  'olmo-3': 'olmo3',
  qwen3: 'qwen3',
  'qwq-32b': 'deepseek_r1',
  step3: 'step3',
};

/** `--reasoning-parser` by architecture, when no prefix matched. */
const REASONING_PARSER_BY_ARCHITECTURE: Readonly<Record<string, string>> = {
  DeepseekV3ForCausalLM: 'deepseek_v3',
  Ernie4_5_VLMoeForConditionalGeneration: 'ernie45',
  Ernie4_5_MoeForCausalLM: 'ernie45',
  Gemma4ForConditionalGeneration: 'gemma4',
  Gemma4UnifiedForConditionalGeneration: 'gemma4',
  Glm4MoeForCausalLM: 'glm45',
  GlmMoeDsaForCausalLM: 'glm45',
  HunYuanMoEV1ForCausalLM: 'hunyuan_a13b',
  GraniteForCausalLM: 'granite',
  KimiK2ForCausalLM: 'kimi_k2',
  KimiK25ForConditionalGeneration: 'kimi_k2',
  MiniMaxM2ForCausalLM: 'minimax_m2_append_think',
  MiniMaxM3SparseForCausalLM: 'minimax_m3',
  MiniMaxM3SparseForConditionalGeneration: 'minimax_m3',
  MiMoForCausalLM: 'mimo',
  HYV3ForCausalLM: 'hy_v3',
  LagunaForCausalLM: 'poolside_v1',
  Mistral3ForConditionalGeneration: 'mistral',
  MistralForCausalLM: 'mistral',
  NemotronForCausalLM: 'nemotron_v3',
  NemotronHForCausalLM: 'nemotron_v3',
  NemotronH_Nano_VL_V2: 'nemotron_v3',
  OlmoForCausalLM: 'olmo3',
  Qwen3ForCausalLM: 'qwen3',
  Qwen3MoeForCausalLM: 'qwen3',
  Qwen3_5ForConditionalGeneration: 'qwen3',
  Qwen3_5MoeForConditionalGeneration: 'qwen3',
  GptOssForCausalLM: 'openai_gptoss',
  Step3TextForCausalLM: 'step3',
  Step3VLForConditionalGeneration: 'step3',
};

/** Models that do not reason; a reasoning parser breaks them (mistral-common issue 247). */
const NON_REASONING_MODELS: ReadonlySet<string> = new Set([
  'mistral-7b-v0.3',
  'mistral-7b-instruct-v0.3',
  'ministral-3-3b-instruct-2512',
  'ministral-3-8b-instruct-2512',
  'ministral-3-14b-instruct-2512',
  'mistral-large-3-675b-instruct-2512',
]);

/** `--tool-call-parser` by served-name prefix (vLLM's `vllm/tool_parsers`); the longest-sorting prefix wins. */
const TOOL_CALL_PARSER_BY_PREFIX: Readonly<Record<string, string>> = {
  'hermes-2': 'hermes',
  'hermes-3': 'hermes',
  mistral: 'mistral',
  'meta-llama-3': 'llama3_json',
  'meta-llama-4': 'llama4_pythonic',
  'granite-3': 'granite',
  'granite-4': 'granite4',
  internlm: 'internlm',
  'ai21-jamba': 'jamba',
  'llama-xlama': 'xlam',
  xlam: 'xlam',
  'qwq-32b': 'hermes',
  'qwen2.5': 'hermes',
  laguna: 'poolside_v1',
  'minimax-m2': 'minimax_m2',
  'minimax-m3': 'minimax_m3',
  mimo: 'mimo',
  lfm2: 'lfm2',
  apertus: 'apertus',
  'deepseek-r1': 'deepseek_v3',
  'deepseek-v3': 'deepseek_v3',
  'deepseek-v3.1': 'deepseek_v31',
  'deepseek-v3.2': 'deepseek_v32',
  'deepseek-v4': 'deepseek_v4',
  kimi_k2: 'kimi_k2',
  'hunyuan-a13b': 'hunyuan_a13b',
  longcat: 'longcat',
  'glm-4': 'glm45',
  'glm-4.7': 'glm47',
  qwen3: 'hermes',
  'qwen3-coder': 'qwen3_xml',
  'qwen3.5': 'qwen3_coder',
  'qwen3.6': 'qwen3_coder',
  'qwen3.8': 'qwen3_coder',
  'olmo-3': 'olmo3',
  gigachat3: 'gigachat3',
  'ernie-4.5': 'ernie45',
  'phi4-mini': 'phi4_mini_json',
  step3p5: 'step3p5',
  step3: 'step3',
  'seed-oss': 'seed_oss',
  'gemma-3': 'functiongemma',
  'gemma-4': 'gemma4',
};

/** `--tool-call-parser` by architecture, when no prefix matched. */
const TOOL_CALL_PARSER_BY_ARCHITECTURE: Readonly<Record<string, string>> = {
  MistralForCausalLM: 'mistral',
  MistralLarge3ForCausalLM: 'mistral',
  LlamaForCausalLM: 'llama3_json',
  Llama4ForConditionalGeneration: 'llama4_pythonic',
  GraniteForCausalLM: 'granite',
  GraniteMoeForCausalLM: 'granite',
  GraniteMoeHybridForCausalLM: 'granite4',
  GPTBigCodeForCausalLM: 'granite-20b-fc',
  InternLM2ForCausalLM: 'internlm',
  JambaForCausalLM: 'jamba',
  Qwen2ForCausalLM: 'hermes',
  Qwen3ForCausalLM: 'hermes',
  Qwen3MoeForCausalLM: 'qwen3_xml',
  Qwen3_5ForConditionalGeneration: 'qwen3_coder',
  Qwen3_5MoeForConditionalGeneration: 'qwen3_coder',
  MiniMaxM2ForCausalLM: 'minimax_m2',
  MiniMaxM3SparseForCausalLM: 'minimax_m3',
  MiniMaxM3SparseForConditionalGeneration: 'minimax_m3',
  MiMoForCausalLM: 'mimo',
  HYV3ForCausalLM: 'hy_v3',
  LagunaForCausalLM: 'poolside_v1',
  Lfm2ForCausalLM: 'lfm2',
  Lfm2MoeForCausalLM: 'lfm2',
  ApertusForCausalLM: 'apertus',
  DeepseekV3ForCausalLM: 'deepseek_v3',
  DeepseekV32ForCausalLM: 'deepseek_v32',
  GptOssForCausalLM: 'openai',
  HunYuanMoEV1ForCausalLM: 'hunyuan_a13b',
  LongcatFlashForCausalLM: 'longcat',
  Glm4MoeForCausalLM: 'glm45',
  Glm47MoeForCausalLM: 'glm47',
  GlmMoeDsaForCausalLM: 'glm47',
  Gemma3ForCausalLM: 'functiongemma',
  Gemma4ForConditionalGeneration: 'gemma4',
  Gemma4UnifiedForConditionalGeneration: 'gemma4',
  Olmo3ForCausalLM: 'olmo3',
  SeedOssForCausalLM: 'seed_oss',
  Ernie4_5_VLMoeForConditionalGeneration: 'ernie45',
  Ernie4_5_MoeForCausalLM: 'ernie45',
  Step3TextForCausalLM: 'step3',
  Step3p5TextForCausalLM: 'step3p5',
  NemotronHForCausalLM: 'qwen3_coder',
  NemotronH_Nano_VL_V2: 'qwen3_coder',
  Phi4MiniForCausalLM: 'phi4_mini_json',
  KimiK2ForCausalLM: 'kimi_k2',
  KimiK25ForConditionalGeneration: 'kimi_k2',
  GigaChat3ForCausalLM: 'gigachat3',
};

/** Tool-calling chat templates in `/workspace/chat_templates/` of the base image, by served-name prefix. */
const CHAT_TEMPLATE_BY_PREFIX: Readonly<Record<string, string>> = {
  'deepseek-r1': 'tool-chat-deepseekr1.jinja',
  'deepseek-v3': 'tool-chat-deepseekv3.jinja',
  'gemma-4': 'tool-chat-gemma4.jinja',
  'llama-3': 'tool-chat-llama3.1-json.jinja',
  'phi-4-mini': 'tool-chat-phi4-mini.jinja',
  'qwen2.5': 'tool-chat-hermes.jinja',
};

/** `--tokenizer_mode` overrides by served-name prefix (DeepSeek special tokens, Kaito issue 1976). */
const TOKENIZER_MODE_BY_PREFIX: Readonly<Record<string, string>> = {
  'deepseek-r1': 'deepseek_v32',
  'deepseek-v3': 'deepseek_v32',
  'deepseek-v4': 'deepseek_v4',
};

/** `--kv-cache-dtype` for models that support only one KV-cache format. */
const KV_CACHE_DTYPE_BY_PREFIX: Readonly<Record<string, string>> = { 'deepseek-v4': 'fp8', 'glm-5.2-fp8': 'fp8' };

/** `--gdn-prefill-backend` for Gated DeltaNet models, pinned to triton to avoid FlashInfer JIT. */
const GDN_PREFILL_BACKEND_BY_PREFIX: Readonly<Record<string, string>> = { 'qwen3.5': 'triton', 'qwen3.6': 'triton', 'qwen3.8': 'triton' };

/** `--enable-expert-parallel` for these MoE models. */
const EXPERT_PARALLEL_PREFIXES: readonly string[] = ['minimax-m2'];

/** `--kernel-config.enable_flashinfer_autotune=False` for these models (vLLM recipes). */
const NO_FLASHINFER_AUTOTUNE_PREFIXES: readonly string[] = ['deepseek-v3.2'];

/** Architectures whose FP8 GEMMs need DeepGEMM (`RequiresDeepGEMM`). */
const DEEP_GEMM_ARCHITECTURES: ReadonlySet<string> = new Set(['DeepseekV4ForCausalLM', 'DeepseekV32ForCausalLM', 'GlmMoeDsaForCausalLM']);

/** Architectures needing vLLM's hybrid KV-cache manager or without working LMCache offload. */
const NO_KV_CACHE_CPU_OFFLOAD_ARCHITECTURES: ReadonlySet<string> = new Set([
  'NemotronHForCausalLM',
  'NemotronH_Nano_VL_V2',
  'NemotronHMTPModel',
  'NemotronHPuzzleForCausalLM',
  'Gemma4ForCausalLM',
  'Gemma4ForConditionalGeneration',
  'Gemma4UnifiedForConditionalGeneration',
  'Qwen3_5ForConditionalGeneration',
  'Qwen3_5MoeForConditionalGeneration',
  'DeepseekV4ForCausalLM',
  'DeepseekV32ForCausalLM',
  'GptOssForCausalLM',
]);

/** What the per-model flags depend on. @public */
export type VllmModel = Pick<ModelPreset, 'servedModelName' | 'architectures' | 'quantMethod' | 'vllmFormat'>;

function byLongestPrefix(table: Readonly<Record<string, string>>, name: string): string | undefined {
  const match = Object.keys(table)
    .filter(prefix => name.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  return match === undefined ? undefined : table[match];
}

function byArchitecture(table: Readonly<Record<string, string>>, architectures: readonly string[]): string | undefined {
  return architectures.map(architecture => table[architecture]).find(value => value !== undefined);
}

/** Kaito sorts the tool-call prefixes in reverse order and takes the first that matches. */
function toolCallParser(model: VllmModel): string | undefined {
  const prefix = Object.keys(TOOL_CALL_PARSER_BY_PREFIX)
    .sort()
    .reverse()
    .find(candidate => model.servedModelName.startsWith(candidate));
  return prefix ? TOOL_CALL_PARSER_BY_PREFIX[prefix] : byArchitecture(TOOL_CALL_PARSER_BY_ARCHITECTURE, model.architectures);
}

function reasoningParser(model: VllmModel): string | undefined {
  if (NON_REASONING_MODELS.has(model.servedModelName)) {
    return undefined;
  }
  return (
    byLongestPrefix(REASONING_PARSER_BY_PREFIX, model.servedModelName) ??
    byArchitecture(REASONING_PARSER_BY_ARCHITECTURE, model.architectures)
  );
}

/**
 * The vLLM flags Kaito v0.12 derives for one model (`--flag=value`, `''` for a bare flag):
 * load, config and tokenizer format; dtype (`auto` when quantized, else `bfloat16`);
 * `--trust-remote-code`; tool-call parser with `--enable-auto-tool-choice`; tool-calling
 * chat template; reasoning parser; and the model-specific kv-cache dtype, GDN prefill
 * backend, expert parallelism and FlashInfer autotune switches.
 *
 * @public
 */
export function vllmModelFlags(model: VllmModel): Record<string, string> {
  const name = model.servedModelName;
  const format = model.vllmFormat ?? 'auto';
  const flags: Record<string, string> = {
    load_format: format,
    config_format: format,
    tokenizer_mode: byLongestPrefix(TOKENIZER_MODE_BY_PREFIX, name) ?? format,
    dtype: model.quantMethod ? 'auto' : 'bfloat16',
    'trust-remote-code': '',
  };
  const extra: Record<string, string | undefined> = {
    'kv-cache-dtype': byLongestPrefix(KV_CACHE_DTYPE_BY_PREFIX, name),
    'gdn-prefill-backend': byLongestPrefix(GDN_PREFILL_BACKEND_BY_PREFIX, name),
    'enable-expert-parallel': EXPERT_PARALLEL_PREFIXES.some(prefix => name.startsWith(prefix)) ? '' : undefined,
    'kernel-config.enable_flashinfer_autotune': NO_FLASHINFER_AUTOTUNE_PREFIXES.some(prefix => name.startsWith(prefix)) ? 'False' : undefined,
    'reasoning-parser': reasoningParser(model),
  };
  const parser = toolCallParser(model);
  if (parser) {
    extra['tool-call-parser'] = parser;
    extra['enable-auto-tool-choice'] = '';
  }
  const template = byLongestPrefix(CHAT_TEMPLATE_BY_PREFIX, name);
  if (template) {
    extra['chat-template'] = `/workspace/chat_templates/${template}`;
  }
  for (const [flag, value] of Object.entries(extra)) {
    if (value !== undefined) flags[flag] = value;
  }
  return flags;
}

/** `VLLM_USE_DEEP_GEMM`: on only for models whose FP8 GEMMs require DeepGEMM. @public */
export function vllmUsesDeepGemm(model: Pick<ModelPreset, 'architectures'>): boolean {
  return model.architectures.some(architecture => DEEP_GEMM_ARCHITECTURES.has(architecture));
}

/** Whether Kaito turns LMCache's KV-cache CPU offload off for the model's architecture. @public */
export function disablesKvCacheCpuOffload(model: Pick<ModelPreset, 'architectures'>): boolean {
  return model.architectures.some(architecture => NO_KV_CACHE_CPU_OFFLOAD_ARCHITECTURES.has(architecture));
}
