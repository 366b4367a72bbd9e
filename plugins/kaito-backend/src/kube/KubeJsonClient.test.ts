import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApiException, KubeConfig } from '@kubernetes/client-node';
import { ClusterSimulator, startClusterSimulator, widgetCrd } from '@kaito-backstage/cluster-sim';
import { describeKubeError } from './errors';
import { keepConnectionsAlive } from './keepConnectionsAlive';
import { KubeJsonClient } from './KubeJsonClient';

/** Against the simulator over TLS: the credentials, CA and kept connections a real cluster needs. */
describe('KubeJsonClient', () => {
  let sim: ClusterSimulator;
  let kubeConfig: KubeConfig;
  let client: KubeJsonClient;
  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { enabled: false } } });
  });
  beforeEach(() => {
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
    client = new KubeJsonClient(keepConnectionsAlive(kubeConfig));
  });
  afterAll(() => sim.stop());

  const service = (name: string, namespace?: string) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { ports: [{ port: 80 }] },
  });

  it('builds object and collection paths from API discovery, namespaced or not', async () => {
    await expect(client.pathOf(service('a', 'team-a'), 'collection')).resolves.toBe('/api/v1/namespaces/team-a/services');
    await expect(client.pathOf(service('a', 'team-a'), 'object')).resolves.toBe('/api/v1/namespaces/team-a/services/a');
    await expect(client.pathOf({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'x' } }, 'object')).resolves.toBe(
      '/apis/storage.k8s.io/v1/storageclasses/x',
    );
    await expect(client.pathOf({ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'w', namespace: 'n' } }, 'object')).resolves.toBe(
      '/apis/kaito.sh/v1beta1/namespaces/n/workspaces/w',
    );
  });

  it('puts a namespaced object without a namespace in the context namespace, as client-node does', async () => {
    await expect(client.pathOf(service('a'), 'collection')).resolves.toBe('/api/v1/namespaces/default/services');
    const context = kubeConfig.getContextObject(kubeConfig.getCurrentContext())!;
    kubeConfig.contexts = kubeConfig.contexts.map(c => (c.name === context.name ? { ...c, namespace: 'team-b' } : c));
    await expect(client.pathOf(service('a'), 'collection')).resolves.toBe('/api/v1/namespaces/team-b/services');
  });

  it('asks discovery again for a kind it did not know (a CRD installed since), and names an unknown one', async () => {
    const widget = { apiVersion: 'example.test/v1alpha1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } };
    await expect(client.pathOf(widget, 'object')).rejects.toThrow(/example\.test\/v1alpha1/);
    await client.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: widgetCrd });
    await expect(client.pathOf(widget, 'object')).resolves.toBe('/apis/example.test/v1alpha1/namespaces/default/widgets/w');
    await expect(client.pathOf({ apiVersion: 'v1', kind: 'Gadget', metadata: { name: 'g' } }, 'object')).rejects.toThrow(
      'Unrecognized API version and kind: v1 Gadget',
    );
  });

  it('creates, merge-patches, JSON-patches and deletes, answering with the object as the server wrote it', async () => {
    const path = await client.pathOf(service('crud', 'default'), 'collection');
    const created = await client.request<any>('POST', path, { query: { fieldManager: 'test' }, body: service('crud', 'default') });
    // As the server wrote it: a Time is a string in whole seconds, not a Date.
    expect(created.metadata.creationTimestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(created.metadata.managedFields[0].manager).toBe('test');
    const patched = await client.request<any>('PATCH', `${path}/crud`, {
      body: { metadata: { labels: { a: 'b' } } },
      contentType: 'application/merge-patch+json',
    });
    expect(patched.metadata.labels).toEqual({ a: 'b' });
    await client.request('PATCH', `${path}/crud`, {
      body: [{ op: 'test', path: '/metadata/resourceVersion', value: patched.metadata.resourceVersion }, { op: 'remove', path: '/metadata/labels/a' }],
      contentType: 'application/json-patch+json',
    });
    expect(sim.store.peek('services', 'default', 'crud')?.metadata?.labels ?? {}).toEqual({});
    await client.request('DELETE', `${path}/crud`, { query: { propagationPolicy: 'Background' } });
    expect(sim.store.peek('services', 'default', 'crud')).toBeUndefined();
  });

  it("refuses with client-node's ApiException: the code, the Status body, and errors.ts explains it", async () => {
    const path = await client.pathOf(service('twice', 'default'), 'collection');
    await client.request('POST', path, { body: service('twice', 'default') });
    const refusal = (await client.request('POST', path, { body: service('twice', 'default') }).catch(error => error)) as ApiException<string>;
    expect(refusal).toBeInstanceOf(ApiException);
    expect(refusal.code).toBe(409);
    expect(JSON.parse(refusal.body)).toMatchObject({ kind: 'Status', reason: 'AlreadyExists' });
    expect(describeKubeError(refusal, 'create a Service')).toMatch(/^Kubernetes refused to create a Service \(409 Conflict\): services "twice" already exists/);
  });

  it('sends the current token with each request, so a rotated one is used at once', async () => {
    await client.request('GET', '/api/v1/namespaces/default');
    kubeConfig.users = kubeConfig.users.map(user => ({ ...user, token: 'not-a-token' }));
    const refusal = (await client.request('GET', '/api/v1/namespaces/default').catch(error => error)) as ApiException<string>;
    expect(refusal.code).toBe(401);
  });

  it('reads plain text (a container log) and sends query parameters, leaving undefined ones out', async () => {
    const seen: string[] = [];
    const original = kubeConfig.applySecurityAuthentication.bind(kubeConfig);
    kubeConfig.applySecurityAuthentication = async context => {
      seen.push(context.getUrl());
      await original(context);
    };
    const refusal = (await client.requestText('/api/v1/namespaces/default/pods/none/log', { container: 'main', tailLines: 5, previous: undefined }).catch(e => e)) as ApiException<string>;
    expect(refusal.code).toBe(404);
    expect(seen[0]).toMatch(/\/pods\/none\/log\?container=main&tailLines=5$/);
  });
});

