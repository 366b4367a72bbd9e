import { MODEL_PRESETS } from './presets';
import { disablesKvCacheCpuOffload, vllmModelFlags, vllmUsesDeepGemm } from './vllmModelFlags';

const byServedName = (served: string) => MODEL_PRESETS.find(p => p.servedModelName === served)!;

describe('vllmModelFlags', () => {
  // Expected values worked out from Kaito v0.12.0's generator tables for every catalog model.
  it.each([
    // served name, load/config format, tokenizer mode, dtype, tool-call parser, reasoning parser, chat template
    ['phi-4', 'auto', 'auto', 'bfloat16', undefined, undefined, undefined],
    ['phi-4-mini-instruct', 'auto', 'auto', 'bfloat16', undefined, undefined, 'tool-chat-phi4-mini.jinja'],
    ['deepseek-r1-distill-llama-8b', 'auto', 'deepseek_v32', 'bfloat16', 'deepseek_v3', 'deepseek_r1', 'tool-chat-deepseekr1.jinja'],
    ['deepseek-r1-distill-qwen-14b', 'auto', 'deepseek_v32', 'bfloat16', 'deepseek_v3', 'deepseek_r1', 'tool-chat-deepseekr1.jinja'],
    ['phi-3-mini-4k-instruct', 'auto', 'auto', 'bfloat16', undefined, undefined, undefined],
    ['phi-3-mini-128k-instruct', 'auto', 'auto', 'bfloat16', undefined, undefined, undefined],
    ['phi-3-medium-4k-instruct', 'auto', 'auto', 'bfloat16', undefined, undefined, undefined],
    ['phi-3-medium-128k-instruct', 'auto', 'auto', 'bfloat16', undefined, undefined, undefined],
    ['phi-3.5-mini-instruct', 'auto', 'auto', 'bfloat16', undefined, undefined, undefined],
    ['qwen2.5-coder-7b-instruct', 'auto', 'auto', 'bfloat16', 'hermes', undefined, 'tool-chat-hermes.jinja'],
    ['qwen2.5-coder-32b-instruct', 'auto', 'auto', 'bfloat16', 'hermes', undefined, 'tool-chat-hermes.jinja'],
    ['gpt-oss-20b', 'auto', 'auto', 'auto', 'openai', 'openai_gptoss', undefined],
    ['gpt-oss-120b', 'auto', 'auto', 'auto', 'openai', 'openai_gptoss', undefined],
    ['llama-3.1-8b-instruct', 'auto', 'auto', 'bfloat16', 'llama3_json', undefined, 'tool-chat-llama3.1-json.jinja'],
    ['llama-3.3-70b-instruct', 'auto', 'auto', 'bfloat16', 'llama3_json', undefined, 'tool-chat-llama3.1-json.jinja'],
    ['mistral-7b-v0.3', 'mistral', 'mistral', 'bfloat16', 'mistral', undefined, undefined],
    ['mistral-7b-instruct-v0.3', 'mistral', 'mistral', 'bfloat16', 'mistral', undefined, undefined],
    ['ministral-3-3b-instruct-2512', 'mistral', 'mistral', 'auto', undefined, undefined, undefined],
    ['ministral-3-8b-instruct-2512', 'mistral', 'mistral', 'auto', undefined, undefined, undefined],
    ['ministral-3-14b-instruct-2512', 'mistral', 'mistral', 'auto', undefined, undefined, undefined],
    ['gemma-3-4b-it', 'auto', 'auto', 'bfloat16', 'functiongemma', undefined, undefined],
    ['gemma-3-27b-it', 'auto', 'auto', 'bfloat16', 'functiongemma', undefined, undefined],
    ['deepseek-r1-0528', 'auto', 'deepseek_v32', 'auto', 'deepseek_v3', 'deepseek_r1', 'tool-chat-deepseekr1.jinja'],
    ['deepseek-v3-0324', 'auto', 'deepseek_v32', 'auto', 'deepseek_v3', 'deepseek_v3', 'tool-chat-deepseekv3.jinja'],
    ['mistral-large-3-675b-instruct-2512', 'mistral', 'mistral', 'auto', 'mistral', undefined, undefined],
    ['nvidia-nemotron-3-super-120b-a12b-bf16', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'nemotron_v3', undefined],
    ['nemotron-cascade-2-30b-a3b', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'nemotron_v3', undefined],
    ['nvidia-nemotron-3-nano-30b-a3b-bf16', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'nemotron_v3', undefined],
    ['nvidia-nemotron-nano-12b-v2-vl-bf16', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'nemotron_v3', undefined],
    ['nvidia-nemotron-nano-9b-v2', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'nemotron_v3', undefined],
    ['nvidia-nemotron-3-nano-4b-bf16', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'nemotron_v3', undefined],
    ['qwen3-8b-awq', 'auto', 'auto', 'auto', 'hermes', 'qwen3', undefined],
    ['gemma-4-31b-it', 'auto', 'auto', 'bfloat16', 'gemma4', 'gemma4', 'tool-chat-gemma4.jinja'],
    ['gemma-4-26b-a4b-it', 'auto', 'auto', 'bfloat16', 'gemma4', 'gemma4', 'tool-chat-gemma4.jinja'],
    ['gemma-4-e4b-it', 'auto', 'auto', 'bfloat16', 'gemma4', 'gemma4', 'tool-chat-gemma4.jinja'],
    ['gemma-4-e2b-it', 'auto', 'auto', 'bfloat16', 'gemma4', 'gemma4', 'tool-chat-gemma4.jinja'],
    ['mistral-small-4-119b-2603', 'mistral', 'mistral', 'auto', 'mistral', 'mistral', undefined],
    ['mistral-small-4-119b-2603-nvfp4', 'mistral', 'mistral', 'auto', 'mistral', 'mistral', undefined],
    ['qwen3.5-2b', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'qwen3', undefined],
    ['qwen3.5-4b', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'qwen3', undefined],
    ['qwen3.5-9b', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'qwen3', undefined],
    ['qwen3.5-122b-a10b-gptq-int4', 'auto', 'auto', 'auto', 'qwen3_coder', 'qwen3', undefined],
    ['qwen3.5-122b-a10b', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'qwen3', undefined],
    ['qwen3.6-35b-a3b-fp8', 'auto', 'auto', 'auto', 'qwen3_coder', 'qwen3', undefined],
    ['qwen3.6-35b-a3b', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'qwen3', undefined],
    ['qwen3.6-27b', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'qwen3', undefined],
    ['qwen3.5-397b-a17b-gptq-int4', 'auto', 'auto', 'auto', 'qwen3_coder', 'qwen3', undefined],
    ['kimi-k2.5', 'auto', 'auto', 'auto', 'kimi_k2', 'kimi_k2', undefined],
    ['kimi-k2.6', 'auto', 'auto', 'auto', 'kimi_k2', 'kimi_k2', undefined],
    ['minimax-m2.7', 'auto', 'auto', 'auto', 'minimax_m2', 'minimax_m2_append_think', undefined],
    ['mistral-medium-3.5-128b', 'mistral', 'mistral', 'auto', 'mistral', 'mistral', undefined],
    ['deepseek-v4-flash-0731', 'auto', 'deepseek_v4', 'auto', 'deepseek_v4', 'deepseek_v4', undefined],
    ['deepseek-v4-pro', 'auto', 'deepseek_v4', 'auto', 'deepseek_v4', 'deepseek_v4', undefined],
    ['gemma-4-12b-it', 'auto', 'auto', 'bfloat16', 'gemma4', 'gemma4', 'tool-chat-gemma4.jinja'],
    ['glm-5.2-fp8', 'auto', 'auto', 'auto', 'glm47', 'glm45', undefined],
    ['kimi-k2.7-code', 'auto', 'auto', 'auto', 'kimi_k2', 'kimi_k2', undefined],
    ['nvidia-nemotron-3-ultra-550b-a55b-nvfp4', 'auto', 'auto', 'auto', 'qwen3_coder', 'nemotron_v3', undefined],
    ['deepseek-v3.2', 'auto', 'deepseek_v32', 'auto', 'deepseek_v32', 'deepseek_v3', 'tool-chat-deepseekv3.jinja'],
    ['granite-4.1-8b', 'auto', 'auto', 'bfloat16', 'granite4', 'granite', undefined],
    ['qwen3.8-27b', 'auto', 'auto', 'bfloat16', 'qwen3_coder', 'qwen3', undefined],
  ] as const)('%s: format %s, tokenizer %s, dtype %s, tools %s, reasoning %s, template %s', (served, format, tokenizer, dtype, tools, reasoning, template) => {
    const flags = vllmModelFlags(byServedName(served));
    expect(flags).toMatchObject({ load_format: format, config_format: format, tokenizer_mode: tokenizer, dtype, 'trust-remote-code': '' });
    expect(flags['tool-call-parser']).toBe(tools);
    expect(flags['enable-auto-tool-choice']).toBe(tools === undefined ? undefined : '');
    expect(flags['reasoning-parser']).toBe(reasoning);
    expect(flags['chat-template']).toBe(template === undefined ? undefined : `/workspace/chat_templates/${template}`);
  });

  it.each([
    ['deepseek-v4-flash-0731', { 'kv-cache-dtype': 'fp8', tokenizer_mode: 'deepseek_v4' }],
    ['glm-5.2-fp8', { 'kv-cache-dtype': 'fp8' }],
    ['qwen3.6-27b', { 'gdn-prefill-backend': 'triton' }],
    ['minimax-m2.7', { 'enable-expert-parallel': '' }],
    ['deepseek-v3.2', { 'kernel-config.enable_flashinfer_autotune': 'False', 'tool-call-parser': 'deepseek_v32' }],
  ])('%s gets its model-specific switches', (served, expected) => {
    expect(vllmModelFlags(byServedName(served))).toMatchObject(expected);
  });

  it('derives name-based flags for a Hugging Face model outside the catalog', () => {
    expect(vllmModelFlags({ servedModelName: 'qwen3-coder-30b-a3b-instruct', architectures: [] })).toMatchObject({
      'tool-call-parser': 'qwen3_xml',
      'reasoning-parser': 'qwen3',
      load_format: 'auto',
      dtype: 'bfloat16',
    });
  });
});

describe('vllmUsesDeepGemm', () => {
  it.each([
    ['deepseek-v4-pro', true],
    ['deepseek-v3.2', true],
    ['glm-5.2-fp8', true],
    ['deepseek-r1-0528', false],
    ['phi-4', false],
  ])('%s: %s', (served, expected) => {
    expect(vllmUsesDeepGemm(byServedName(served))).toBe(expected);
  });
});

describe('disablesKvCacheCpuOffload', () => {
  it.each([
    ['gpt-oss-20b', true],
    ['gemma-4-31b-it', true],
    ['qwen3.5-9b', true],
    ['nvidia-nemotron-nano-9b-v2', true],
    ['phi-4', false],
    ['deepseek-r1-0528', false],
  ])('%s: %s', (served, expected) => {
    expect(disablesKvCacheCpuOffload(byServedName(served))).toBe(expected);
  });
});
