import { Workspace } from '../api/workspace';
import { workspaceServedModels } from './servedModels';

const workspace = (inference: Workspace['inference'], labels?: Record<string, string>): Workspace => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name: 'ws', namespace: 'team-a', ...(labels ? { labels } : {}) },
  resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'ws' } } },
  inference,
});

describe('workspaceServedModels', () => {
  it.each([
    ['a legacy preset name', 'mistral-7b-instruct', 'mistral-7b-instruct-v0.3'],
    ['a legacy gemma name', 'gemma-3-4b-instruct', 'gemma-3-4b-it'],
    ['a catalog Hugging Face id', 'mistralai/Ministral-3-8B-Instruct-2512', 'ministral-3-8b-instruct-2512'],
    ['a Hugging Face id outside the catalog', 'Acme/Secret-Model-7B', 'secret-model-7b'],
  ])('serves %s under its lower-cased repository name', (_name, preset, served) => {
    expect(workspaceServedModels(workspace({ preset: { name: preset } }))).toEqual([served]);
  });

  it('lists adapters after the base model, under their own names', () => {
    const ws = workspace({
      preset: { name: 'phi-3-mini-128k-instruct' },
      adapters: [{ source: { name: 'phi-3-adapter', image: 'x.io/a:1' } }, { source: { name: 'local', volumeSource: {} } }],
    });
    expect(workspaceServedModels(ws)).toEqual(['phi-3-mini-128k-instruct', 'phi-3-adapter', 'local']);
  });

  it('uses the InferenceSet name for a workspace an InferenceSet made', () => {
    const ws = workspace({ preset: { name: 'phi-4' } }, { 'inferenceset.kaito.sh/created-by': 'my-set' });
    expect(workspaceServedModels(ws)).toEqual(['my-set']);
  });

  it('names a template workspace after itself, and a tuning workspace serves nothing', () => {
    expect(workspaceServedModels(workspace({ template: { spec: { containers: [] } } }))).toEqual(['ws']);
    expect(workspaceServedModels({ ...workspace(undefined), inference: undefined })).toEqual([]);
  });
});
