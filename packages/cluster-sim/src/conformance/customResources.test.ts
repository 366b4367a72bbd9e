import { CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { connectTestCluster, statusOf, TestCluster } from './__testUtils__/testCluster';

const group = 'example.test';
const version = 'v1alpha1';
const plural = 'widgets';

describe('conformance: custom resources (widgets.example.test)', () => {
  let cluster: TestCluster;
  let custom: CustomObjectsApi;
  const widget = (name: string, size: unknown) => ({ apiVersion: `${group}/${version}`, kind: 'Widget', metadata: { name }, spec: { size } });
  const target = (name: string) => ({ group, version, plural, namespace: cluster.namespace, name });

  beforeAll(async () => {
    cluster = await connectTestCluster();
    custom = cluster.kc.makeApiClient(CustomObjectsApi);
  });
  afterAll(() => cluster.close());

  it('creates with generation 1 and applies schema defaults', async () => {
    const created: any = await custom.createNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, body: widget('w1', 3) });
    expect(created.metadata.generation).toBe(1);
    expect(created.spec.color).toBe('blue');
  });

  it.each([
    ['a negative size', -1, 'spec.size', 'FieldValueInvalid'],
    ['a string size', 'big', 'spec.size', 'FieldValueTypeInvalid'],
  ])('rejects %s with 422 and a field cause', async (_label, size, field, reason) => {
    const { code, body } = await statusOf(
      custom.createNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, body: widget(`bad-${typeof size}`, size) }),
    );
    expect(code).toBe(422);
    expect(body.reason).toBe('Invalid');
    expect(body.details.causes).toEqual(expect.arrayContaining([expect.objectContaining({ field, reason })]));
  });

  it('rejects a missing required field with FieldValueRequired', async () => {
    const { code, body } = await statusOf(
      custom.createNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, body: { ...widget('nosize', 1), spec: {} } }),
    );
    expect(code).toBe(422);
    expect(body.details.causes[0]).toMatchObject({ field: 'spec.size', reason: 'FieldValueRequired' });
  });

  it('prunes fields the schema does not declare', async () => {
    const created: any = await custom.createNamespacedCustomObject({
      group, version, plural, namespace: cluster.namespace,
      body: { ...widget('pruned', 1), spec: { size: 1, unknownField: 'x' } },
    });
    expect(created.spec.unknownField).toBeUndefined();
  });

  it('ignores status on the main resource and spec on /status; only spec changes move generation', async () => {
    await custom.createNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, body: widget('sub', 1) });
    const afterStatus: any = await custom.patchNamespacedCustomObjectStatus(
      { ...target('sub'), body: { status: { phase: 'Ready' }, spec: { size: 99 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(afterStatus.status.phase).toBe('Ready');
    expect(afterStatus.spec.size).toBe(1);
    expect(afterStatus.metadata.generation).toBe(1);
    const afterMain: any = await custom.patchNamespacedCustomObject(
      { ...target('sub'), body: { status: { phase: 'Hacked' }, spec: { size: 2 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(afterMain.status.phase).toBe('Ready');
    expect(afterMain.spec.size).toBe(2);
    expect(afterMain.metadata.generation).toBe(2);
  });

  it('applies a JSON patch to /status', async () => {
    await custom.createNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, body: widget('jp', 1) });
    const patched: any = await custom.patchNamespacedCustomObjectStatus(
      { ...target('jp'), body: [{ op: 'add', path: '/status', value: { phase: 'Patched' } }] },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(patched.status.phase).toBe('Patched');
  });

  it('fails a JSON patch whose test operation does not hold with 422', async () => {
    await custom.createNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, body: widget('jptest', 1) });
    const { code } = await statusOf(
      custom.patchNamespacedCustomObject(
        { ...target('jptest'), body: [{ op: 'test', path: '/spec/size', value: 5 }, { op: 'replace', path: '/spec/size', value: 6 }] },
        setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
      ),
    );
    expect(code).toBe(422);
  });

  it('rejects strategic merge patch on custom resources with 415', async () => {
    await custom.createNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, body: widget('smp', 1) });
    const { code } = await statusOf(
      custom.patchNamespacedCustomObject({ ...target('smp'), body: { spec: { size: 2 } } }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch)),
    );
    expect(code).toBe(415);
  });

  it('server-side applies status with a field manager and records subresource status in managedFields', async () => {
    await custom.createNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, body: widget('ssa', 1) });
    const applied: any = await custom.patchNamespacedCustomObjectStatus(
      {
        ...target('ssa'),
        body: { apiVersion: `${group}/${version}`, kind: 'Widget', metadata: { name: 'ssa' }, status: { phase: 'Applied' } },
        fieldManager: 'ts-controller',
        force: true,
      },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    expect(applied.status.phase).toBe('Applied');
    expect(applied.metadata.managedFields).toEqual(
      expect.arrayContaining([expect.objectContaining({ manager: 'ts-controller', operation: 'Apply', subresource: 'status' })]),
    );
  });

  it('creates with server-side apply and reports a conflict with another manager unless forced', async () => {
    const body = (size: number) => ({ apiVersion: `${group}/${version}`, kind: 'Widget', metadata: { name: 'ssa2' }, spec: { size } });
    await custom.patchNamespacedCustomObject(
      { ...target('ssa2'), body: body(1), fieldManager: 'first' },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    const { code, body: status } = await statusOf(
      custom.patchNamespacedCustomObject({ ...target('ssa2'), body: body(2), fieldManager: 'second' }, setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply)),
    );
    expect(code).toBe(409);
    expect(status.details.causes[0]).toMatchObject({ reason: 'FieldManagerConflict', field: '.spec.size' });
    const forced: any = await custom.patchNamespacedCustomObject(
      { ...target('ssa2'), body: body(2), fieldManager: 'second', force: true },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    expect(forced.spec.size).toBe(2);
  });

  it('lists with a label selector and pages with limit and continue', async () => {
    for (const i of [1, 2, 3]) {
      await custom.createNamespacedCustomObject({
        group, version, plural, namespace: cluster.namespace,
        body: { ...widget(`page-${i}`, i), metadata: { name: `page-${i}`, labels: { batch: 'paging' } } },
      });
    }
    const first: any = await custom.listNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, labelSelector: 'batch=paging', limit: 2 });
    expect(first.items.map((i: any) => i.metadata.name)).toEqual(['page-1', 'page-2']);
    expect(first.metadata.continue).toBeTruthy();
    const second: any = await custom.listNamespacedCustomObject({
      group, version, plural, namespace: cluster.namespace, labelSelector: 'batch=paging', limit: 2, _continue: first.metadata.continue,
    });
    expect(second.items.map((i: any) => i.metadata.name)).toEqual(['page-3']);
    expect(second.metadata.continue).toBeFalsy();
  });

  it('garbage-collects an object owned by a deleted widget', async () => {
    const owner: any = await custom.createNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, body: widget('owner', 1) });
    const { CoreV1Api } = jest.requireActual('@kubernetes/client-node');
    const core = cluster.kc.makeApiClient(CoreV1Api) as any;
    await core.createNamespacedConfigMap({
      namespace: cluster.namespace,
      body: {
        metadata: {
          name: 'owned',
          ownerReferences: [{ apiVersion: `${group}/${version}`, kind: 'Widget', name: 'owner', uid: owner.metadata.uid }],
        },
      },
    });
    await custom.deleteNamespacedCustomObject(target('owner'));
    const { waitFor } = jest.requireActual('./__testUtils__/testCluster');
    await waitFor(async () => (await statusOf(core.readNamespacedConfigMap({ namespace: cluster.namespace, name: 'owned' }))).code === 404, 60_000);
    expect((await statusOf(core.readNamespacedConfigMap({ namespace: cluster.namespace, name: 'owned' }))).code).toBe(404);
  });
});
