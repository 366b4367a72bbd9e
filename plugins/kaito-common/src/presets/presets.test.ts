import { MODEL_PRESETS } from './presets';

describe('MODEL_PRESETS', () => {
  it.each([
    // name, hfRepo, weights GiB, GPUs, disk GiB, context, distributed, tuning, DAR, auth, tag
    ['phi-3-mini-4k-instruct', 'microsoft/Phi-3-mini-4k-instruct', 7.12, 1, 80, 4096, false, true, false, false, '0.2.0'],
    ['phi-3-mini-128k-instruct', 'microsoft/Phi-3-mini-128k-instruct', 7.12, 1, 80, 131072, false, true, false, false, '0.2.0'],
    ['phi-3-medium-4k-instruct', 'microsoft/Phi-3-medium-4k-instruct', 26, 1, 120, 4096, false, true, false, false, '0.2.0'],
    ['phi-3-medium-128k-instruct', 'microsoft/Phi-3-medium-128k-instruct', 26, 1, 120, 131072, false, true, false, false, '0.2.0'],
    ['phi-3.5-mini-instruct', 'microsoft/Phi-3.5-mini-instruct', 7.12, 1, 70, 131072, false, true, false, false, '0.2.0'],
    ['phi-4', 'microsoft/phi-4', 27.31, 1, 150, 16384, false, true, false, false, '0.2.0'],
    ['phi-4-mini-instruct', 'microsoft/Phi-4-mini-instruct', 7.15, 1, 70, 131072, false, true, false, false, '0.2.0'],
    ['phi-2', 'microsoft/phi-2', 12, 1, 80, undefined, false, true, false, false, '0.2.0'],
    ['falcon-7b', 'tiiuae/falcon-7b', 13.44, 1, 90, 2048, false, true, false, false, '0.2.0'],
    ['falcon-7b-instruct', 'tiiuae/falcon-7b-instruct', 13.44, 1, 90, 2048, false, false, false, false, '0.2.0'],
    ['falcon-40b', 'tiiuae/falcon-40b', 77.9, 2, 280, 2048, false, true, false, false, '0.2.0'],
    ['falcon-40b-instruct', 'tiiuae/falcon-40b-instruct', 77.9, 2, 280, 2048, false, false, false, false, '0.2.0'],
    ['mistral-7b', 'mistralai/Mistral-7B-v0.3', 13.49, 1, 90, 32768, false, true, false, false, '0.2.0'],
    ['mistral-7b-instruct', 'mistralai/Mistral-7B-Instruct-v0.3', 13.49, 1, 90, 32768, false, false, false, false, '0.2.0'],
    ['ministral-3-3b-instruct', 'mistralai/Ministral-3-3B-Instruct-2512', 8.7, 1, 70, 262144, false, false, true, false, '0.0.1'],
    ['ministral-3-8b-instruct', 'mistralai/Ministral-3-8B-Instruct-2512', 19.41, 1, 100, 262144, false, false, true, false, '0.0.1'],
    ['ministral-3-14b-instruct', 'mistralai/Ministral-3-14B-Instruct-2512', 29.29, 1, 100, 262144, false, false, true, false, '0.0.1'],
    ['mistral-large-3-675b-instruct', 'mistralai/Mistral-Large-3-675B-Instruct-2512', 634.7, 1, 800, 262144, false, false, true, false, '0.0.1'],
    ['qwen2.5-coder-7b-instruct', 'Qwen/Qwen2.5-Coder-7B-Instruct', 14.19, 1, 110, 32768, false, true, false, false, '0.2.0'],
    ['qwen2.5-coder-32b-instruct', 'Qwen/Qwen2.5-Coder-32B-Instruct', 61.03, 1, 230, 32768, false, true, false, false, '0.2.0'],
    ['deepseek-r1-distill-llama-8b', 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B', 14.96, 1, 90, 131072, false, false, false, false, '0.2.0'],
    ['deepseek-r1-distill-qwen-14b', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', 27.51, 1, 120, 131072, false, false, false, false, '0.2.0'],
    ['deepseek-r1-0528', 'deepseek-ai/DeepSeek-R1-0528', 641.3, 1, 800, 163840, true, false, true, false, '0.0.1'],
    ['deepseek-v3-0324', 'deepseek-ai/DeepSeek-V3-0324', 641.3, 1, 800, 163840, true, false, true, false, '0.0.1'],
    ['llama-3.1-8b-instruct', 'meta-llama/Llama-3.1-8B-Instruct', 14.96, 1, 110, 131072, true, false, true, true, '0.2.0'],
    ['llama-3.3-70b-instruct', 'meta-llama/Llama-3.3-70B-Instruct', 131.42, 1, 220, 131072, true, false, true, true, '0.0.1'],
    ['gemma-3-4b-instruct', 'google/gemma-3-4b-it', 8.6, 1, 90, 131072, false, false, true, false, '0.0.1'],
    ['gemma-3-27b-instruct', 'google/gemma-3-27b-it', 54.8, 1, 200, 131072, false, false, true, false, '0.0.1'],
    ['gpt-oss-20b', 'openai/gpt-oss-20b', 16, 1, 110, 131072, false, false, false, false, '0.0.2'],
    ['gpt-oss-120b', 'openai/gpt-oss-120b', 60.77, 1, 250, 131072, false, false, true, false, '0.0.1'],
    ['llama-2-7b', 'meta-llama/Llama-2-7b-hf', 14, 1, 34, 4096, false, false, false, false, '0.4.0'],
    ['llama-2-7b-chat', 'meta-llama/Llama-2-7b-chat-hf', 16, 1, 34, 4096, false, false, false, false, '0.4.0'],
    ['llama-2-13b', 'meta-llama/Llama-2-13b-hf', 30, 2, 46, 4096, true, false, false, false, '0.4.0'],
    ['llama-2-13b-chat', 'meta-llama/Llama-2-13b-chat-hf', 30, 2, 46, 4096, true, false, false, false, '0.4.0'],
    ['llama-2-70b', 'meta-llama/Llama-2-70b-hf', 152, 8, 158, 4096, true, false, false, false, '0.4.0'],
    ['llama-2-70b-chat', 'meta-llama/Llama-2-70b-chat-hf', 192, 8, 158, 4096, true, false, false, false, '0.4.0'],
  ] as const)(
    '%s: %s, %d GiB, %d GPU(s), %d GiB disk',
    (name, hfRepo, weightsGiB, gpus, diskGiB, contextLength, distributed, tuning, dar, auth, tag) => {
      const preset = MODEL_PRESETS.find(p => p.name === name);
      expect(preset).toMatchObject({
        hfRepo,
        weightsGiB,
        gpuCountRequirement: gpus,
        diskGiB,
        distributed,
        tuning,
        downloadAtRuntime: dar,
        requiresAuth: auth,
        imageTag: tag,
        imageName: `kaito-${name}`,
      });
      expect(preset?.contextLength).toBe(contextLength);
      expect(preset?.aliases).toContain(hfRepo);
    },
  );

  it('lists 36 presets with unique names and aliases', () => {
    expect(MODEL_PRESETS).toHaveLength(36);
    const keys = MODEL_PRESETS.flatMap(p => [p.name, ...p.aliases]).map(k => k.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(MODEL_PRESETS.map(p => [p.name, p] as const))(
    '%s has a runtime, a positive KV-cache size and tuning memory only when it tunes',
    (_name, preset) => {
      expect(preset.runtimes.length).toBeGreaterThan(0);
      expect(preset.bytesPerToken).toBeGreaterThan(0);
      expect(preset.tuningMemoryGiB === undefined || preset.tuning).toBe(true);
      expect(!preset.vllmLoraSupport || preset.runtimes.includes('vllm')).toBe(true);
    },
  );

  it('marks phi-2 and the private llama-2 presets deprecated, and only them', () => {
    expect(MODEL_PRESETS.filter(p => p.deprecated).map(p => p.name)).toEqual([
      'phi-2',
      'llama-2-7b',
      'llama-2-7b-chat',
      'llama-2-13b',
      'llama-2-13b-chat',
      'llama-2-70b',
      'llama-2-70b-chat',
    ]);
  });
});
