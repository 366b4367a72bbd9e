import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { connectTestCluster, statusOf, TestCluster } from './__testUtils__/testCluster';

describe('conformance: create, get, update, delete', () => {
  let cluster: TestCluster;
  let core: CoreV1Api;

  beforeAll(async () => {
    cluster = await connectTestCluster();
    core = cluster.kc.makeApiClient(CoreV1Api);
  });
  afterAll(() => cluster.close());

  it('assigns uid, creationTimestamp (RFC 3339, seconds) and a string resourceVersion on create', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: cluster.namespace,
      body: { metadata: { name: 'meta' }, data: { a: '1' } },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof created.metadata?.resourceVersion).toBe('string');
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
  });

  it('returns 409 AlreadyExists when the name is taken', async () => {
    await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'dup' } } });
    const { code, body } = await statusOf(core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'dup' } } }));
    expect(code).toBe(409);
    expect(body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'AlreadyExists', code: 409, details: { name: 'dup', kind: 'configmaps' } });
  });

  it('makes a name from generateName', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { generateName: 'gen-' } } });
    expect(created.metadata?.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('returns 404 NotFound with a Status body for a missing object', async () => {
    const { code, body } = await statusOf(core.readNamespacedConfigMap({ namespace: cluster.namespace, name: 'missing' }));
    expect(code).toBe(404);
    expect(body).toMatchObject({ reason: 'NotFound', message: 'configmaps "missing" not found' });
  });

  it('rejects an update with a stale resourceVersion with 409 Conflict', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'occ' }, data: { v: '1' } } });
    await core.replaceNamespacedConfigMap({ namespace: cluster.namespace, name: 'occ', body: { ...created, data: { v: '2' } } });
    const { code, body } = await statusOf(
      core.replaceNamespacedConfigMap({ namespace: cluster.namespace, name: 'occ', body: { ...created, data: { v: '3' } } }),
    );
    expect(code).toBe(409);
    expect(body.reason).toBe('Conflict');
  });

  it('does not change the resourceVersion on a no-op update', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'noop' }, data: { v: '1' } } });
    const updated = await core.replaceNamespacedConfigMap({ namespace: cluster.namespace, name: 'noop', body: created });
    expect(updated.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
  });

  it('rejects an invalid name with 422 and a field cause', async () => {
    const { code, body } = await statusOf(core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'Bad_Name' } } }));
    expect(code).toBe(422);
    expect(body.reason).toBe('Invalid');
    expect(body.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
  });

  it('rejects a label value with a colon with 422', async () => {
    const { code, body } = await statusOf(
      core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'lbl', labels: { owner: 'group:default/team-a' } } } }),
    );
    expect(code).toBe(422);
    expect(body.details.causes[0].field).toBe('metadata.labels');
  });

  it('rejects a create in a namespace that does not exist with 404', async () => {
    const { code } = await statusOf(core.createNamespacedConfigMap({ namespace: 'does-not-exist-ns', body: { metadata: { name: 'x' } } }));
    expect(code).toBe(404);
  });

  it('deletes an object without finalizers at once', async () => {
    await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'gone' } } });
    await core.deleteNamespacedConfigMap({ namespace: cluster.namespace, name: 'gone' });
    const { code } = await statusOf(core.readNamespacedConfigMap({ namespace: cluster.namespace, name: 'gone' }));
    expect(code).toBe(404);
  });

  it('keeps an object with a finalizer, sets deletionTimestamp, and removes it when the finalizer goes', async () => {
    await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'fin', finalizers: ['example.test/hold'] } } });
    await core.deleteNamespacedConfigMap({ namespace: cluster.namespace, name: 'fin' });
    const held = await core.readNamespacedConfigMap({ namespace: cluster.namespace, name: 'fin' });
    expect(held.metadata?.deletionTimestamp).toBeDefined();
    await core.replaceNamespacedConfigMap({
      namespace: cluster.namespace,
      name: 'fin',
      body: { ...held, metadata: { ...held.metadata, finalizers: [] } },
    });
    const { code } = await statusOf(core.readNamespacedConfigMap({ namespace: cluster.namespace, name: 'fin' }));
    expect(code).toBe(404);
  });

  it('answers 401 without the bearer token', async () => {
    const anonymous = new KubeConfig();
    anonymous.loadFromClusterAndUser(cluster.kc.getCurrentCluster()!, { name: 'anon' });
    const { code } = await statusOf(anonymous.makeApiClient(CoreV1Api).listNamespace());
    expect(code).toBe(401);
  });
});
