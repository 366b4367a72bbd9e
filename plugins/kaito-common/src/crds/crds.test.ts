import { CustomResourceDefinition, JsonSchemaProps } from '../api/kubernetes';
import { nodeClaimCrd, nodePoolCrd } from './karpenterCrds';
import { workspaceCrd } from './workspaceCrd';

/** Every node must have a type unless it preserves unknown fields or is int-or-string (structural schema rule). */
function untypedPaths(schema: JsonSchemaProps, path = ''): string[] {
  const here = schema.type || schema['x-kubernetes-preserve-unknown-fields'] || schema['x-kubernetes-int-or-string'] ? [] : [path || '/'];
  const children = Object.entries(schema.properties ?? {}).flatMap(([key, child]) => untypedPaths(child, `${path}.${key}`));
  const items = schema.items ? untypedPaths(schema.items, `${path}[]`) : [];
  const additional = typeof schema.additionalProperties === 'object' ? untypedPaths(schema.additionalProperties, `${path}{}`) : [];
  return [...here, ...children, ...items, ...additional];
}

const crds: [string, CustomResourceDefinition][] = [
  ['workspaces.kaito.sh', workspaceCrd],
  ['nodeclaims.karpenter.sh', nodeClaimCrd],
  ['nodepools.karpenter.sh', nodePoolCrd],
];

describe('CRDs', () => {
  it.each(crds)('%s is named <plural>.<group>, has one storage version and a status subresource', (name, crd) => {
    expect(crd.metadata.name).toBe(`${crd.spec.names.plural}.${crd.spec.group}`);
    expect(crd.metadata.name).toBe(name);
    expect(crd.spec.versions.filter(v => v.storage)).toHaveLength(1);
    for (const version of crd.spec.versions) {
      expect(version.subresources).toEqual({ status: {} });
    }
  });

  it.each(crds)('%s has a structural schema (every field typed)', (_name, crd) => {
    for (const version of crd.spec.versions) {
      expect(untypedPaths(version.schema.openAPIV3Schema)).toEqual([]);
    }
  });

  it('serves Workspace v1alpha1 and stores v1beta1', () => {
    expect(workspaceCrd.spec.versions.map(v => [v.name, v.served, v.storage])).toEqual([
      ['v1alpha1', true, false],
      ['v1beta1', true, true],
    ]);
    expect(workspaceCrd.spec.scope).toBe('Namespaced');
    expect(workspaceCrd.spec.names.shortNames).toEqual(['wk', 'wks']);
  });

  it.each([
    ['v1alpha1', ['Instance', 'ResourceReady', 'InferenceReady', 'JobStarted', 'WorkspaceSucceeded', 'Age']],
    ['v1beta1', ['Instance', 'ResourceReady', 'InferenceReady', 'JobStarted', 'WorkspaceSucceeded', 'TargetNodeCount', 'State', 'Age']],
  ])("shows Kaito's printer columns for %s", (version, columns) => {
    const v = workspaceCrd.spec.versions.find(x => x.name === version)!;
    expect(v.additionalPrinterColumns!.map(c => c.name)).toEqual(columns);
  });

  it.each([
    ['v1alpha1', false],
    ['v1beta1', true],
  ])('has v1beta1-only fields (partition, modelAccessSecret, state) only in v1beta1: %s → %s', (version, present) => {
    const schema = workspaceCrd.spec.versions.find(x => x.name === version)!.schema.openAPIV3Schema;
    expect(Boolean(schema.properties!.resource.properties!.partition)).toBe(present);
    expect(Boolean(schema.properties!.inference.properties!.preset.properties!.presetOptions.properties!.modelAccessSecret)).toBe(present);
    expect(Boolean(schema.properties!.status.properties!.state)).toBe(present);
  });

  it('has no spec in the Workspace schema: resource, inference and tuning are top-level', () => {
    const schema = workspaceCrd.spec.versions[1].schema.openAPIV3Schema;
    expect(Object.keys(schema.properties!)).toEqual(['apiVersion', 'kind', 'metadata', 'resource', 'inference', 'tuning', 'status']);
  });

  it.each([
    [nodeClaimCrd, 'NodeClaim'],
    [nodePoolCrd, 'NodePool'],
  ])('makes %s cluster-scoped karpenter.sh/v1', (crd, kind) => {
    expect(crd.spec).toMatchObject({ group: 'karpenter.sh', scope: 'Cluster', names: { kind } });
    expect(crd.spec.versions.map(v => v.name)).toEqual(['v1']);
  });
});
