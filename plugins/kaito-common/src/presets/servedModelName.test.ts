import { servedModelName } from './servedModelName';

describe('servedModelName', () => {
  it.each([
    ['google/gemma-3-4b-it', 'gemma-3-4b-it'],
    ['mistralai/Mistral-7B-Instruct-v0.3', 'mistral-7b-instruct-v0.3'],
    ['mistralai/Ministral-3-8B-Instruct-2512', 'ministral-3-8b-instruct-2512'],
    [' Qwen/Qwen3-8B-AWQ ', 'qwen3-8b-awq'],
    ['phi-4', 'phi-4'],
  ])('%j is served as %s', (repo, served) => {
    expect(servedModelName(repo)).toBe(served);
  });
});
