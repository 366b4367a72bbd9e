import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { connectTestCluster, TestCluster, waitFor } from './__testUtils__/testCluster';

interface Seen {
  type: string;
  object: any;
}

describe('conformance: watch', () => {
  let cluster: TestCluster;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;
  const group = 'example.test';
  const version = 'v1alpha1';

  beforeAll(async () => {
    cluster = await connectTestCluster();
    core = cluster.kc.makeApiClient(CoreV1Api);
    custom = cluster.kc.makeApiClient(CustomObjectsApi);
  });
  afterAll(() => cluster.close());

  async function watch(path: string, params: Record<string, string | number | boolean | undefined>) {
    const seen: Seen[] = [];
    let ended = false;
    const controller = await new Watch(cluster.kc).watch(
      path,
      params,
      (type, object) => seen.push({ type, object }),
      () => {
        ended = true;
      },
    );
    return { seen, ended: () => ended, stop: () => controller.abort() };
  }

  it('delivers ADDED, MODIFIED (status), MODIFIED (spec, generation 2), DELETED and a BOOKMARK from a list resourceVersion', async () => {
    const path = `/apis/${group}/${version}/namespaces/${cluster.namespace}/widgets`;
    const list: any = await custom.listNamespacedCustomObject({ group, version, plural: 'widgets', namespace: cluster.namespace });
    const w = await watch(path, { resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true });
    const target = { group, version, plural: 'widgets', namespace: cluster.namespace, name: 'seq' };
    await custom.createNamespacedCustomObject({ ...target, body: { apiVersion: `${group}/${version}`, kind: 'Widget', metadata: { name: 'seq' }, spec: { size: 1 } } });
    await custom.patchNamespacedCustomObjectStatus({ ...target, body: { status: { phase: 'Ready' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await custom.patchNamespacedCustomObject({ ...target, body: { spec: { size: 2 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await custom.deleteNamespacedCustomObject(target);
    await waitFor(() => w.seen.some(e => e.type === 'BOOKMARK') && w.seen.some(e => e.type === 'DELETED'));
    w.stop();
    const events = w.seen.filter(e => e.type !== 'BOOKMARK').map(e => [e.type, e.object.metadata.generation, e.object.status?.phase ?? null]);
    expect(events).toEqual([
      ['ADDED', 1, null],
      ['MODIFIED', 1, 'Ready'],
      ['MODIFIED', 2, 'Ready'],
      ['DELETED', 2, 'Ready'],
    ]);
    const versions = w.seen.filter(e => e.type !== 'BOOKMARK').map(e => Number(e.object.metadata.resourceVersion));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('filters by label selector and reports objects leaving the selection as DELETED', async () => {
    const w = await watch(`/api/v1/namespaces/${cluster.namespace}/configmaps`, { labelSelector: 'watched=yes' });
    await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'sel', labels: { watched: 'yes' } } } });
    await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'other', labels: { watched: 'no' } } } });
    await core.patchNamespacedConfigMap(
      { namespace: cluster.namespace, name: 'sel', body: { metadata: { labels: { watched: 'no' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await waitFor(() => w.seen.length >= 2);
    w.stop();
    expect(w.seen.map(e => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'sel'],
      ['DELETED', 'sel'],
    ]);
  });

  it('ends a watch at timeoutSeconds', async () => {
    const w = await watch(`/api/v1/namespaces/${cluster.namespace}/configmaps`, { timeoutSeconds: 1, resourceVersion: '0' });
    await waitFor(() => w.ended(), 10_000);
    expect(w.ended()).toBe(true);
  });

  it('starts with synthetic ADDED events for existing objects when no resourceVersion is given', async () => {
    await core.createNamespacedConfigMap({ namespace: cluster.namespace, body: { metadata: { name: 'existing', labels: { initial: 'yes' } } } });
    const w = await watch(`/api/v1/namespaces/${cluster.namespace}/configmaps`, { labelSelector: 'initial=yes' });
    await waitFor(() => w.seen.length >= 1);
    w.stop();
    expect(w.seen[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'existing' } } });
  });
});
