import { InferenceRuntime, ModelPreset } from './modelPreset';

const BOTH: InferenceRuntime[] = ['vllm', 'transformers'];
const VLLM_ONLY: InferenceRuntime[] = ['vllm'];
const TRANSFORMERS_ONLY: InferenceRuntime[] = ['transformers'];

type PresetRow = Omit<ModelPreset, 'imageName' | 'aliases'> & { aliases?: string[] };

/**
 * Kaito's preset catalog, numbers from kaito.md §3: weights = v0.10
 * `TotalSafeTensorFileSize` (v0.4.6 total GPU memory where v0.10 has none), disk,
 * context, distributed and tuning support, download/auth mode, image tag.
 */
const ROWS: PresetRow[] = [
  {
    name: 'phi-3-mini-4k-instruct',
    hfRepo: 'microsoft/Phi-3-mini-4k-instruct',
    weightsGiB: 7.12, gpuCountRequirement: 1, diskGiB: 80, contextLength: 4096,
    distributed: false, tuning: true, tuningMemoryGiB: 72, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 393216,
  },
  {
    name: 'phi-3-mini-128k-instruct',
    hfRepo: 'microsoft/Phi-3-mini-128k-instruct',
    weightsGiB: 7.12, gpuCountRequirement: 1, diskGiB: 80, contextLength: 131072,
    distributed: false, tuning: true, tuningMemoryGiB: 72, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 393216,
  },
  {
    name: 'phi-3-medium-4k-instruct',
    hfRepo: 'microsoft/Phi-3-medium-4k-instruct',
    weightsGiB: 26, gpuCountRequirement: 1, diskGiB: 120, contextLength: 4096,
    distributed: false, tuning: true, tuningMemoryGiB: 80, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 204800,
  },
  {
    name: 'phi-3-medium-128k-instruct',
    hfRepo: 'microsoft/Phi-3-medium-128k-instruct',
    weightsGiB: 26, gpuCountRequirement: 1, diskGiB: 120, contextLength: 131072,
    distributed: false, tuning: true, tuningMemoryGiB: 80, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 204800,
  },
  {
    name: 'phi-3.5-mini-instruct',
    hfRepo: 'microsoft/Phi-3.5-mini-instruct',
    weightsGiB: 7.12, gpuCountRequirement: 1, diskGiB: 70, contextLength: 131072,
    distributed: false, tuning: true, tuningMemoryGiB: 72, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 393216,
  },
  {
    name: 'phi-4',
    hfRepo: 'microsoft/phi-4',
    weightsGiB: 27.31, gpuCountRequirement: 1, diskGiB: 150, contextLength: 16384,
    distributed: false, tuning: true, tuningMemoryGiB: 70, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 204800,
  },
  {
    name: 'phi-4-mini-instruct',
    hfRepo: 'microsoft/Phi-4-mini-instruct',
    weightsGiB: 7.15, gpuCountRequirement: 1, diskGiB: 70, contextLength: 131072,
    distributed: false, tuning: true, tuningMemoryGiB: 72, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 131072,
  },
  {
    name: 'phi-2',
    hfRepo: 'microsoft/phi-2',
    weightsGiB: 12, gpuCountRequirement: 1, diskGiB: 80,
    distributed: false, tuning: true, runtimes: TRANSFORMERS_ONLY, vllmLoraSupport: false,
    downloadAtRuntime: false, requiresAuth: false, deprecated: true, imageTag: '0.2.0',
    bytesPerToken: 327680,
  },
  {
    name: 'falcon-7b',
    hfRepo: 'tiiuae/falcon-7b',
    weightsGiB: 13.44, gpuCountRequirement: 1, diskGiB: 90, contextLength: 2048,
    distributed: false, tuning: true, tuningMemoryGiB: 16, runtimes: BOTH, vllmLoraSupport: false,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 8192,
  },
  {
    name: 'falcon-7b-instruct',
    hfRepo: 'tiiuae/falcon-7b-instruct',
    weightsGiB: 13.44, gpuCountRequirement: 1, diskGiB: 90, contextLength: 2048,
    distributed: false, tuning: false, runtimes: BOTH, vllmLoraSupport: false,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 8192,
  },
  {
    name: 'falcon-40b',
    hfRepo: 'tiiuae/falcon-40b',
    weightsGiB: 77.9, gpuCountRequirement: 2, diskGiB: 280, contextLength: 2048,
    distributed: false, tuning: true, runtimes: BOTH, vllmLoraSupport: false,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 122880,
  },
  {
    name: 'falcon-40b-instruct',
    hfRepo: 'tiiuae/falcon-40b-instruct',
    weightsGiB: 77.9, gpuCountRequirement: 2, diskGiB: 280, contextLength: 2048,
    distributed: false, tuning: false, runtimes: BOTH, vllmLoraSupport: false,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 122880,
  },
  {
    name: 'mistral-7b',
    aliases: ['mistral-7b-v0.3'],
    hfRepo: 'mistralai/Mistral-7B-v0.3',
    weightsGiB: 13.49, gpuCountRequirement: 1, diskGiB: 90, contextLength: 32768,
    distributed: false, tuning: true, tuningMemoryGiB: 16, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 131072,
  },
  {
    name: 'mistral-7b-instruct',
    aliases: ['mistral-7b-instruct-v0.3'],
    hfRepo: 'mistralai/Mistral-7B-Instruct-v0.3',
    weightsGiB: 13.49, gpuCountRequirement: 1, diskGiB: 90, contextLength: 32768,
    distributed: false, tuning: false, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 131072,
  },
  {
    name: 'ministral-3-3b-instruct',
    hfRepo: 'mistralai/Ministral-3-3B-Instruct-2512',
    weightsGiB: 8.7, gpuCountRequirement: 1, diskGiB: 70, contextLength: 262144,
    distributed: false, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: true,
    downloadAtRuntime: true, requiresAuth: false, imageTag: '0.0.1', bytesPerToken: 106496,
  },
  {
    name: 'ministral-3-8b-instruct',
    hfRepo: 'mistralai/Ministral-3-8B-Instruct-2512',
    weightsGiB: 19.41, gpuCountRequirement: 1, diskGiB: 100, contextLength: 262144,
    distributed: false, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: true,
    downloadAtRuntime: true, requiresAuth: false, imageTag: '0.0.1', bytesPerToken: 139264,
  },
  {
    name: 'ministral-3-14b-instruct',
    hfRepo: 'mistralai/Ministral-3-14B-Instruct-2512',
    weightsGiB: 29.29, gpuCountRequirement: 1, diskGiB: 100, contextLength: 262144,
    distributed: false, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: true,
    downloadAtRuntime: true, requiresAuth: false, imageTag: '0.0.1', bytesPerToken: 163840,
  },
  {
    name: 'mistral-large-3-675b-instruct',
    hfRepo: 'mistralai/Mistral-Large-3-675B-Instruct-2512',
    weightsGiB: 634.7, gpuCountRequirement: 1, diskGiB: 800, contextLength: 262144,
    distributed: false, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: false,
    downloadAtRuntime: true, requiresAuth: false, imageTag: '0.0.1', bytesPerToken: 70272,
  },
  {
    name: 'qwen2.5-coder-7b-instruct',
    hfRepo: 'Qwen/Qwen2.5-Coder-7B-Instruct',
    weightsGiB: 14.19, gpuCountRequirement: 1, diskGiB: 110, contextLength: 32768,
    distributed: false, tuning: true, tuningMemoryGiB: 24, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 57344,
  },
  {
    name: 'qwen2.5-coder-32b-instruct',
    hfRepo: 'Qwen/Qwen2.5-Coder-32B-Instruct',
    weightsGiB: 61.03, gpuCountRequirement: 1, diskGiB: 230, contextLength: 32768,
    distributed: false, tuning: true, tuningMemoryGiB: 140, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 262144,
  },
  {
    name: 'deepseek-r1-distill-llama-8b',
    hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B',
    weightsGiB: 14.96, gpuCountRequirement: 1, diskGiB: 90, contextLength: 131072,
    distributed: false, tuning: false, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 131072,
  },
  {
    name: 'deepseek-r1-distill-qwen-14b',
    hfRepo: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B',
    weightsGiB: 27.51, gpuCountRequirement: 1, diskGiB: 120, contextLength: 131072,
    distributed: false, tuning: false, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.2.0', bytesPerToken: 196608,
  },
  {
    name: 'deepseek-r1-0528',
    hfRepo: 'deepseek-ai/DeepSeek-R1-0528',
    weightsGiB: 641.3, gpuCountRequirement: 1, diskGiB: 800, contextLength: 163840,
    distributed: true, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: false,
    downloadAtRuntime: true, requiresAuth: false, imageTag: '0.0.1', bytesPerToken: 70272,
  },
  {
    name: 'deepseek-v3-0324',
    hfRepo: 'deepseek-ai/DeepSeek-V3-0324',
    weightsGiB: 641.3, gpuCountRequirement: 1, diskGiB: 800, contextLength: 163840,
    distributed: true, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: false,
    downloadAtRuntime: true, requiresAuth: false, imageTag: '0.0.1', bytesPerToken: 70272,
  },
  {
    name: 'llama-3.1-8b-instruct',
    hfRepo: 'meta-llama/Llama-3.1-8B-Instruct',
    weightsGiB: 14.96, gpuCountRequirement: 1, diskGiB: 110, contextLength: 131072,
    distributed: true, tuning: false, runtimes: BOTH, vllmLoraSupport: true,
    downloadAtRuntime: true, requiresAuth: true, imageTag: '0.2.0', bytesPerToken: 131072,
  },
  {
    name: 'llama-3.3-70b-instruct',
    hfRepo: 'meta-llama/Llama-3.3-70B-Instruct',
    weightsGiB: 131.42, gpuCountRequirement: 1, diskGiB: 220, contextLength: 131072,
    distributed: true, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: true,
    downloadAtRuntime: true, requiresAuth: true, imageTag: '0.0.1', bytesPerToken: 327680,
  },
  {
    name: 'gemma-3-4b-instruct',
    hfRepo: 'google/gemma-3-4b-it',
    weightsGiB: 8.6, gpuCountRequirement: 1, diskGiB: 90, contextLength: 131072,
    distributed: false, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: true,
    downloadAtRuntime: true, requiresAuth: false, imageTag: '0.0.1', bytesPerToken: 139264,
  },
  {
    name: 'gemma-3-27b-instruct',
    hfRepo: 'google/gemma-3-27b-it',
    weightsGiB: 54.8, gpuCountRequirement: 1, diskGiB: 200, contextLength: 131072,
    distributed: false, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: true,
    downloadAtRuntime: true, requiresAuth: false, imageTag: '0.0.1', bytesPerToken: 507904,
  },
  {
    name: 'gpt-oss-20b',
    hfRepo: 'openai/gpt-oss-20b',
    weightsGiB: 16, gpuCountRequirement: 1, diskGiB: 110, contextLength: 131072,
    distributed: false, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: false,
    downloadAtRuntime: false, requiresAuth: false, imageTag: '0.0.2', bytesPerToken: 49152,
  },
  {
    name: 'gpt-oss-120b',
    hfRepo: 'openai/gpt-oss-120b',
    weightsGiB: 60.77, gpuCountRequirement: 1, diskGiB: 250, contextLength: 131072,
    distributed: false, tuning: false, runtimes: VLLM_ONLY, vllmLoraSupport: false,
    downloadAtRuntime: true, requiresAuth: false, imageTag: '0.0.1', bytesPerToken: 73728,
  },
  ...(
    [
      ['llama-2-7b', 'meta-llama/Llama-2-7b-hf', 14, 1, 34, false, 524288],
      ['llama-2-7b-chat', 'meta-llama/Llama-2-7b-chat-hf', 16, 1, 34, false, 524288],
      ['llama-2-13b', 'meta-llama/Llama-2-13b-hf', 30, 2, 46, true, 819200],
      ['llama-2-13b-chat', 'meta-llama/Llama-2-13b-chat-hf', 30, 2, 46, true, 819200],
      ['llama-2-70b', 'meta-llama/Llama-2-70b-hf', 152, 8, 158, true, 327680],
      ['llama-2-70b-chat', 'meta-llama/Llama-2-70b-chat-hf', 192, 8, 158, true, 327680],
    ] as const
  ).map(
    ([name, hfRepo, weightsGiB, gpus, diskGiB, distributed, bytesPerToken]): PresetRow => ({
      name,
      hfRepo,
      weightsGiB,
      gpuCountRequirement: gpus,
      diskGiB,
      contextLength: 4096,
      distributed,
      tuning: false,
      runtimes: TRANSFORMERS_ONLY,
      vllmLoraSupport: false,
      downloadAtRuntime: false,
      requiresAuth: false,
      deprecated: true,
      privateImage: true,
      imageTag: '0.4.0',
      bytesPerToken,
    }),
  ),
];

/**
 * Kaito's model presets (kaito.md §3), including the deprecated phi-2 and the private
 * llama-2 presets of v0.4, which validation rejects with a clear message.
 *
 * @public
 */
export const MODEL_PRESETS: readonly ModelPreset[] = Object.freeze(
  ROWS.map(row =>
    Object.freeze({
      ...row,
      aliases: [row.hfRepo, ...(row.aliases ?? [])],
      imageName: `kaito-${row.name}`,
    }),
  ),
);
