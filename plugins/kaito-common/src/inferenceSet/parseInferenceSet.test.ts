import { parseInferenceSet } from './parseInferenceSet';

const llama = {
  apiVersion: 'kaito.sh/v1alpha1',
  kind: 'InferenceSet',
  metadata: { name: 'llama-3-1-8b', annotations: { 'scaledobject.kaito.sh/threshold': '10' } },
  spec: {
    replicas: 2,
    nodeCountLimit: 10,
    labelSelector: { matchLabels: { apps: 'llama-3-1-8b' } },
    template: {
      resource: { instanceType: 'Standard_NC24ads_A100_v4' },
      inference: { preset: { name: 'llama-3.1-8b-instruct', presetOptions: { modelAccessSecret: 'hf-token' } } },
    },
  },
};

describe('parseInferenceSet', () => {
  it('reads Kaito\'s llama example as written', () => {
    const result = parseInferenceSet(llama);
    expect(result).toEqual({ ok: true, inferenceSet: llama, warnings: [] });
  });

  it.each([
    ['a string replica count', { ...llama, spec: { ...llama.spec, replicas: '2' } }, 'spec.replicas', 'replicas must be a number'],
    ['negative replicas', { ...llama, spec: { ...llama.spec, replicas: -1 } }, 'spec.replicas', 'replicas must be non-negative'],
    ['a fractional limit', { ...llama, spec: { ...llama.spec, nodeCountLimit: 1.5 } }, 'spec.nodeCountLimit', 'nodeCountLimit must be a whole number'],
    ['no labelSelector', { ...llama, spec: { ...llama.spec, labelSelector: undefined } }, 'spec.labelSelector', 'is required'],
    ['no template inference', { ...llama, spec: { ...llama.spec, template: { resource: {} } } }, 'spec.template.inference', 'is required'],
    ['a Workspace kind', { ...llama, kind: 'Workspace' }, 'kind', 'kind must be InferenceSet'],
    ['a bad strategy', { ...llama, spec: { ...llama.spec, autoUpgrade: { strategy: 'Blue' } } }, 'spec.autoUpgrade.strategy', 'strategy must be "InPlace" or "Surge"'],
  ])('refuses %s', (_what, input, path, message) => {
    const result = parseInferenceSet(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toContainEqual({ path, message, severity: 'error' });
  });

  it('drops unknown fields with a warning, and partition from v1alpha1, which has none', () => {
    const input = { ...llama, spec: { ...llama.spec, extra: 1, template: { ...llama.spec.template, resource: { instanceType: 'x', partition: { mode: 'mig' } } } } };
    const result = parseInferenceSet(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map(w => w.path)).toEqual(['spec.extra', 'spec.template.resource.partition']);
    expect(result.inferenceSet.spec.template.resource).toEqual({ instanceType: 'x' });
  });
});
