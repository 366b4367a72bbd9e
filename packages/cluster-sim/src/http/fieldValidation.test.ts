import { ClusterSimulator, startClusterSimulator } from '../ClusterSimulator';
import { widgetCrd } from '../crds/widgetCrd';

describe('server-side field validation (fieldValidation=Strict|Warn|Ignore)', () => {
  let sim: ClusterSimulator;
  const send = (method: string, path: string, body: unknown, contentType = 'application/json') =>
    fetch(`${sim.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = async (path: string) => (await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${sim.token}` } })).json();

  beforeAll(async () => {
    sim = await startClusterSimulator({ tls: false, behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } } });
    sim.installCrds([widgetCrd]);
  });
  afterAll(() => sim.stop());

  const configMap = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' }, ...extra });
  const configMaps = '/api/v1/namespaces/default/configmaps';

  describe('on create', () => {
    it('refuses unknown fields with Strict as a 400 strict decoding error naming each', async () => {
      const res = await send('POST', `${configMaps}?fieldValidation=Strict`, configMap('strict', { dataa: {}, metadata: { name: 'strict', labelz: {} } }));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        reason: 'BadRequest',
        message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.labelz", unknown field "dataa"',
      });
      expect((await get(`${configMaps}/strict`)).code).toBe(404);
    });

    it('warns (the default) with one Warning: 299 header per field and drops them', async () => {
      const res = await send('POST', configMaps, configMap('warned', { dataa: {}, extra: 1 }));
      expect(res.status).toBe(201);
      expect(res.headers.get('warning')).toBe('299 - "unknown field \\"dataa\\"", 299 - "unknown field \\"extra\\""');
      const stored = await get(`${configMaps}/warned`);
      expect(stored.data).toEqual({ a: 'b' });
      expect(stored).not.toHaveProperty('dataa');
    });

    it('drops them silently with Ignore', async () => {
      const res = await send('POST', `${configMaps}?fieldValidation=Ignore`, configMap('ignored', { dataa: {} }));
      expect(res.status).toBe(201);
      expect(res.headers.get('warning')).toBeNull();
      expect(await get(`${configMaps}/ignored`)).not.toHaveProperty('dataa');
    });

    it('refuses duplicate fields with Strict and warns about them by default, keeping the last', async () => {
      const text = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup"},"data":{"a":"1","a":"2"},"extra":1}';
      const strict = await send('POST', `${configMaps}?fieldValidation=Strict`, text);
      expect(strict.status).toBe(400);
      expect((await strict.json()).message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data.a", unknown field "extra"');
      const warned = await send('POST', configMaps, text);
      expect(warned.status).toBe(201);
      expect(warned.headers.get('warning')).toBe('299 - "duplicate field \\"data.a\\"", 299 - "unknown field \\"extra\\""');
      expect((await warned.json()).data).toEqual({ a: '2' });
    });

    it('knows the fields of Kubernetes 1.32, not later ones: PodSpec.hostnameOverride (1.34) and Lifecycle.stopSignal (1.33) are unknown', async () => {
      const pod = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
      const container = { name: 'c', image: 'busybox', lifecycle: { stopSignal: 'SIGUSR1' } };
      const pods = '/api/v1/namespaces/default/pods';
      const res = await send('POST', `${pods}?fieldValidation=Strict`, pod('newer', { hostnameOverride: 'h', containers: [container] }));
      expect(res.status).toBe(400);
      expect((await res.json()).message).toBe(
        'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.hostnameOverride", unknown field "spec.containers[0].lifecycle.stopSignal"',
      );
      // 1.32's own alpha fields are known (pod-level resources arrived in 1.32).
      const current = await send('POST', `${pods}?fieldValidation=Strict`, pod('current', { resources: { limits: { cpu: '1' } }, containers: [{ name: 'c', image: 'busybox' }] }));
      expect(current.status).toBe(201);
    });

    it('refuses a directive it does not know, case-sensitively, as invalid options of the write (422)', async () => {
      const supported = 'supported values: "", "Ignore", "Strict", "Warn"';
      const created = await send('POST', `${configMaps}?fieldValidation=strict`, configMap('loose'));
      expect(created.status).toBe(422);
      expect(await created.json()).toMatchObject({
        reason: 'Invalid',
        message: `CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": ${supported}`,
        details: { group: 'meta.k8s.io', kind: 'CreateOptions', causes: [{ reason: 'FieldValueNotSupported', field: 'fieldValidation' }] },
      });
      const updated = await send('PUT', `${configMaps}/loose?fieldValidation=Loose`, configMap('loose'));
      expect((await updated.json()).message).toBe(`UpdateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Loose": ${supported}`);
      const patched = await send('PATCH', `${configMaps}/loose?fieldValidation=Loose&force=true`, {}, 'application/merge-patch+json');
      expect((await patched.json()).message).toBe(
        `PatchOptions.meta.k8s.io "" is invalid: [force: Forbidden: may not be specified for non-apply patch, fieldValidation: Unsupported value: "Loose": ${supported}]`,
      );
      expect((await get(`${configMaps}/loose`)).code).toBe(404);
    });

    it('refuses unknown fields of a custom resource with Strict instead of pruning them', async () => {
      const widget = { apiVersion: 'example.test/v1alpha1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 1, shape: 'round' } };
      const res = await send('POST', '/apis/example.test/v1alpha1/namespaces/default/widgets?fieldValidation=Strict', widget);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toBe('Widget in version "v1alpha1" cannot be handled as a Widget: strict decoding error: unknown field "spec.shape"');
      const pruned = await send('POST', '/apis/example.test/v1alpha1/namespaces/default/widgets', widget);
      expect(pruned.status).toBe(201);
      expect(pruned.headers.get('warning')).toBe('299 - "unknown field \\"spec.shape\\""');
      expect((await pruned.json()).spec).toEqual({ size: 1, color: 'blue' });
    });

    it('reports a custom resource’s unknown fields as its decoder does: ObjectMeta’s first, then the pruned ones sorted', async () => {
      const widget = { apiVersion: 'example.test/v1alpha1', kind: 'Widget', metadata: { name: 'w2', owner: 'x' }, spec: { zed: 1, size: 1, alpha: 2 }, extra: true };
      const res = await send('POST', '/apis/example.test/v1alpha1/namespaces/default/widgets?fieldValidation=Strict', widget);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toBe(
        'Widget in version "v1alpha1" cannot be handled as a Widget: strict decoding error: unknown field "metadata.owner", unknown field "extra", unknown field "spec.alpha", unknown field "spec.zed"',
      );
    });
  });

  describe('on patch and update', () => {
    beforeAll(async () => {
      await send('POST', configMaps, configMap('target'));
    });

    it('refuses an unknown field in a strategic merge patch as an invalid patch (422), ignoring directives', async () => {
      const res = await send('PATCH', `${configMaps}/target?fieldValidation=Strict`, { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] }, data: { c: 'd' }, foo: 1 }, 'application/strategic-merge-patch+json');
      expect(res.status).toBe(422);
      expect((await res.json()).message).toBe(' "" is invalid: patch: Invalid value: "map[data:map[c:d] foo:1 metadata:map[$deleteFromPrimitiveList/finalizers:[x]]]": strict decoding error: unknown field "foo"');
      const ok = await send('PATCH', `${configMaps}/target?fieldValidation=Strict`, { data: { c: 'd', gone: null } }, 'application/merge-patch+json');
      expect(ok.status).toBe(200);
    });

    it('refuses server-side apply of an undeclared field whatever the directive, as its typed conversion does (a 500 in 1.32)', async () => {
      for (const directive of ['Strict', 'Warn', 'Ignore']) {
        const body = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: target, namespace: default}\nfoo: 1\n';
        const res = await send('PATCH', `${configMaps}/target?fieldManager=me&fieldValidation=${directive}`, body, 'application/apply-patch+yaml');
        expect(res.status).toBe(500);
        expect((await res.json()).message).toBe('failed to create typed patch object (default/target; /v1, Kind=ConfigMap): .foo: field not declared in schema');
      }
      const two = await send('PATCH', `${configMaps}/target?fieldManager=me`, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: target, labelz: {}}\nfoo: 1\n', 'application/apply-patch+yaml');
      expect((await two.json()).message).toBe(
        'failed to create typed patch object (/target; /v1, Kind=ConfigMap): errors:\n  .metadata.labelz: field not declared in schema\n  .foo: field not declared in schema',
      );
      expect(await get(`${configMaps}/target`)).not.toHaveProperty('foo');
    });

    it('names list items in server-side apply refusals as structured-merge-diff does: by key in keyed lists, by index in atomic ones', async () => {
      const apply = (path: string, body: string) => send('PATCH', `${path}?fieldManager=me`, body, 'application/apply-patch+yaml');
      const pod = [
        'apiVersion: v1', 'kind: Pod', 'metadata: {name: p, namespace: default}',
        'spec:', '  containers: [{name: a, image: i}, {name: b, image: i, imagee: x}]', '  tolerations: [{key: k, operatorr: Exists}]',
      ].join('\n');
      expect((await (await apply('/api/v1/namespaces/default/pods/p', pod)).json()).message).toBe(
        'failed to create typed patch object (default/p; /v1, Kind=Pod): errors:\n  .spec.containers[name="b"].imagee: field not declared in schema\n  .spec.tolerations[0].operatorr: field not declared in schema',
      );
      const widget = 'apiVersion: example.test/v1alpha1\nkind: Widget\nmetadata: {name: w3, namespace: default}\nspec: {size: 1}\nstatus: {conditions: [{type: Ready, status: "True", when: now}]}\n';
      expect((await (await apply('/apis/example.test/v1alpha1/namespaces/default/widgets/w3', widget)).json()).message).toBe(
        'failed to create typed patch object (default/w3; example.test/v1alpha1, Kind=Widget): .status.conditions[type="Ready"].when: field not declared in schema',
      );
    });

    it('refuses an unknown field on update with Strict', async () => {
      const current = await get(`${configMaps}/target`);
      const res = await send('PUT', `${configMaps}/target?fieldValidation=Strict`, { ...current, spec: {} });
      expect(res.status).toBe(400);
      expect((await res.json()).message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"');
    });
  });
});
