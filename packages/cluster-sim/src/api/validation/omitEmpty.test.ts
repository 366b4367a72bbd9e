import { BUILTIN_RESOURCES } from '../../registry/builtinResources';
import { KubeObject } from '../../types';
import { dropOmittedEmptyFields } from './omitEmpty';

function typeOf(group: string, kind: string) {
  const type = BUILTIN_RESOURCES.find(t => t.group === group && t.kind === kind);
  if (!type) throw new Error(`no built-in ${group}/${kind}`);
  return type;
}

function stored(group: string, kind: string, object: object): KubeObject {
  const copy = JSON.parse(JSON.stringify(object));
  dropOmittedEmptyFields(typeOf(group, kind), 'v1', copy);
  return copy;
}

const container = (extra: object) => ({ name: 'model', image: 'img:1', ...extra });
const statefulSet = (podSpec: object, spec: object = {}) => ({
  metadata: { name: 'ws' },
  spec: { selector: { matchLabels: { a: 'b' } }, serviceName: 'ws-headless', template: { metadata: { labels: { a: 'b' } }, spec: podSpec }, ...spec },
});

describe('dropOmittedEmptyFields', () => {
  describe('drops what a Go round trip drops', () => {
    it.each([
      ['a probe\'s initialDelaySeconds: 0', { containers: [container({ livenessProbe: { initialDelaySeconds: 0, periodSeconds: 10 } })] }, { containers: [container({ livenessProbe: { periodSeconds: 10 } })] }],
      ['env: []', { containers: [container({ env: [] })] }, { containers: [container({})] }],
      ['an env value of ""', { containers: [container({ env: [{ name: 'A', value: '' }] })] }, { containers: [container({ env: [{ name: 'A' }] })] }],
      ['hostNetwork: false', { hostNetwork: false, containers: [container({})] }, { containers: [container({})] }],
      ['a volume mount\'s readOnly: false', { containers: [container({ volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: false }] })] }, { containers: [container({ volumeMounts: [{ name: 'v', mountPath: '/v' }] })] }],
      ['nodeSelector: {}', { nodeSelector: {}, containers: [container({})] }, { containers: [container({})] }],
      ['null fields', { nodeName: null, containers: [container({ args: null })] }, { containers: [container({})] }],
    ])('%s', (_name, podSpec, expected) => {
      expect(stored('apps', 'StatefulSet', statefulSet(podSpec)).spec.template.spec).toEqual(expected);
    });

    it('drops empty labels and a Service\'s publishNotReadyAddresses: false', () => {
      const service = stored('', 'Service', { metadata: { name: 's', labels: {} }, spec: { publishNotReadyAddresses: false, ports: [{ port: 80, nodePort: 0 }] } });
      expect(service).toEqual({ metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } });
    });
  });

  describe('keeps what Go keeps', () => {
    it.each([
      ['pointer fields holding zero (replicas, terminationGracePeriodSeconds, defaultMode)', { terminationGracePeriodSeconds: 0, containers: [container({})], volumes: [{ name: 'v', secret: { secretName: 's', defaultMode: 0 } }] }],
      ['empty structs (emptyDir, resources, securityContext)', { securityContext: {}, containers: [container({ resources: {} })], volumes: [{ name: 'v', emptyDir: {} }] }],
      ['fields without omitempty (containerPort: 0)', { containers: [container({ ports: [{ containerPort: 0 }] })] }],
    ])('%s', (_name, podSpec) => {
      const object = statefulSet(podSpec, { replicas: 0 });
      expect(stored('apps', 'StatefulSet', object)).toEqual(object);
    });

    it('keeps map values as sent, and a Job\'s suspend: false', () => {
      expect(stored('', 'ConfigMap', { metadata: { name: 'c' }, data: { empty: '' }, immutable: false })).toEqual({ metadata: { name: 'c' }, data: { empty: '' }, immutable: false });
      const job = { metadata: { name: 'j' }, spec: { suspend: false, backoffLimit: 0, template: { spec: { containers: [container({})] } } } };
      expect(stored('batch', 'Job', job)).toEqual(job);
    });

    it('leaves status alone', () => {
      const object = { metadata: { name: 'ws' }, spec: { replicas: 1 }, status: { readyReplicas: 0 } };
      expect(stored('apps', 'StatefulSet', object)).toEqual(object);
    });
  });
});

describe('time fields', () => {
  it('keeps null in a time held by value (core Event eventTime) and drops it from a pointer (Lease renewTime)', () => {
    expect(stored('', 'Event', { metadata: { name: 'e' }, eventTime: null, reason: 'Started' })).toEqual({ metadata: { name: 'e' }, eventTime: null, reason: 'Started' });
    expect(stored('coordination.k8s.io', 'Lease', { metadata: { name: 'l' }, spec: { renewTime: null, holderIdentity: '' } })).toEqual({ metadata: { name: 'l' }, spec: { holderIdentity: '' } });
  });
});
