import { ResourceRegistry } from '../../registry/ResourceRegistry';
import { ObjectStore } from '../../store/ObjectStore';
import { KubeObject } from '../../types';
import { ResourceApi } from '../ResourceApi';

/**
 * A controller re-sending its desired object (without the server's defaults, with quantities as
 * it writes them) must change nothing: same resourceVersion, same generation.
 */
describe('no-op writes of built-in kinds', () => {
  function setup() {
    const api = new ResourceApi({ store: new ObjectStore({}), registry: new ResourceRegistry() });
    api.create(api.scope('', 'v1', 'namespaces'), { metadata: { name: 'demo' } });
    return api;
  }

  const statefulSet = (): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'phi-3', labels: { 'kaito.sh/workspace': 'phi-3' } },
    spec: {
      replicas: 1,
      serviceName: 'phi-3-headless',
      selector: { matchLabels: { 'kaito.sh/workspace': 'phi-3' } },
      template: {
        metadata: { labels: { 'kaito.sh/workspace': 'phi-3' } },
        spec: {
          containers: [
            {
              name: 'phi-3',
              image: 'mcr.microsoft.com/aks/kaito/kaito-phi-3-mini-4k-instruct:0.0.1',
              ports: [{ containerPort: 5000 }],
              resources: { limits: { 'nvidia.com/gpu': 1, memory: '16384Mi' }, requests: { 'nvidia.com/gpu': 1, cpu: '4000m' } },
              livenessProbe: { httpGet: { path: '/health', port: 5000 }, initialDelaySeconds: 600 },
              readinessProbe: { httpGet: { path: '/health', port: 5000 }, initialDelaySeconds: 30 },
              volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }],
            },
          ],
          tolerations: [{ key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
          volumes: [{ name: 'dshm', emptyDir: { medium: 'Memory' } }],
        },
      },
    },
  });

  it.each(['update', 'merge', 'strategic', 'apply'] as const)('leaves a StatefulSet alone when the same desired object is sent by %s', verb => {
    const api = setup();
    const scope = api.scope('apps', 'v1', 'statefulsets', 'demo');
    const created = api.create(scope, statefulSet(), { fieldManager: 'kaito' });
    expect(created.spec.template.spec.containers[0].resources.limits.memory).toBe('16Gi');
    const desired = statefulSet();
    const written =
      verb === 'update'
        ? api.update(scope, 'phi-3', { ...desired, metadata: { ...desired.metadata, resourceVersion: created.metadata.resourceVersion } }, { fieldManager: 'kaito' })
        : api.patch(scope, 'phi-3', verb, verb === 'apply' ? desired : { spec: desired.spec }, { fieldManager: 'kaito', force: true });
    expect(written.metadata.generation).toBe(1);
    expect(written.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('bumps generation when something the client owns really changes', () => {
    const api = setup();
    const scope = api.scope('apps', 'v1', 'statefulsets', 'demo');
    api.create(scope, statefulSet());
    const changed = statefulSet();
    changed.spec.template.spec.containers[0].resources.limits.memory = '32Gi';
    const written = api.patch(scope, 'phi-3', 'merge', { spec: changed.spec });
    expect(written.metadata.generation).toBe(2);
  });

  it('keeps a Service its cluster IP when an update leaves it out', () => {
    const api = setup();
    const scope = api.scope('', 'v1', 'services', 'demo');
    const body = { metadata: { name: 'phi-3' }, spec: { selector: { app: 'phi-3' }, ports: [{ name: 'http', port: 80, targetPort: 5000 }] } };
    const created = api.create(scope, body);
    const updated = api.update(scope, 'phi-3', body);
    expect(updated.spec.clusterIP).toBe(created.spec.clusterIP);
    expect(updated.spec.clusterIPs).toEqual(created.spec.clusterIPs);
    expect(updated.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });
});
