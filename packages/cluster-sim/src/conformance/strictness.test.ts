import { CoordinationV1Api, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { requestWithKubeConfig } from '../__testUtils__/requestWithKubeConfig';
import { connectTestCluster, statusOf, TestCluster } from './__testUtils__/testCluster';

/**
 * Where a naive server is more lenient than kube-apiserver v1.32 (kube-apiserver-behaviour.md,
 * "Checked again on 2026-12-01"): time formats, quantities, update and apply preconditions,
 * deletion held by finalizers, and kinds that are not installed.
 */
describe('conformance: the strictness of a real API server', () => {
  let cluster: TestCluster;
  let core: CoreV1Api;
  const raw = (method: string, path: string, body?: unknown, contentType?: string) =>
    requestWithKubeConfig(cluster.kc, method, path, body, contentType).then(r => ({ status: r.status, body: JSON.parse(r.text) }));
  const leasePath = (name = '') => `/apis/coordination.k8s.io/v1/namespaces/${cluster.namespace}/leases${name ? `/${name}` : ''}`;
  const lease = (name: string, renewTime: string) => ({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name },
    spec: { holderIdentity: 'me', leaseDurationSeconds: 15, renewTime },
  });

  beforeAll(async () => {
    cluster = await connectTestCluster();
    core = cluster.kc.makeApiClient(CoreV1Api);
  });
  afterAll(() => cluster.close());

  describe('MicroTime', () => {
    it('refuses a Lease renewTime with three fractional digits with 400 BadRequest and the decoder message', async () => {
      const { status, body } = await raw('POST', leasePath(), lease('three-digits', '2026-12-01T08:05:13.473Z'));
      expect(status).toBe(400);
      expect(body).toMatchObject({
        kind: 'Status',
        reason: 'BadRequest',
        code: 400,
        message:
          'Lease in version "v1" cannot be handled as a Lease: parsing time "2026-12-01T08:05:13.473Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".473Z" as ".000000"',
      });
    });

    it('accepts six fractional digits and returns them', async () => {
      const { status, body } = await raw('POST', leasePath(), lease('six-digits', '2026-12-01T08:05:13.473000Z'));
      expect(status).toBe(201);
      expect(body.spec.renewTime).toBe('2026-12-01T08:05:13.473000Z');
    });
  });

  it('writes a Time with fractions back in whole seconds', async () => {
    const created = await raw('POST', `/api/v1/namespaces/${cluster.namespace}/events`, {
      metadata: { name: 'time-precision' },
      involvedObject: { kind: 'ConfigMap', name: 'x', namespace: cluster.namespace },
      reason: 'Tested',
      message: 'm',
      type: 'Normal',
      firstTimestamp: '2026-12-01T08:05:13.473Z',
      lastTimestamp: '2026-12-01T09:05:13+01:00',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ firstTimestamp: '2026-12-01T08:05:13Z', lastTimestamp: '2026-12-01T08:05:13Z' });
  });

  describe('quantities', () => {
    const pod = (name: string, resources: unknown) => ({
      metadata: { name },
      spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources }] },
    });

    it('writes them back in canonical form', async () => {
      const { status, body } = await raw(
        'POST',
        `/api/v1/namespaces/${cluster.namespace}/pods`,
        pod('canonical', { limits: { cpu: '1000m', memory: '1024Mi' }, requests: { cpu: '0.5', memory: '2048Ki' } }),
      );
      expect(status).toBe(201);
      expect(body.spec.containers[0].resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '2Mi' } });
    });

    it('refuses a malformed one with 400', async () => {
      const { status, body } = await raw('POST', `/api/v1/namespaces/${cluster.namespace}/pods`, pod('malformed', { limits: { memory: '1 Gi' } }));
      expect(status).toBe(400);
      expect(body.message).toContain("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    });
  });

  it('refuses a PUT of a custom resource without resourceVersion with 422', async () => {
    const custom = cluster.kc.makeApiClient(CustomObjectsApi);
    const target = { group: 'example.test', version: 'v1alpha1', plural: 'widgets', namespace: cluster.namespace };
    await custom.createNamespacedCustomObject({ ...target, body: { apiVersion: 'example.test/v1alpha1', kind: 'Widget', metadata: { name: 'unconditional' }, spec: { size: 1 } } });
    const { status, body } = await raw('PUT', `/apis/example.test/v1alpha1/namespaces/${cluster.namespace}/widgets/unconditional`, {
      apiVersion: 'example.test/v1alpha1',
      kind: 'Widget',
      metadata: { name: 'unconditional' },
      spec: { size: 2 },
    });
    expect(status).toBe(422);
    expect(body.reason).toBe('Invalid');
    expect(body.message).toBe('Widget.example.test "unconditional" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
  });

  it('refuses a Lease update without resourceVersion, and allows one for a ConfigMap', async () => {
    await raw('POST', leasePath(), lease('unconditional', '2026-12-01T08:05:13.000000Z'));
    const refused = await raw('PUT', leasePath('unconditional'), lease('unconditional', '2026-12-01T08:05:14.000000Z'));
    expect(refused.status).toBe(422);
    await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'unconditional' }, data: { a: '1' } } });
    const allowed = await raw('PUT', `/api/v1/namespaces/${cluster.namespace}/configmaps/unconditional`, { metadata: { name: 'unconditional' }, data: { a: '2' } });
    expect(allowed.status).toBe(200);
  });

  it('refuses server-side apply without fieldManager with 422 Invalid and a cause', async () => {
    const { status, body } = await raw(
      'PATCH',
      `/api/v1/namespaces/${cluster.namespace}/configmaps/applied`,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' }, data: { a: '1' } },
      'application/apply-patch+yaml',
    );
    expect(status).toBe(422);
    expect(body).toMatchObject({
      reason: 'Invalid',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      details: { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', field: 'fieldManager' }] },
    });
  });

  it('refuses force on a patch that is not an apply with 422', async () => {
    await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'forced' } } });
    const { status, body } = await raw(
      'PATCH',
      `/api/v1/namespaces/${cluster.namespace}/configmaps/forced?force=true`,
      { data: { a: '1' } },
      'application/merge-patch+json',
    );
    expect(status).toBe(422);
    expect(body.message).toBe('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  });

  it('answers a DELETE held by a finalizer with 200 and the object, now carrying deletionTimestamp', async () => {
    await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'held', finalizers: ['example.test/hold'] } } });
    const { status, body } = await raw('DELETE', `/api/v1/namespaces/${cluster.namespace}/configmaps/held`);
    expect(status).toBe(200);
    expect(body.kind).toBe('ConfigMap');
    expect(body.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await core.patchNamespacedConfigMap({ namespace: cluster.namespace, name: 'held', body: [{ op: 'remove', path: '/metadata/finalizers' }] });
  });

  it('answers the immediate DELETE of a ConfigMap with a Success Status, and of a Service with the object', async () => {
    await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'gone' } } });
    const configMap = await raw('DELETE', `/api/v1/namespaces/${cluster.namespace}/configmaps/gone`);
    expect(configMap.status).toBe(200);
    expect(configMap.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'gone', kind: 'configmaps' } });
    await core.createNamespacedService({ namespace: cluster.namespace, body: { metadata: { name: 'gone' }, spec: { ports: [{ port: 80 }] } } });
    const service = await raw('DELETE', `/api/v1/namespaces/${cluster.namespace}/services/gone`);
    expect(service.status).toBe(200);
    expect(service.body).toMatchObject({ kind: 'Service', metadata: { name: 'gone' } });
  });

  it('answers a list and a watch of a kind that is not installed with 404', async () => {
    expect((await raw('GET', '/apis/karpenter.sh/v1/nodepools')).status).toBe(404);
    expect((await raw('GET', '/apis/karpenter.sh/v1/nodepools?watch=true')).status).toBe(404);
  });

  it('checks the names and labels of custom resources as of any object', async () => {
    const custom = cluster.kc.makeApiClient(CustomObjectsApi);
    const target = { group: 'example.test', version: 'v1alpha1', plural: 'widgets', namespace: cluster.namespace };
    const widget = (name: string, labels: Record<string, string>) => ({ apiVersion: 'example.test/v1alpha1', kind: 'Widget', metadata: { name, labels }, spec: { size: 1 } });
    const badName = await statusOf(custom.createNamespacedCustomObject({ ...target, body: widget('Bad_Name', {}) }));
    expect(badName.code).toBe(422);
    expect(badName.body.details.causes).toEqual([expect.objectContaining({ field: 'metadata.name', reason: 'FieldValueInvalid' })]);
    const badLabel = await statusOf(custom.createNamespacedCustomObject({ ...target, body: widget('labelled', { 'backstage.kaito.sh/owner': 'group:default/team-a' }) }));
    expect(badLabel.code).toBe(422);
    expect(badLabel.body.details.causes).toEqual([
      expect.objectContaining({ field: 'metadata.labels', message: expect.stringMatching(/^Invalid value: "group:default\/team-a": a valid label must be an empty string/) }),
    ]);
  });

  it('refuses an invalid object name with 422 and the RFC 1123 message', async () => {
    const { code, body } = await statusOf(
      cluster.kc.makeApiClient(CoordinationV1Api).createNamespacedLease({ namespace: cluster.namespace, body: { metadata: { name: 'Foo' }, spec: {} } }),
    );
    expect(code).toBe(422);
    expect(body.details.causes[0]).toMatchObject({ field: 'metadata.name', reason: 'FieldValueInvalid' });
    expect(body.details.causes[0].message).toMatch(/^Invalid value: "Foo": a lowercase RFC 1123 subdomain must consist of/);
  });
});
