import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { widgetCrd } from '../crds/widgetCrd';
import { toApiError } from '../errors';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { OpenApiService } from './OpenApiService';
import { decodeSwaggerProtobuf } from './openApiV2';

describe('OpenApiService', () => {
  let registry: ResourceRegistry;
  let server: Server;
  let base: string;

  beforeEach(async () => {
    registry = new ResourceRegistry();
    const service = new OpenApiService(registry, 'v1.32.13');
    server = createServer((req, res) => {
      try {
        service.serve(req, res, new URL(req.url!, 'http://localhost'));
      } catch (error) {
        const status = toApiError(error);
        res.writeHead(status.code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status.toStatus()));
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>(resolve => server.close(() => resolve())));

  const index = async () => (await (await fetch(`${base}/openapi/v3`)).json()).paths as Record<string, { serverRelativeURL: string }>;
  const document = async (path: string) => {
    const url = (await index())[path].serverRelativeURL;
    return (await fetch(`${base}${url}`)).json();
  };

  it('lists every served group version with a hashed URL', async () => {
    const paths = await index();
    for (const gv of ['api/v1', 'apis/apps/v1', 'apis/batch/v1', 'apis/coordination.k8s.io/v1', 'apis/apiextensions.k8s.io/v1']) {
      expect(paths[gv].serverRelativeURL).toMatch(new RegExp(`^/openapi/v3/${gv.replace(/\./g, '\\.')}\\?hash=[0-9A-F]{128}$`));
    }
  });

  it('publishes built-in kinds under their API server names with the group-version-kind extension', async () => {
    const doc = await document('api/v1');
    expect(doc.openapi).toBe('3.0.0');
    const configMap = doc.components.schemas['io.k8s.api.core.v1.ConfigMap'];
    expect(configMap['x-kubernetes-group-version-kind']).toEqual([{ group: '', version: 'v1', kind: 'ConfigMap' }]);
    expect(Object.keys(configMap.properties).sort()).toEqual(['apiVersion', 'binaryData', 'data', 'immutable', 'kind', 'metadata']);
    expect(configMap.properties.metadata).toEqual({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties.labels).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    const env = doc.components.schemas['io.k8s.api.core.v1.Container'].properties.env;
    expect(env).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge' });
  });

  it('declares fieldValidation on the PATCH of each kind, which is how kubectl learns the server validates', async () => {
    const doc = await document('apis/apps/v1');
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    expect(doc.components.schemas['io.k8s.api.apps.v1.Deployment'].properties.spec).toEqual({ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' });
    expect(doc.components.schemas['io.k8s.api.core.v1.PodTemplateSpec']).toBeDefined();
  });

  it('adds a CRD’s group version when it is registered, named reversed-group.version.Kind, from its schema', async () => {
    expect((await index())['apis/example.test/v1alpha1']).toBeUndefined();
    registry.registerCrd(widgetCrd);
    const doc = await document('apis/example.test/v1alpha1');
    const widget = doc.components.schemas['test.example.v1alpha1.Widget'];
    expect(widget['x-kubernetes-group-version-kind']).toEqual([{ group: 'example.test', version: 'v1alpha1', kind: 'Widget' }]);
    expect(widget.properties.spec.properties.size).toMatchObject({ type: 'integer', minimum: 0 });
    expect(widget.properties.metadata).toEqual({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
    expect(doc.paths['/apis/example.test/v1alpha1/namespaces/{namespace}/widgets/{name}/status'].patch).toBeDefined();
    registry.unregisterCrd(widgetCrd);
    expect((await index())['apis/example.test/v1alpha1']).toBeUndefined();
  });

  describe('caching', () => {
    it('marks the current hash immutable, redirects a stale one and answers If-None-Match with 304', async () => {
      const url = (await index())['api/v1'].serverRelativeURL;
      const current = await fetch(`${base}${url}`);
      expect(current.headers.get('cache-control')).toBe('public, immutable, max-age=31536000');
      const etag = current.headers.get('etag')!;
      expect(etag).toBe(`"${url.split('hash=')[1]}"`);

      const stale = await fetch(`${base}/openapi/v3/api/v1?hash=0000`, { redirect: 'manual' });
      expect(stale.status).toBe(301);
      expect(stale.headers.get('location')).toBe(url);

      const unchanged = await fetch(`${base}/openapi/v3/api/v1`, { headers: { 'If-None-Match': etag } });
      expect(unchanged.status).toBe(304);
    });

    it('changes a group version’s hash when its resources change', async () => {
      registry.registerCrd(widgetCrd);
      const before = (await index())['apis/example.test/v1alpha1'].serverRelativeURL;
      const changed = structuredClone(widgetCrd);
      changed.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.colour = { type: 'string' };
      registry.registerCrd(changed);
      expect((await index())['apis/example.test/v1alpha1'].serverRelativeURL).not.toBe(before);
    });
  });

  it('lets kubectl compute strategic merge patches only for kinds that take them', async () => {
    registry.registerCrd(widgetCrd);
    const patchTypes = (doc: any, path: string) => Object.keys(doc.paths[path].patch.requestBody.content).sort();
    expect(patchTypes(await document('api/v1'), '/api/v1/namespaces/{namespace}/configmaps/{name}')).toContain('application/strategic-merge-patch+json');
    expect(patchTypes(await document('apis/example.test/v1alpha1'), '/apis/example.test/v1alpha1/namespaces/{namespace}/widgets/{name}')).toEqual([
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
    ]);
    const crds = await document('apis/apiextensions.k8s.io/v1');
    expect(patchTypes(crds, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}')).not.toContain('application/strategic-merge-patch+json');
  });

  describe('/openapi/v2', () => {
    it('serves every kind’s definitions in gnostic protobuf when asked as kubectl asks', async () => {
      registry.registerCrd(widgetCrd);
      const res = await fetch(`${base}/openapi/v2`, { headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
      expect(res.headers.get('content-type')).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
      const doc = decodeSwaggerProtobuf(new Uint8Array(await res.arrayBuffer()));
      expect(doc.swagger).toBe('2.0');
      const definitions = Object.fromEntries(doc.definitions.additional_properties.map((d: any) => [d.name, d.value]));
      const deployment = definitions['io.k8s.api.apps.v1.Deployment'];
      expect(deployment.vendor_extension).toEqual([{ name: 'x-kubernetes-group-version-kind', value: { yaml: '- group: apps\n  version: v1\n  kind: Deployment\n' } }]);
      const spec = deployment.properties.additional_properties.find((p: any) => p.name === 'spec');
      expect(spec.value._ref).toBe('#/definitions/io.k8s.api.apps.v1.DeploymentSpec');
      const size = definitions['test.example.v1alpha1.Widget'].properties.additional_properties.find((p: any) => p.name === 'spec').value.properties.additional_properties[0];
      expect(size).toEqual({ name: 'size', value: { type: { value: ['integer'] }, minimum: 0 } });
    });

    it('serves JSON to other clients, with an ETag', async () => {
      const res = await fetch(`${base}/openapi/v2`);
      expect(res.headers.get('content-type')).toBe('application/json');
      const doc = await res.json();
      expect(doc.definitions['io.k8s.api.core.v1.ConfigMap'].properties.metadata).toEqual({ $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
      expect((await fetch(`${base}/openapi/v2`, { headers: { 'If-None-Match': res.headers.get('etag')! } })).status).toBe(304);
    });
  });

  it('answers 404 for a group version that is not served', async () => {
    expect((await fetch(`${base}/openapi/v3/apis/nothing.example/v1`)).status).toBe(404);
  });
});
