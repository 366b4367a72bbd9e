import { ClusterSimulator, startClusterSimulator } from '../ClusterSimulator';
import { widgetCrd } from '../crds/widgetCrd';
import { KubeObject } from '../types';

/** A Widget-like CRD with a scale subresource and a free-form `spec.config`. */
const gadgetCrd: KubeObject = (() => {
  const crd = structuredClone(widgetCrd);
  crd.metadata.name = 'gadgets.example.test';
  crd.spec.names = { kind: 'Gadget', listKind: 'GadgetList', plural: 'gadgets', singular: 'gadget' };
  const version = crd.spec.versions[0];
  version.subresources = { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } };
  const root = version.schema.openAPIV3Schema;
  root.properties.spec.properties.replicas = { type: 'integer' };
  root.properties.spec.properties.config = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  root.properties.status.properties.replicas = { type: 'integer' };
  return crd;
})();

describe('field validation of JSON, merge and strategic-merge patches (the patched object is decoded into its kind)', () => {
  let sim: ClusterSimulator;
  const encode = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));
  const request = (method: string, path: string, body?: unknown, contentType = 'application/json-patch+json') =>
    fetch(`${sim.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': contentType },
      body: body === undefined ? undefined : encode(body),
    });
  const get = async (path: string) => (await request('GET', path)).json();
  const configMap = '/api/v1/namespaces/default/configmaps/cm';
  const gadget = '/apis/example.test/v1alpha1/namespaces/default/gadgets/g';
  /** The message of a Strict patch refusal, as kube-apiserver words it (an invalid field `patch`). */
  const refusal = (value: string, problems: string) => ` "" is invalid: patch: Invalid value: ${JSON.stringify(value)}: strict decoding error: ${problems}`;

  beforeAll(async () => {
    sim = await startClusterSimulator({ tls: false, behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } } });
    sim.installCrds([gadgetCrd]);
  });
  afterAll(() => sim.stop());

  beforeEach(async () => {
    await request('DELETE', configMap);
    await request('DELETE', gadget);
    await request('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } }, 'application/json');
    const created = await request('POST', '/apis/example.test/v1alpha1/namespaces/default/gadgets', { apiVersion: 'example.test/v1alpha1', kind: 'Gadget', metadata: { name: 'g' }, spec: { size: 1, replicas: 1 } }, 'application/json');
    if (created.status !== 201) throw new Error(`could not create the gadget: ${await created.text()}`);
  });

  describe('a JSON patch', () => {
    it('that adds an unknown field is a 422 with Strict, naming the field and quoting the patched object; nothing is stored', async () => {
      const before = await get(configMap);
      const res = await request('PATCH', `${configMap}?fieldValidation=Strict`, [{ op: 'add', path: '/dataa', value: { c: 'd' } }]);
      expect(res.status).toBe(422);
      const status = await res.json();
      expect(status).toMatchObject({ reason: 'Invalid', code: 422 });
      expect(status.message).toMatch(/^ "" is invalid: patch: Invalid value: ".*": strict decoding error: unknown field "dataa"$/);
      expect(status.details.causes).toEqual([{ reason: 'FieldValueInvalid', field: 'patch', message: expect.stringMatching(/^Invalid value: .*"dataa\\":.*: strict decoding error: unknown field "dataa"$/) }]);
      expect(await get(configMap)).toEqual(before);
    });

    it('warns by default (one Warning header per field) and drops the field', async () => {
      const res = await request('PATCH', configMap, [{ op: 'add', path: '/dataa', value: {} }, { op: 'add', path: '/metadata/labelz', value: null }, { op: 'add', path: '/data/c', value: 'd' }]);
      expect(res.status).toBe(200);
      expect(res.headers.get('warning')).toBe('299 - "unknown field \\"dataa\\"", 299 - "unknown field \\"metadata.labelz\\""');
      const stored = await get(configMap);
      expect(stored.data).toEqual({ a: 'b', c: 'd' });
      expect(stored).not.toHaveProperty('dataa');
      expect(stored.metadata).not.toHaveProperty('labelz');
    });

    it('drops it silently with Ignore', async () => {
      const res = await request('PATCH', `${configMap}?fieldValidation=Ignore`, [{ op: 'add', path: '/dataa', value: {} }]);
      expect(res.status).toBe(200);
      expect(res.headers.get('warning')).toBeNull();
      expect(await get(configMap)).not.toHaveProperty('dataa');
    });

    it('refuses operation keys other than op, path, from and value, and duplicate keys, with Strict (warns with Warn)', async () => {
      const text = '[{"op":"add","path":"/data/c","value":"d","valeu":"e"},{"op":"add","path":"/data/e","value":"f","value":"g"}]';
      const res = await request('PATCH', `${configMap}?fieldValidation=Strict`, text);
      expect(res.status).toBe(422);
      expect((await res.json()).message).toMatch(/strict decoding error: json patch duplicate field "\[1\]\.value", json patch unknown field "\[0\]\.valeu"$/);
      const warned = await request('PATCH', configMap, text);
      expect(warned.status).toBe(200);
      expect(warned.headers.get('warning')).toBe('299 - "json patch duplicate field \\"[1].value\\"", 299 - "json patch unknown field \\"[0].valeu\\""');
      expect((await warned.json()).data).toEqual({ a: 'b', c: 'd', e: 'g' });
    });

    it('of more than 10000 operations is refused (413) before it is applied', async () => {
      const operations = (count: number) => Array.from({ length: count }, () => ({ op: 'test', path: '/kind', value: 'ConfigMap' }));
      const tooMany = await request('PATCH', configMap, operations(10_001));
      expect(tooMany.status).toBe(413);
      expect(await tooMany.json()).toMatchObject({
        reason: 'RequestEntityTooLarge',
        message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
      });
      expect((await request('PATCH', configMap, operations(10_000))).status).toBe(200);
    });

    it('that replaces a field with a known one passes Strict', async () => {
      const res = await request('PATCH', `${configMap}?fieldValidation=Strict`, [{ op: 'replace', path: '/data', value: { x: 'y' } }]);
      expect(res.status).toBe(200);
      expect((await res.json()).data).toEqual({ x: 'y' });
    });

    it('of a built-in kind knows Kubernetes 1.32 fields only: PodSpec.hostnameOverride (1.34) in a Deployment template is refused', async () => {
      const deployments = '/apis/apps/v1/namespaces/default/deployments';
      const template = { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
      const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { app: 'd' } }, template } };
      expect((await request('POST', deployments, deployment, 'application/json')).status).toBe(201);
      const res = await request('PATCH', `${deployments}/d?fieldValidation=Strict`, [{ op: 'add', path: '/spec/template/spec/hostnameOverride', value: 'h' }]);
      expect(res.status).toBe(422);
      expect((await res.json()).message).toMatch(/strict decoding error: unknown field "spec.template.spec.hostnameOverride"$/);
    });
  });

  describe('a merge patch', () => {
    it('is refused with the same 422 (quoting the patched object) with Strict, and warns by default', async () => {
      const res = await request('PATCH', `${configMap}?fieldValidation=Strict`, { data: { c: 'd' }, foo: 1 }, 'application/merge-patch+json');
      expect(res.status).toBe(422);
      const { message } = await res.json();
      const patched = JSON.parse(JSON.parse(/Invalid value: (".*"): strict/.exec(message)![1]));
      expect(patched).toMatchObject({ kind: 'ConfigMap', data: { a: 'b', c: 'd' }, foo: 1 });
      // Go's json-patch library works on maps, so the object it quotes lists its keys sorted.
      expect(Object.keys(patched)).toEqual(['apiVersion', 'data', 'foo', 'kind', 'metadata']);
      expect(message).toBe(refusal(JSON.stringify(patched), 'unknown field "foo"'));
      const warned = await request('PATCH', configMap, '{"data":{"c":"1","c":"2"},"foo":1}', 'application/merge-patch+json');
      expect(warned.status).toBe(200);
      expect(warned.headers.get('warning')).toBe('299 - "duplicate field \\"data.c\\"", 299 - "unknown field \\"foo\\""');
      expect(await get(configMap)).not.toHaveProperty('foo');
    });

    it('that deletes an unknown field (null) is no unknown field', async () => {
      const res = await request('PATCH', `${configMap}?fieldValidation=Strict`, { data: { c: 'd' }, gone: null }, 'application/merge-patch+json');
      expect(res.status).toBe(200);
    });
  });

  describe('a strategic merge patch', () => {
    it('is refused with a 422 that prints the patch as Go does (%+v), its directives applied first', async () => {
      const res = await request('PATCH', `${configMap}?fieldValidation=Strict`, { $patch: 'merge', data: { c: 'd' }, foo: 1 }, 'application/strategic-merge-patch+json');
      expect(res.status).toBe(422);
      expect((await res.json()).message).toBe(refusal('map[$patch:merge data:map[c:d] foo:1]', 'unknown field "foo"'));
    });
  });

  describe('of a custom resource (structural schema, pruning)', () => {
    it('refuses a field the schema does not declare with Strict, and prunes it with a warning by default', async () => {
      const strict = await request('PATCH', `${gadget}?fieldValidation=Strict`, [{ op: 'add', path: '/spec/shape', value: 'round' }]);
      expect(strict.status).toBe(422);
      expect((await strict.json()).message).toMatch(/strict decoding error: unknown field "spec.shape"$/);
      const warned = await request('PATCH', gadget, [{ op: 'add', path: '/spec/shape', value: 'round' }]);
      expect(warned.status).toBe(200);
      expect(warned.headers.get('warning')).toBe('299 - "unknown field \\"spec.shape\\""');
      expect((await get(gadget)).spec).toEqual({ size: 1, replicas: 1, color: 'blue' });
    });

    it('keeps anything under x-kubernetes-preserve-unknown-fields', async () => {
      const res = await request('PATCH', `${gadget}?fieldValidation=Strict`, [{ op: 'add', path: '/spec/config', value: { any: { thing: 1 } } }]);
      expect(res.status).toBe(200);
      expect((await get(gadget)).spec.config).toEqual({ any: { thing: 1 } });
    });

    it('checks a /status patch against the whole object', async () => {
      const path = `${gadget}/status?fieldValidation=Strict`;
      const refused = await request('PATCH', path, [{ op: 'add', path: '/status', value: { phase: 'Ready', phaze: 'x' } }]);
      expect(refused.status).toBe(422);
      expect((await refused.json()).message).toMatch(/strict decoding error: unknown field "status.phaze"$/);
      const merged = await request('PATCH', path, { status: { phase: 'Ready', phaze: 'x' } }, 'application/merge-patch+json');
      expect(merged.status).toBe(422);
      const ok = await request('PATCH', path, { status: { phase: 'Ready' } }, 'application/merge-patch+json');
      expect(ok.status).toBe(200);
      expect((await get(gadget)).status).toEqual({ phase: 'Ready' });
    });

    it('checks a /scale patch or update against autoscaling/v1 Scale', async () => {
      const scale = `${gadget}/scale`;
      const merged = await request('PATCH', `${scale}?fieldValidation=Strict`, { spec: { replicas: 3, replica: 3 } }, 'application/merge-patch+json');
      expect(merged.status).toBe(422);
      expect((await merged.json()).message).toMatch(/strict decoding error: unknown field "spec.replica"$/);
      const json = await request('PATCH', `${scale}?fieldValidation=Strict`, [{ op: 'add', path: '/status/foo', value: 1 }]);
      expect(json.status).toBe(422);
      expect((await json.json()).message).toMatch(/strict decoding error: unknown field "status.foo"$/);
      const current = await get(scale);
      const put = await request('PUT', `${scale}?fieldValidation=Strict`, { ...current, spec: { replicas: 2, extra: true } }, 'application/json');
      expect(put.status).toBe(400);
      expect((await put.json()).message).toBe('Scale in version "v1" cannot be handled as a Scale: strict decoding error: unknown field "spec.extra"');
      expect((await get(gadget)).spec.replicas).toBe(1);
      const warned = await request('PATCH', scale, { spec: { replicas: 2, replica: 3 } }, 'application/merge-patch+json');
      expect(warned.status).toBe(200);
      expect(warned.headers.get('warning')).toBe('299 - "unknown field \\"spec.replica\\""');
      expect((await get(gadget)).spec.replicas).toBe(2);
    });
  });
});
