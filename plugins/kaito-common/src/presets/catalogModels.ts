/**
 * One row of Kaito v0.12.0's `presets/workspace/models/model_catalog.yaml`: the numbers
 * Kaito reads from the model's Hugging Face `config.json` and file list.
 *
 * @public
 */
export interface CatalogModel {
  /** Hugging Face repository id. */
  hfRepo: string;
  /** `modelFileSize`, GiB. */
  weightsGiB: number;
  /** `modelTokenLimit`. */
  contextLength: number;
  architectures: string[];
  hiddenSize: number;
  /** `numHiddenLayers`. */
  layers: number;
  /** `numAttentionHeads`. */
  attentionHeads: number;
  /** `numKeyValueHeads`. */
  kvHeads: number;
  /** Head dimension, only where it is not hiddenSize / attentionHeads. */
  headDim?: number;
  /** Multi-head latent attention (DeepSeek-style) KV rank. */
  kvLoraRank?: number;
  /** Multi-head latent attention RoPE head dimension. */
  qkRopeHeadDim?: number;
  quantMethod?: string;
  /** Load, config and tokenizer format when not `auto`. */
  vllmFormat?: 'mistral';
}

/**
 * The 60 models of Kaito v0.12.0's model catalog, in the catalog's order.
 *
 * @public
 */
