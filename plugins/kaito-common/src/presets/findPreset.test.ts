import { ModelPreset } from './modelPreset';
import { MODEL_PRESETS } from './presets';
import { baseImage, findPreset, isHuggingFaceModelId, presetImage } from './findPreset';

describe('findPreset', () => {
  it.each([
    ['phi-4-mini-instruct', 'phi-4-mini-instruct'],
    ['PHI-4-MINI-INSTRUCT', 'phi-4-mini-instruct'],
    ['microsoft/Phi-4-mini-instruct', 'phi-4-mini-instruct'],
    ['microsoft/phi-4-mini-instruct', 'phi-4-mini-instruct'],
    ['mistral-7b-v0.3', 'mistral-7b'],
    [' falcon-7b ', 'falcon-7b'],
    ['google/gemma-3-4b-it', 'gemma-3-4b-instruct'],
  ])('finds %j as %s', (input, expected) => {
    expect(findPreset(input)?.name).toBe(expected);
  });

  it.each([[''], ['gpt-5'], ['someorg/some-model']])('returns undefined for %j', input => {
    expect(findPreset(input)).toBeUndefined();
  });

  describe('when custom presets are configured', () => {
    const custom: ModelPreset = { ...MODEL_PRESETS[0], name: 'my-model', aliases: ['acme/my-model'], imageName: 'kaito-my-model' };

    it('finds them by name or alias', () => {
      expect(findPreset('acme/my-model', { customPresets: [custom] })).toBe(custom);
    });

    it('lets config override a built-in preset of the same name', () => {
      const override = { ...MODEL_PRESETS[0], imageTag: '9.9.9' };
      expect(findPreset(MODEL_PRESETS[0].name, { customPresets: [override] })?.imageTag).toBe('9.9.9');
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

describe('images', () => {
  it('builds the preset image from the registry, name and tag', () => {
    const preset = findPreset('phi-4')!;
    expect(presetImage(preset)).toBe('mcr.microsoft.com/aks/kaito/kaito-phi-4:0.2.0');
    expect(presetImage(preset, 'myacr.azurecr.io/kaito/')).toBe('myacr.azurecr.io/kaito/kaito-phi-4:0.2.0');
  });

  it('builds the base image with the default or a given tag', () => {
    expect(baseImage()).toBe('mcr.microsoft.com/aks/kaito/kaito-base:0.5.0');
    expect(baseImage('registry.local/kaito', '0.6.0')).toBe('registry.local/kaito/kaito-base:0.6.0');
  });
});
