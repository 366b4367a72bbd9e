import { ModelPreset } from './modelPreset';
import { MODEL_PRESETS } from './presets';
import { baseImage, findPreset, isHuggingFaceModelId, retiredPresetKind } from './findPreset';

describe('findPreset', () => {
  it.each([
    ['phi-4-mini-instruct', 'phi-4-mini-instruct'],
    ['PHI-4-MINI-INSTRUCT', 'phi-4-mini-instruct'],
    ['microsoft/Phi-4-mini-instruct', 'phi-4-mini-instruct'],
    ['microsoft/phi-4-mini-instruct', 'phi-4-mini-instruct'],
    ['mistralai/mistral-7b-v0.3', 'mistral-7b'],
    [' mistral-7b-instruct ', 'mistral-7b-instruct'],
    ['google/gemma-3-4b-it', 'gemma-3-4b-instruct'],
    ['qwen/qwen3-8b-awq', 'Qwen/Qwen3-8B-AWQ'],
    ['nvidia/NVIDIA-Nemotron-3-Nano-4B-BF16', 'nvidia/NVIDIA-Nemotron-3-Nano-4B-BF16'],
  ])('finds %j as %s', (input, expected) => {
    expect(findPreset(input)?.name).toBe(expected);
  });

  it.each([[''], ['gpt-5'], ['someorg/some-model'], ['falcon-7b'], ['mistral-7b-v0.3'], ['gemma-3-4b-it']])('returns undefined for %j', input => {
    expect(findPreset(input)).toBeUndefined();
  });

  describe('when custom presets are configured', () => {
    const custom: ModelPreset = { ...MODEL_PRESETS[0], name: 'my-model', aliases: ['acme/my-model'], servedModelName: 'my-model' };

    it('finds them by name or alias', () => {
      expect(findPreset('acme/my-model', { customPresets: [custom] })).toBe(custom);
    });

    it('lets config override a built-in preset of the same name', () => {
      const override = { ...MODEL_PRESETS[0], weightsGiB: 99 };
      expect(findPreset(MODEL_PRESETS[0].name, { customPresets: [override] })?.weightsGiB).toBe(99);
    });
  });
});

describe('isHuggingFaceModelId', () => {
  it.each([
    ['Qwen/Qwen3-8B', true],
    ['org/model.v2_x-1', true],
    ['phi-4', false],
    ['a/b/c', false],
    ['/model', false],
    ['org/', false],
  ])('%j → %s', (id, expected) => {
    expect(isHuggingFaceModelId(id)).toBe(expected);
  });
});

describe('retiredPresetKind', () => {
  it.each([
    ['phi-2', 'deprecated'],
    ['Falcon-7B', 'removed'],
    ['falcon-40b-instruct', 'removed'],
    ['llama-2-70b-chat', 'removed'],
    ['phi-4', undefined],
  ])('%s is %s', (name, kind) => {
    expect(retiredPresetKind(name)).toBe(kind);
  });
});

describe('images', () => {
  it('builds the base image with the default or a given tag', () => {
    expect(baseImage()).toBe('mcr.microsoft.com/aks/kaito/kaito-base:0.5.0');
    expect(baseImage('registry.local/kaito', '0.6.0')).toBe('registry.local/kaito/kaito-base:0.6.0');
  });
});