export const CATALOG_MODELS: readonly CatalogModel[] = [
  { hfRepo: 'microsoft/phi-4', weightsGiB: 27.31, contextLength: 16384, architectures: ['Phi3ForCausalLM'], hiddenSize: 5120, layers: 40, attentionHeads: 40, kvHeads: 10 },
  { hfRepo: 'microsoft/Phi-4-mini-instruct', weightsGiB: 7.15, contextLength: 131072, architectures: ['Phi3ForCausalLM'], hiddenSize: 3072, layers: 32, attentionHeads: 24, kvHeads: 8 },
  { hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B', weightsGiB: 14.96, contextLength: 131072, architectures: ['LlamaForCausalLM'], hiddenSize: 4096, layers: 32, attentionHeads: 32, kvHeads: 8 },
  { hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', weightsGiB: 27.51, contextLength: 131072, architectures: ['Qwen2ForCausalLM'], hiddenSize: 5120, layers: 48, attentionHeads: 40, kvHeads: 8 },
  { hfRepo: 'microsoft/Phi-3-mini-4k-instruct', weightsGiB: 7.12, contextLength: 4096, architectures: ['Phi3ForCausalLM'], hiddenSize: 3072, layers: 32, attentionHeads: 32, kvHeads: 32 },
  { hfRepo: 'microsoft/Phi-3-mini-128k-instruct', weightsGiB: 7.12, contextLength: 131072, architectures: ['Phi3ForCausalLM'], hiddenSize: 3072, layers: 32, attentionHeads: 32, kvHeads: 32 },
  { hfRepo: 'microsoft/Phi-3-medium-4k-instruct', weightsGiB: 26, contextLength: 4096, architectures: ['Phi3ForCausalLM'], hiddenSize: 5120, layers: 40, attentionHeads: 40, kvHeads: 10 },
  { hfRepo: 'microsoft/Phi-3-medium-128k-instruct', weightsGiB: 26, contextLength: 131072, architectures: ['Phi3ForCausalLM'], hiddenSize: 5120, layers: 40, attentionHeads: 40, kvHeads: 10 },
  { hfRepo: 'microsoft/Phi-3.5-mini-instruct', weightsGiB: 7.12, contextLength: 131072, architectures: ['Phi3ForCausalLM'], hiddenSize: 3072, layers: 32, attentionHeads: 32, kvHeads: 32 },
  { hfRepo: 'Qwen/Qwen2.5-Coder-7B-Instruct', weightsGiB: 14.19, contextLength: 32768, architectures: ['Qwen2ForCausalLM'], hiddenSize: 3584, layers: 28, attentionHeads: 28, kvHeads: 4 },
  { hfRepo: 'Qwen/Qwen2.5-Coder-32B-Instruct', weightsGiB: 61.03, contextLength: 32768, architectures: ['Qwen2ForCausalLM'], hiddenSize: 5120, layers: 64, attentionHeads: 40, kvHeads: 8 },
  { hfRepo: 'openai/gpt-oss-20b', weightsGiB: 25.63, contextLength: 131072, architectures: ['GptOssForCausalLM'], hiddenSize: 2880, layers: 24, attentionHeads: 64, kvHeads: 8, headDim: 64, quantMethod: 'mxfp4' },
  { hfRepo: 'openai/gpt-oss-120b', weightsGiB: 121.54, contextLength: 131072, architectures: ['GptOssForCausalLM'], hiddenSize: 2880, layers: 36, attentionHeads: 64, kvHeads: 8, headDim: 64, quantMethod: 'mxfp4' },
  { hfRepo: 'meta-llama/Llama-3.1-8B-Instruct', weightsGiB: 14.96, contextLength: 131072, architectures: ['LlamaForCausalLM'], hiddenSize: 4096, layers: 32, attentionHeads: 32, kvHeads: 8 },
  { hfRepo: 'meta-llama/Llama-3.3-70B-Instruct', weightsGiB: 131.42, contextLength: 131072, architectures: ['LlamaForCausalLM'], hiddenSize: 8192, layers: 80, attentionHeads: 64, kvHeads: 8 },
  { hfRepo: 'mistralai/Mistral-7B-v0.3', weightsGiB: 13.5, contextLength: 32768, architectures: ['MistralForCausalLM'], hiddenSize: 4096, layers: 32, attentionHeads: 32, kvHeads: 8, vllmFormat: 'mistral' },
  { hfRepo: 'mistralai/Mistral-7B-Instruct-v0.3', weightsGiB: 13.5, contextLength: 32768, architectures: ['MistralForCausalLM'], hiddenSize: 4096, layers: 32, attentionHeads: 32, kvHeads: 8, vllmFormat: 'mistral' },
  { hfRepo: 'mistralai/Ministral-3-3B-Instruct-2512', weightsGiB: 4.35, contextLength: 262144, architectures: ['Mistral3ForConditionalGeneration'], hiddenSize: 3072, layers: 26, attentionHeads: 32, kvHeads: 8, headDim: 128, quantMethod: 'fp8', vllmFormat: 'mistral' },
  { hfRepo: 'mistralai/Ministral-3-8B-Instruct-2512', weightsGiB: 9.7, contextLength: 262144, architectures: ['Mistral3ForConditionalGeneration'], hiddenSize: 4096, layers: 34, attentionHeads: 32, kvHeads: 8, quantMethod: 'fp8', vllmFormat: 'mistral' },
  { hfRepo: 'mistralai/Ministral-3-14B-Instruct-2512', weightsGiB: 14.65, contextLength: 262144, architectures: ['Mistral3ForConditionalGeneration'], hiddenSize: 5120, layers: 40, attentionHeads: 32, kvHeads: 8, headDim: 128, quantMethod: 'fp8', vllmFormat: 'mistral' },
  { hfRepo: 'google/gemma-3-4b-it', weightsGiB: 8.01, contextLength: 131072, architectures: ['Gemma3ForConditionalGeneration'], hiddenSize: 2560, layers: 34, attentionHeads: 8, kvHeads: 4, headDim: 256 },
  { hfRepo: 'google/gemma-3-27b-it', weightsGiB: 51.1, contextLength: 131072, architectures: ['Gemma3ForConditionalGeneration'], hiddenSize: 5376, layers: 62, attentionHeads: 32, kvHeads: 16, headDim: 128 },
  { hfRepo: 'deepseek-ai/DeepSeek-R1-0528', weightsGiB: 641.3, contextLength: 163840, architectures: ['DeepseekV3ForCausalLM'], hiddenSize: 7168, layers: 61, attentionHeads: 128, kvHeads: 128, kvLoraRank: 512, qkRopeHeadDim: 64, quantMethod: 'fp8' },
  { hfRepo: 'deepseek-ai/DeepSeek-V3-0324', weightsGiB: 641.3, contextLength: 163840, architectures: ['DeepseekV3ForCausalLM'], hiddenSize: 7168, layers: 61, attentionHeads: 128, kvHeads: 128, kvLoraRank: 512, qkRopeHeadDim: 64, quantMethod: 'fp8' },
  { hfRepo: 'mistralai/Mistral-Large-3-675B-Instruct-2512', weightsGiB: 634.7, contextLength: 294912, architectures: ['MistralLarge3ForCausalLM'], hiddenSize: 7168, layers: 61, attentionHeads: 128, kvHeads: 128, headDim: 192, kvLoraRank: 512, qkRopeHeadDim: 64, quantMethod: 'float-quantized', vllmFormat: 'mistral' },
  { hfRepo: 'nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-BF16', weightsGiB: 230.25, contextLength: 262144, architectures: ['NemotronHForCausalLM'], hiddenSize: 4096, layers: 88, attentionHeads: 32, kvHeads: 2 },
  { hfRepo: 'nvidia/Nemotron-Cascade-2-30B-A3B', weightsGiB: 58.82, contextLength: 262144, architectures: ['NemotronHForCausalLM'], hiddenSize: 2688, layers: 52, attentionHeads: 32, kvHeads: 2, headDim: 128 },
  { hfRepo: 'nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16', weightsGiB: 58.82, contextLength: 262144, architectures: ['NemotronHForCausalLM'], hiddenSize: 2688, layers: 52, attentionHeads: 32, kvHeads: 2, headDim: 128 },
  { hfRepo: 'nvidia/NVIDIA-Nemotron-Nano-12B-v2-VL-BF16', weightsGiB: 24.55, contextLength: 131072, architectures: ['NemotronH_Nano_VL_V2'], hiddenSize: 5120, layers: 62, attentionHeads: 40, kvHeads: 8 },
  { hfRepo: 'nvidia/NVIDIA-Nemotron-Nano-9B-v2', weightsGiB: 16.56, contextLength: 131072, architectures: ['NemotronHForCausalLM'], hiddenSize: 4480, layers: 56, attentionHeads: 40, kvHeads: 8, headDim: 128 },
  { hfRepo: 'nvidia/NVIDIA-Nemotron-3-Nano-4B-BF16', weightsGiB: 7.4, contextLength: 262144, architectures: ['NemotronHForCausalLM'], hiddenSize: 3136, layers: 42, attentionHeads: 40, kvHeads: 8, headDim: 128 },
  { hfRepo: 'Qwen/Qwen3-8B-AWQ', weightsGiB: 5.68, contextLength: 40960, architectures: ['Qwen3ForCausalLM'], hiddenSize: 4096, layers: 36, attentionHeads: 32, kvHeads: 8, quantMethod: 'awq' },
  { hfRepo: 'google/gemma-4-31B-it', weightsGiB: 58.25, contextLength: 262144, architectures: ['Gemma4ForConditionalGeneration'], hiddenSize: 5376, layers: 60, attentionHeads: 32, kvHeads: 16, headDim: 256 },
  { hfRepo: 'google/gemma-4-26B-A4B-it', weightsGiB: 48.07, contextLength: 262144, architectures: ['Gemma4ForConditionalGeneration'], hiddenSize: 2816, layers: 30, attentionHeads: 16, kvHeads: 8, headDim: 256 },
  { hfRepo: 'google/gemma-4-E4B-it', weightsGiB: 14.89, contextLength: 131072, architectures: ['Gemma4ForConditionalGeneration'], hiddenSize: 2560, layers: 42, attentionHeads: 8, kvHeads: 2, headDim: 256 },
  { hfRepo: 'google/gemma-4-E2B-it', weightsGiB: 9.54, contextLength: 131072, architectures: ['Gemma4ForConditionalGeneration'], hiddenSize: 1536, layers: 35, attentionHeads: 8, kvHeads: 1, headDim: 256 },
  { hfRepo: 'mistralai/Mistral-Small-4-119B-2603', weightsGiB: 112.63, contextLength: 1048576, architectures: ['Mistral3ForConditionalGeneration'], hiddenSize: 4096, layers: 36, attentionHeads: 32, kvHeads: 32, kvLoraRank: 256, qkRopeHeadDim: 64, quantMethod: 'fp8', vllmFormat: 'mistral' },
  { hfRepo: 'mistralai/Mistral-Small-4-119B-2603-NVFP4', weightsGiB: 65.95, contextLength: 1048576, architectures: ['Mistral3ForConditionalGeneration'], hiddenSize: 4096, layers: 36, attentionHeads: 32, kvHeads: 32, kvLoraRank: 256, qkRopeHeadDim: 64, quantMethod: 'nvfp4-pack-quantized', vllmFormat: 'mistral' },
  { hfRepo: 'Qwen/Qwen3.5-2B', weightsGiB: 4.24, contextLength: 262144, architectures: ['Qwen3_5ForConditionalGeneration'], hiddenSize: 2048, layers: 24, attentionHeads: 8, kvHeads: 2 },
  { hfRepo: 'Qwen/Qwen3.5-4B', weightsGiB: 8.68, contextLength: 262144, architectures: ['Qwen3_5ForConditionalGeneration'], hiddenSize: 2560, layers: 32, attentionHeads: 16, kvHeads: 4, headDim: 256 },
  { hfRepo: 'Qwen/Qwen3.5-9B', weightsGiB: 17.98, contextLength: 262144, architectures: ['Qwen3_5ForConditionalGeneration'], hiddenSize: 4096, layers: 32, attentionHeads: 16, kvHeads: 4 },
  { hfRepo: 'Qwen/Qwen3.5-122B-A10B-GPTQ-Int4', weightsGiB: 73.47, contextLength: 262144, architectures: ['Qwen3_5MoeForConditionalGeneration'], hiddenSize: 3072, layers: 48, attentionHeads: 32, kvHeads: 2, headDim: 256, quantMethod: 'gptq' },
  { hfRepo: 'Qwen/Qwen3.5-122B-A10B', weightsGiB: 232.99, contextLength: 262144, architectures: ['Qwen3_5MoeForConditionalGeneration'], hiddenSize: 3072, layers: 48, attentionHeads: 32, kvHeads: 2, headDim: 256 },
  { hfRepo: 'Qwen/Qwen3.6-35B-A3B-FP8', weightsGiB: 34.9, contextLength: 262144, architectures: ['Qwen3_5MoeForConditionalGeneration'], hiddenSize: 2048, layers: 40, attentionHeads: 16, kvHeads: 2, headDim: 256, quantMethod: 'fp8' },
  { hfRepo: 'Qwen/Qwen3.6-35B-A3B', weightsGiB: 66.97, contextLength: 262144, architectures: ['Qwen3_5MoeForConditionalGeneration'], hiddenSize: 2048, layers: 40, attentionHeads: 16, kvHeads: 2, headDim: 256 },
  { hfRepo: 'Qwen/Qwen3.6-27B', weightsGiB: 51.75, contextLength: 262144, architectures: ['Qwen3_5ForConditionalGeneration'], hiddenSize: 5120, layers: 64, attentionHeads: 24, kvHeads: 4, headDim: 256 },
  { hfRepo: 'Qwen/Qwen3.5-397B-A17B-GPTQ-Int4', weightsGiB: 219.56, contextLength: 262144, architectures: ['Qwen3_5MoeForConditionalGeneration'], hiddenSize: 4096, layers: 60, attentionHeads: 32, kvHeads: 2, headDim: 256, quantMethod: 'gptq' },
  { hfRepo: 'moonshotai/Kimi-K2.5', weightsGiB: 554.32, contextLength: 262144, architectures: ['KimiK25ForConditionalGeneration'], hiddenSize: 7168, layers: 61, attentionHeads: 64, kvHeads: 64, kvLoraRank: 512, qkRopeHeadDim: 64, quantMethod: 'pack-quantized' },
  { hfRepo: 'moonshotai/Kimi-K2.6', weightsGiB: 554.32, contextLength: 262144, architectures: ['KimiK25ForConditionalGeneration'], hiddenSize: 7168, layers: 61, attentionHeads: 64, kvHeads: 64, kvLoraRank: 512, qkRopeHeadDim: 64, quantMethod: 'pack-quantized' },
  { hfRepo: 'MiniMaxAI/MiniMax-M2.7', weightsGiB: 214.34, contextLength: 204800, architectures: ['MiniMaxM2ForCausalLM'], hiddenSize: 3072, layers: 62, attentionHeads: 48, kvHeads: 8, headDim: 128, quantMethod: 'fp8' },
  { hfRepo: 'mistralai/Mistral-Medium-3.5-128B', weightsGiB: 124.43, contextLength: 262144, architectures: ['Mistral3ForConditionalGeneration'], hiddenSize: 12288, layers: 88, attentionHeads: 96, kvHeads: 8, quantMethod: 'fp8', vllmFormat: 'mistral' },
  { hfRepo: 'deepseek-ai/DeepSeek-V4-Flash-0731', weightsGiB: 155.43, contextLength: 1048576, architectures: ['DeepseekV4ForCausalLM'], hiddenSize: 4096, layers: 43, attentionHeads: 64, kvHeads: 1, headDim: 512, qkRopeHeadDim: 64, quantMethod: 'fp8' },
  { hfRepo: 'deepseek-ai/DeepSeek-V4-Pro', weightsGiB: 805.34, contextLength: 1048576, architectures: ['DeepseekV4ForCausalLM'], hiddenSize: 7168, layers: 61, attentionHeads: 128, kvHeads: 1, headDim: 512, qkRopeHeadDim: 64, quantMethod: 'fp8' },
  { hfRepo: 'google/gemma-4-12B-it', weightsGiB: 22.28, contextLength: 262144, architectures: ['Gemma4UnifiedForConditionalGeneration'], hiddenSize: 3840, layers: 48, attentionHeads: 16, kvHeads: 8, headDim: 256 },
  { hfRepo: 'zai-org/GLM-5.2-FP8', weightsGiB: 703.75, contextLength: 1048576, architectures: ['GlmMoeDsaForCausalLM'], hiddenSize: 6144, layers: 78, attentionHeads: 64, kvHeads: 64, headDim: 192, kvLoraRank: 512, qkRopeHeadDim: 64, quantMethod: 'fp8' },
  { hfRepo: 'moonshotai/Kimi-K2.7-Code', weightsGiB: 554.32, contextLength: 262144, architectures: ['KimiK25ForConditionalGeneration'], hiddenSize: 7168, layers: 61, attentionHeads: 64, kvHeads: 64, kvLoraRank: 512, qkRopeHeadDim: 64, quantMethod: 'pack-quantized' },
  { hfRepo: 'nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B-NVFP4', weightsGiB: 328.13, contextLength: 262144, architectures: ['NemotronHForCausalLM'], hiddenSize: 8192, layers: 108, attentionHeads: 64, kvHeads: 2, quantMethod: 'MIXED_PRECISION' },
  { hfRepo: 'deepseek-ai/DeepSeek-V3.2', weightsGiB: 642.14, contextLength: 163840, architectures: ['DeepseekV32ForCausalLM'], hiddenSize: 7168, layers: 61, attentionHeads: 128, kvHeads: 128, kvLoraRank: 512, qkRopeHeadDim: 64, quantMethod: 'fp8' },
  { hfRepo: 'ibm-granite/granite-4.1-8b', weightsGiB: 16.38, contextLength: 131072, architectures: ['GraniteForCausalLM'], hiddenSize: 4096, layers: 40, attentionHeads: 32, kvHeads: 8 },
  { hfRepo: 'Qwen/Qwen3.8-27B', weightsGiB: 51.75, contextLength: 262144, architectures: ['Qwen3_5ForConditionalGeneration'], hiddenSize: 5120, layers: 64, attentionHeads: 24, kvHeads: 4, headDim: 256 },
];