/** Against a plain HTTP server that answers as it is told: what a real server or a proxy might do. */
describe('KubeJsonClient against odd answers', () => {
  let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  let server: http.Server;
  let client: KubeJsonClient;
  beforeAll(async () => {
    server = http.createServer((req, res) => answer(req, res));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    client = new KubeJsonClient(kubeConfig);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });
  const json = (res: http.ServerResponse, code: number, body: unknown) => res.writeHead(code, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

  it('names itself in User-Agent and sends the bearer token', async () => {
    let seen: http.IncomingHttpHeaders = {};
    answer = (req, res) => {
      seen = req.headers;
      json(res, 200, {});
    };
    await client.request('GET', '/api/v1/namespaces/default');
    expect(seen['user-agent']).toBe('kaito-backstage-controller');
    expect(seen.authorization).toBe('Bearer t');
  });

  it('keeps the last good discovery when asking again fails, and names each caller\'s kind', async () => {
    let discoveryUp = true;
    answer = (_req, res) => {
      if (!discoveryUp) return json(res, 503, { kind: 'Status', message: 'down for a moment' });
      return json(res, 200, { resources: [{ name: 'services', kind: 'Service', namespaced: true }] });
    };
    await expect(client.resourceOf('v1', 'Service')).resolves.toMatchObject({ name: 'services' });
    discoveryUp = false;
    // A kind it does not list asks again; that fails, each waiting caller with its own kind in the message.
    const [gadget, widget] = await Promise.all([client.resourceOf('v1', 'Gadget').catch(e => e), client.resourceOf('v1', 'Widget').catch(e => e)]);
    expect(gadget.message).toMatch(/^Failed to fetch resource metadata for v1\/Gadget: /);
    expect(widget.message).toMatch(/^Failed to fetch resource metadata for v1\/Widget: /);
    expect(gadget.code).toBe(503);
    // The answer it had still serves the kinds it listed.
    await expect(client.resourceOf('v1', 'Service')).resolves.toMatchObject({ name: 'services' });
  });

  it('refuses a compressed answer it did not ask for, saying where to look', async () => {
    answer = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }).end('not really gzip');
    await expect(client.request('GET', '/api/v1/namespaces/default')).rejects.toThrow(/gzip-encoded, which was not asked for; check the proxy/);
  });

  it('names the request a network failure cut, keeping its code for errors.ts', async () => {
    answer = req => req.socket.destroy();
    const failure = (await client.request('GET', '/api/v1/namespaces/default').catch(e => e)) as NodeJS.ErrnoException;
    expect(failure.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/default failed: socket hang up/);
    expect(failure.code).toBe('ECONNRESET');
  });
});
