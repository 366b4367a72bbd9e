import { ApiError } from '../../errors';
import { ResourceRegistry } from '../../registry/ResourceRegistry';
import { ObjectStore } from '../../store/ObjectStore';
import { ResourceApi } from '../ResourceApi';

function setup() {
  const api = new ResourceApi({ store: new ObjectStore({}), registry: new ResourceRegistry() });
  api.create(api.scope('', 'v1', 'namespaces'), { metadata: { name: 'demo' } });
  return api;
}

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the write to be refused');
}

const statefulSet = {
  metadata: { name: 'phi-3' },
  spec: {
    serviceName: 'phi-3-headless',
    selector: { matchLabels: { app: 'phi-3' } },
    template: { metadata: { labels: { app: 'phi-3' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }],
  },
};

describe('fields an update may not change', () => {
  it('lets a StatefulSet change replicas and its template but not its claim templates or service name', () => {
    const api = setup();
    const scope = api.scope('apps', 'v1', 'statefulsets', 'demo');
    api.create(scope, statefulSet);
    const scaled = api.patch(scope, 'phi-3', 'merge', { spec: { replicas: 3, template: { spec: { containers: [{ name: 'c', image: 'x:2' }] } } } });
    expect(scaled.spec.replicas).toBe(3);
    for (const patch of [{ spec: { serviceName: 'other' } }, { spec: { volumeClaimTemplates: [] } }]) {
      const error = refusal(() => api.patch(scope, 'phi-3', 'merge', patch));
      expect(error.code).toBe(422);
      expect(error.message).toBe(
        "StatefulSet.apps \"phi-3\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      );
    }
  });

  it('keeps a Deployment selector and a Service cluster IP fixed', () => {
    const api = setup();
    const deployments = api.scope('apps', 'v1', 'deployments', 'demo');
    api.create(deployments, { ...statefulSet, metadata: { name: 'd' }, spec: { selector: statefulSet.spec.selector, template: statefulSet.spec.template } });
    const selector = refusal(() =>
      api.patch(deployments, 'd', 'merge', { spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } } } } }),
    );
    expect(selector.details?.causes).toEqual([expect.objectContaining({ field: 'spec.selector', message: expect.stringMatching(/field is immutable$/) })]);

    const services = api.scope('', 'v1', 'services', 'demo');
    api.create(services, { metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } });
    const ip = refusal(() => api.patch(services, 's', 'merge', { spec: { clusterIP: '10.0.9.9' } }));
    expect(ip.details?.causes?.[0]).toMatchObject({ field: 'spec.clusterIPs[0]', message: expect.stringMatching(/may not change once set$/) });
  });

  it('refuses a change to the data of an immutable ConfigMap', () => {
    const api = setup();
    const scope = api.scope('', 'v1', 'configmaps', 'demo');
    api.create(scope, { metadata: { name: 'frozen' }, immutable: true, data: { a: '1' } });
    const error = refusal(() => api.patch(scope, 'frozen', 'merge', { data: { a: '2' } }));
    expect(error.details?.causes).toEqual([{ reason: 'FieldValueForbidden', message: 'Forbidden: field is immutable when `immutable` is set', field: 'data' }]);
  });
});
