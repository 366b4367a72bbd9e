import { InferenceRuntime } from './modelPreset';
import { MODEL_PRESETS } from './presets';

const BOTH: InferenceRuntime[] = ['vllm', 'transformers'];
const VLLM: InferenceRuntime[] = ['vllm'];

describe('MODEL_PRESETS', () => {
  // Expected values worked out from Kaito v0.12.0's model_catalog.yaml: disk = floor(weights + 80),
  // KV bytes per token = (MLA: kvLoraRank + qkRopeHeadDim; else 2 × kvHeads × headDim) × layers × 2.
  it.each([
    // hfRepo, preset name, served name, weights GiB, context, disk GiB, runtimes, tuning, gated, KV bytes/token
    ['microsoft/phi-4', 'phi-4', 'phi-4', 27.31, 16384, 107, BOTH, true, false, 204800],
    ['microsoft/Phi-4-mini-instruct', 'phi-4-mini-instruct', 'phi-4-mini-instruct', 7.15, 131072, 87, VLLM, true, false, 131072],
    ['deepseek-ai/DeepSeek-R1-Distill-Llama-8B', 'deepseek-r1-distill-llama-8b', 'deepseek-r1-distill-llama-8b', 14.96, 131072, 94, BOTH, false, false, 131072],
    ['deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', 'deepseek-r1-distill-qwen-14b', 'deepseek-r1-distill-qwen-14b', 27.51, 131072, 107, BOTH, false, false, 196608],
    ['microsoft/Phi-3-mini-4k-instruct', 'phi-3-mini-4k-instruct', 'phi-3-mini-4k-instruct', 7.12, 4096, 87, BOTH, true, false, 393216],
    ['microsoft/Phi-3-mini-128k-instruct', 'phi-3-mini-128k-instruct', 'phi-3-mini-128k-instruct', 7.12, 131072, 87, BOTH, true, false, 393216],
    ['microsoft/Phi-3-medium-4k-instruct', 'phi-3-medium-4k-instruct', 'phi-3-medium-4k-instruct', 26, 4096, 106, BOTH, true, false, 204800],
    ['microsoft/Phi-3-medium-128k-instruct', 'phi-3-medium-128k-instruct', 'phi-3-medium-128k-instruct', 26, 131072, 106, BOTH, true, false, 204800],
    ['microsoft/Phi-3.5-mini-instruct', 'phi-3.5-mini-instruct', 'phi-3.5-mini-instruct', 7.12, 131072, 87, BOTH, true, false, 393216],
    ['Qwen/Qwen2.5-Coder-7B-Instruct', 'qwen2.5-coder-7b-instruct', 'qwen2.5-coder-7b-instruct', 14.19, 32768, 94, BOTH, true, false, 57344],
    ['Qwen/Qwen2.5-Coder-32B-Instruct', 'qwen2.5-coder-32b-instruct', 'qwen2.5-coder-32b-instruct', 61.03, 32768, 141, BOTH, true, false, 262144],
    ['openai/gpt-oss-20b', 'gpt-oss-20b', 'gpt-oss-20b', 25.63, 131072, 105, BOTH, false, false, 49152],
    ['openai/gpt-oss-120b', 'gpt-oss-120b', 'gpt-oss-120b', 121.54, 131072, 201, BOTH, false, false, 73728],
    ['meta-llama/Llama-3.1-8B-Instruct', 'llama-3.1-8b-instruct', 'llama-3.1-8b-instruct', 14.96, 131072, 94, BOTH, false, true, 131072],
    ['meta-llama/Llama-3.3-70B-Instruct', 'llama-3.3-70b-instruct', 'llama-3.3-70b-instruct', 131.42, 131072, 211, BOTH, false, true, 327680],
    ['mistralai/Mistral-7B-v0.3', 'mistral-7b', 'mistral-7b-v0.3', 13.5, 32768, 93, BOTH, true, false, 131072],
    ['mistralai/Mistral-7B-Instruct-v0.3', 'mistral-7b-instruct', 'mistral-7b-instruct-v0.3', 13.5, 32768, 93, BOTH, false, false, 131072],
    ['mistralai/Ministral-3-3B-Instruct-2512', 'ministral-3-3b-instruct', 'ministral-3-3b-instruct-2512', 4.35, 262144, 84, VLLM, false, false, 106496],
    ['mistralai/Ministral-3-8B-Instruct-2512', 'ministral-3-8b-instruct', 'ministral-3-8b-instruct-2512', 9.7, 262144, 89, VLLM, false, false, 139264],
    ['mistralai/Ministral-3-14B-Instruct-2512', 'ministral-3-14b-instruct', 'ministral-3-14b-instruct-2512', 14.65, 262144, 94, VLLM, false, false, 163840],
    ['google/gemma-3-4b-it', 'gemma-3-4b-instruct', 'gemma-3-4b-it', 8.01, 131072, 88, BOTH, false, false, 139264],
    ['google/gemma-3-27b-it', 'gemma-3-27b-instruct', 'gemma-3-27b-it', 51.1, 131072, 131, BOTH, false, false, 507904],
    ['deepseek-ai/DeepSeek-R1-0528', 'deepseek-r1-0528', 'deepseek-r1-0528', 641.3, 163840, 721, BOTH, false, false, 70272],
    ['deepseek-ai/DeepSeek-V3-0324', 'deepseek-v3-0324', 'deepseek-v3-0324', 641.3, 163840, 721, BOTH, false, false, 70272],
    ['mistralai/Mistral-Large-3-675B-Instruct-2512', 'mistral-large-3-675b-instruct', 'mistral-large-3-675b-instruct-2512', 634.7, 294912, 714, VLLM, false, false, 70272],
    ['nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-BF16', 'nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-BF16', 'nvidia-nemotron-3-super-120b-a12b-bf16', 230.25, 262144, 310, VLLM, false, false, 90112],
    ['nvidia/Nemotron-Cascade-2-30B-A3B', 'nvidia/Nemotron-Cascade-2-30B-A3B', 'nemotron-cascade-2-30b-a3b', 58.82, 262144, 138, VLLM, false, false, 53248],
    ['nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16', 'nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16', 'nvidia-nemotron-3-nano-30b-a3b-bf16', 58.82, 262144, 138, VLLM, false, false, 53248],
    ['nvidia/NVIDIA-Nemotron-Nano-12B-v2-VL-BF16', 'nvidia/NVIDIA-Nemotron-Nano-12B-v2-VL-BF16', 'nvidia-nemotron-nano-12b-v2-vl-bf16', 24.55, 131072, 104, VLLM, false, false, 253952],
    ['nvidia/NVIDIA-Nemotron-Nano-9B-v2', 'nvidia/NVIDIA-Nemotron-Nano-9B-v2', 'nvidia-nemotron-nano-9b-v2', 16.56, 131072, 96, VLLM, false, false, 229376],
    ['nvidia/NVIDIA-Nemotron-3-Nano-4B-BF16', 'nvidia/NVIDIA-Nemotron-3-Nano-4B-BF16', 'nvidia-nemotron-3-nano-4b-bf16', 7.4, 262144, 87, VLLM, false, false, 172032],
    ['Qwen/Qwen3-8B-AWQ', 'Qwen/Qwen3-8B-AWQ', 'qwen3-8b-awq', 5.68, 40960, 85, VLLM, false, false, 147456],
    ['google/gemma-4-31B-it', 'google/gemma-4-31B-it', 'gemma-4-31b-it', 58.25, 262144, 138, VLLM, false, false, 983040],
    ['google/gemma-4-26B-A4B-it', 'google/gemma-4-26B-A4B-it', 'gemma-4-26b-a4b-it', 48.07, 262144, 128, VLLM, false, false, 245760],
    ['google/gemma-4-E4B-it', 'google/gemma-4-E4B-it', 'gemma-4-e4b-it', 14.89, 131072, 94, VLLM, false, false, 86016],
    ['google/gemma-4-E2B-it', 'google/gemma-4-E2B-it', 'gemma-4-e2b-it', 9.54, 131072, 89, VLLM, false, false, 35840],
    ['mistralai/Mistral-Small-4-119B-2603', 'mistralai/Mistral-Small-4-119B-2603', 'mistral-small-4-119b-2603', 112.63, 1048576, 192, VLLM, false, false, 23040],
    ['mistralai/Mistral-Small-4-119B-2603-NVFP4', 'mistralai/Mistral-Small-4-119B-2603-NVFP4', 'mistral-small-4-119b-2603-nvfp4', 65.95, 1048576, 145, VLLM, false, false, 23040],
    ['Qwen/Qwen3.5-2B', 'Qwen/Qwen3.5-2B', 'qwen3.5-2b', 4.24, 262144, 84, VLLM, false, false, 49152],
    ['Qwen/Qwen3.5-4B', 'Qwen/Qwen3.5-4B', 'qwen3.5-4b', 8.68, 262144, 88, VLLM, false, false, 131072],
    ['Qwen/Qwen3.5-9B', 'Qwen/Qwen3.5-9B', 'qwen3.5-9b', 17.98, 262144, 97, VLLM, false, false, 131072],
    ['Qwen/Qwen3.5-122B-A10B-GPTQ-Int4', 'Qwen/Qwen3.5-122B-A10B-GPTQ-Int4', 'qwen3.5-122b-a10b-gptq-int4', 73.47, 262144, 153, VLLM, false, false, 98304],
    ['Qwen/Qwen3.5-122B-A10B', 'Qwen/Qwen3.5-122B-A10B', 'qwen3.5-122b-a10b', 232.99, 262144, 312, VLLM, false, false, 98304],
    ['Qwen/Qwen3.6-35B-A3B-FP8', 'Qwen/Qwen3.6-35B-A3B-FP8', 'qwen3.6-35b-a3b-fp8', 34.9, 262144, 114, VLLM, false, false, 81920],
    ['Qwen/Qwen3.6-35B-A3B', 'Qwen/Qwen3.6-35B-A3B', 'qwen3.6-35b-a3b', 66.97, 262144, 146, VLLM, false, false, 81920],
    ['Qwen/Qwen3.6-27B', 'Qwen/Qwen3.6-27B', 'qwen3.6-27b', 51.75, 262144, 131, VLLM, false, false, 262144],
    ['Qwen/Qwen3.5-397B-A17B-GPTQ-Int4', 'Qwen/Qwen3.5-397B-A17B-GPTQ-Int4', 'qwen3.5-397b-a17b-gptq-int4', 219.56, 262144, 299, VLLM, false, false, 122880],
    ['moonshotai/Kimi-K2.5', 'moonshotai/Kimi-K2.5', 'kimi-k2.5', 554.32, 262144, 634, VLLM, false, false, 70272],
    ['moonshotai/Kimi-K2.6', 'moonshotai/Kimi-K2.6', 'kimi-k2.6', 554.32, 262144, 634, VLLM, false, false, 70272],
    ['MiniMaxAI/MiniMax-M2.7', 'MiniMaxAI/MiniMax-M2.7', 'minimax-m2.7', 214.34, 204800, 294, VLLM, false, false, 253952],
    ['mistralai/Mistral-Medium-3.5-128B', 'mistralai/Mistral-Medium-3.5-128B', 'mistral-medium-3.5-128b', 124.43, 262144, 204, VLLM, false, false, 360448],
    ['deepseek-ai/DeepSeek-V4-Flash-0731', 'deepseek-ai/DeepSeek-V4-Flash-0731', 'deepseek-v4-flash-0731', 155.43, 1048576, 235, VLLM, false, false, 88064],
    ['deepseek-ai/DeepSeek-V4-Pro', 'deepseek-ai/DeepSeek-V4-Pro', 'deepseek-v4-pro', 805.34, 1048576, 885, VLLM, false, false, 124928],
    ['google/gemma-4-12B-it', 'google/gemma-4-12B-it', 'gemma-4-12b-it', 22.28, 262144, 102, VLLM, false, false, 393216],
    ['zai-org/GLM-5.2-FP8', 'zai-org/GLM-5.2-FP8', 'glm-5.2-fp8', 703.75, 1048576, 783, VLLM, false, false, 89856],
    ['moonshotai/Kimi-K2.7-Code', 'moonshotai/Kimi-K2.7-Code', 'kimi-k2.7-code', 554.32, 262144, 634, VLLM, false, false, 70272],
    ['nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B-NVFP4', 'nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B-NVFP4', 'nvidia-nemotron-3-ultra-550b-a55b-nvfp4', 328.13, 262144, 408, VLLM, false, false, 110592],
    ['deepseek-ai/DeepSeek-V3.2', 'deepseek-ai/DeepSeek-V3.2', 'deepseek-v3.2', 642.14, 163840, 722, VLLM, false, false, 70272],
    ['ibm-granite/granite-4.1-8b', 'ibm-granite/granite-4.1-8b', 'granite-4.1-8b', 16.38, 131072, 96, VLLM, false, false, 163840],
    ['Qwen/Qwen3.8-27B', 'Qwen/Qwen3.8-27B', 'qwen3.8-27b', 51.75, 262144, 131, VLLM, false, false, 262144],
  ] as const)(
    '%s (%s) serves as %s: %d GiB, %i tokens, %i GiB disk',
    (hfRepo, name, served, weightsGiB, contextLength, diskGiB, runtimes, tuning, gated, bytesPerToken) => {
      const preset = MODEL_PRESETS.find(p => p.hfRepo === hfRepo);
      expect(preset).toMatchObject({
        name,
        servedModelName: served,
        weightsGiB,
        contextLength,
        diskGiB,
        runtimes,
        tuning,
        requiresAuth: gated,
        bytesPerToken,
        gpuCountRequirement: 1,
        vllmLoraSupport: true,
      });
    },
  );

  it('holds the 60 catalog models, with unique names and aliases', () => {
    expect(MODEL_PRESETS).toHaveLength(60);
    const keys = MODEL_PRESETS.flatMap(p => [p.name, ...p.aliases]).map(k => k.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('no longer holds the falcon, phi-2 or llama-2 presets', () => {
    expect(MODEL_PRESETS.filter(p => /falcon|phi-2|llama-2/i.test(p.name))).toEqual([]);
  });

  it.each([
    ['mistral-7b', 'mistral'],
    ['ministral-3-8b-instruct', 'mistral'],
    ['mistral-large-3-675b-instruct', 'mistral'],
    ['mistralai/Mistral-Small-4-119B-2603', 'mistral'],
    ['phi-4', undefined],
  ])('%s loads in vLLM format %s', (name, format) => {
    expect(MODEL_PRESETS.find(p => p.name === name)?.vllmFormat).toBe(format);
  });

  it.each([
    ['gpt-oss-20b', 'mxfp4'],
    ['Qwen/Qwen3-8B-AWQ', 'awq'],
    ['deepseek-r1-0528', 'fp8'],
    ['phi-4', undefined],
  ])('%s is quantized with %s', (name, method) => {
    expect(MODEL_PRESETS.find(p => p.name === name)?.quantMethod).toBe(method);
  });

  it.each(MODEL_PRESETS.filter(p => p.tuning).map(p => [p.name, p.tuningMemoryGiB] as const))(
    '%s tunes with %i GiB',
    (_name, memory) => {
      expect(memory).toBeGreaterThan(0);
    },
  );
});
