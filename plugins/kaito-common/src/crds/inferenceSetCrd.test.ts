import { JsonSchemaProps } from '../api/kubernetes';
import { inferenceSetCrd } from './inferenceSetCrd';

function untypedPaths(schema: JsonSchemaProps, path = ''): string[] {
  const here = schema.type || schema['x-kubernetes-preserve-unknown-fields'] ? [] : [path || '/'];
  const children = Object.entries(schema.properties ?? {}).flatMap(([key, child]) => untypedPaths(child, `${path}.${key}`));
  const items = schema.items ? untypedPaths(schema.items, `${path}[]`) : [];
  const additional = typeof schema.additionalProperties === 'object' ? untypedPaths(schema.additionalProperties, `${path}{}`) : [];
  return [...here, ...children, ...items, ...additional];
}

describe('inferenceSetCrd (Kaito v0.12 config/crd/bases/kaito.sh_inferencesets.yaml)', () => {
  it('serves v1alpha1 and v1beta1, stores v1beta1, namespaced, short names is and isets', () => {
    expect(inferenceSetCrd.metadata.name).toBe('inferencesets.kaito.sh');
    expect(inferenceSetCrd.spec.versions.map(v => [v.name, v.served, v.storage])).toEqual([
      ['v1alpha1', true, false],
      ['v1beta1', true, true],
    ]);
    expect(inferenceSetCrd.spec.scope).toBe('Namespaced');
    expect(inferenceSetCrd.spec.names).toMatchObject({ kind: 'InferenceSet', plural: 'inferencesets', shortNames: ['is', 'isets'], categories: ['inferenceset'] });
  });

  it.each(inferenceSetCrd.spec.versions.map(v => [v.name, v] as const))('%s has status and scale subresources, columns and a structural schema', (_name, version) => {
    expect(version.subresources).toEqual({
      status: {},
      scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' },
    });
    expect(version.additionalPrinterColumns!.map(c => c.name)).toEqual(['Replicas', 'ReadyReplicas', 'Age']);
    expect(untypedPaths(version.schema.openAPIV3Schema)).toEqual([]);
    const spec = version.schema.openAPIV3Schema.properties!.spec;
    expect(spec.required).toEqual(['labelSelector', 'template']);
    expect(spec.properties!.replicas).toMatchObject({ type: 'integer', minimum: 0, default: 1, format: 'int32' });
    expect(spec.properties!.template.required).toEqual(['inference']);
    expect(version.schema.openAPIV3Schema.required).toEqual(['spec']);
  });

  it.each([
    ['v1alpha1', false],
    ['v1beta1', true],
  ])('has the template partition only in v1beta1: %s → %s, and modelAccessSecret in both', (name, present) => {
    const template = inferenceSetCrd.spec.versions.find(v => v.name === name)!.schema.openAPIV3Schema.properties!.spec.properties!.template;
    expect(Boolean(template.properties!.resource.properties!.partition)).toBe(present);
    expect(template.properties!.inference.properties!.preset.properties!.presetOptions.properties!.modelAccessSecret).toBeDefined();
  });
});
