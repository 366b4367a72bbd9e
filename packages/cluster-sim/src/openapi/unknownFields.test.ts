import { widgetCrd } from '../crds/widgetCrd';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { kindSchemas } from './groupVersionDocument';
import { unknownFields, UnknownFieldOptions } from './unknownFields';

const registry = new ResourceRegistry();
const schemasOf = (group: string, kind: string, version = 'v1') => kindSchemas(registry.byKind(group, kind)!, version)!;

describe('unknownFields', () => {
  const deployment = schemasOf('apps', 'Deployment');

  it.each<[string, unknown, string[], UnknownFieldOptions]>([
    [
      'a Deployment as written',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', labels: { a: 'b' } }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }] } } } },
      [],
      {},
    ],
    [
      'typos at several depths, with list indexes',
      { metadata: { name: 'd', labelz: {} }, spec: { replica: 1, template: { spec: { containers: [{ name: 'a' }, { name: 'c', imagee: 'i' }] } } }, extra: true },
      ['metadata.labelz', 'spec.replica', 'spec.template.spec.containers[1].imagee', 'extra'],
      {},
    ],
    [
      'map values (labels, resources) and int-or-string ports as data, not fields',
      { spec: { selector: { matchLabels: { anything: 'x' } }, strategy: { rollingUpdate: { maxSurge: '25%' } }, template: { spec: { containers: [{ name: 'c', resources: { limits: { 'nvidia.com/gpu': 1 } } }] } } } },
      [],
      {},
    ],
    [
      'an unknown field set to null (a JSON patch can add one), which decoding reports all the same',
      { spec: { template: { spec: { containers: [{ name: 'c' }], gone: null } } } },
      ['spec.template.spec.gone'],
      {},
    ],
  ])('%s', (_name, value, expected, options) => {
    expect(unknownFields(value, deployment.name, deployment.pool, options)).toEqual(expected);
  });

  it('removes what it reports when asked to', () => {
    const value = { data: { a: 'b' }, dataa: { c: 'd' } };
    const configMap = schemasOf('', 'ConfigMap');
    expect(unknownFields(value, configMap.name, configMap.pool, { remove: true })).toEqual(['dataa']);
    expect(value).toEqual({ data: { a: 'b' } });
  });

  describe('of a custom resource', () => {
    registry.registerCrd(widgetCrd);
    const widget = schemasOf('example.test', 'Widget', 'v1alpha1');

    it('follows the CRD schema, and ObjectMeta for metadata', () => {
      const value = { apiVersion: 'example.test/v1alpha1', kind: 'Widget', metadata: { name: 'w', owner: 'x' }, spec: { size: 1, shape: 'round' }, status: { phase: 'A', conditions: [{ type: 'R', status: 'True', when: 'now' }] } };
      expect(unknownFields(value, widget.name, widget.pool)).toEqual(['metadata.owner', 'spec.shape', 'status.conditions[0].when']);
    });

    it('reports nothing for a version that preserves unknown fields', () => {
      const open = structuredClone(widgetCrd);
      open.spec.versions[0].schema.openAPIV3Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      const type = new ResourceRegistry().registerCrd(open);
      const schemas = kindSchemas(type, 'v1alpha1')!;
      expect(unknownFields({ spec: { anything: 1 } }, schemas.name, schemas.pool)).toEqual([]);
    });
  });
});
