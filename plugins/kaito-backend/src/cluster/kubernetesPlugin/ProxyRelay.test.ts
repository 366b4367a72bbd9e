import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ProxyRelay, startProxyRelay } from './ProxyRelay';

/** An upstream like the Kubernetes plugin's proxy: records requests; its answers are set per test. */
function startUpstream(handle: http.RequestListener) {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    handle(req, res);
  });
  return new Promise<{ url: string; seen: typeof seen; close: () => Promise<void> }>(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/kubernetes/proxy`,
        seen,
        close: () => new Promise(r => { server.close(() => r()); server.closeAllConnections(); }),
      }),
    ),
  );
}

function get(relay: ProxyRelay, path: string, token = relay.token) {
  return new Promise<{ status: number; headersAfterMs: number; response: http.IncomingMessage }>((resolve, reject) => {
    const started = Date.now();
    http.get(`${relay.url}${path}`, { headers: { Authorization: `Bearer ${token}` } }, response =>
      resolve({ status: response.statusCode!, headersAfterMs: Date.now() - started, response }),
    ).on('error', reject);
  });
}

function body(response: http.IncomingMessage): Promise<string> {
  return new Promise(resolve => {
    let text = '';
    response.on('data', c => (text += c)).on('end', () => resolve(text));
  });
}

describe('the relay to the Kubernetes plugin proxy', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let relay: ProxyRelay;
  let answer: http.RequestListener;

  beforeEach(async () => {
    upstream = await startUpstream((req, res) => answer(req, res));
    relay = await startProxyRelay({
      upstream: async () => upstream.url,
      upstreamHeaders: async () => ({ Authorization: 'Bearer plugin-token', 'Backstage-Kubernetes-Cluster': 'aks' }),
    });
  });
  afterEach(async () => {
    await relay.close();
    await upstream.close();
  });

  it('refuses callers without its token, and sends none of theirs upstream', async () => {
    answer = (_req, res) => res.end('{}');
    expect((await get(relay, '/api/v1/pods', 'guess')).status).toBe(401);
    expect(upstream.seen).toHaveLength(0);
    const ok = await get(relay, '/api/v1/pods?limit=1');
    expect(ok.status).toBe(200);
    expect(upstream.seen[0]).toMatchObject({ authorization: 'Bearer plugin-token', 'backstage-kubernetes-cluster': 'aks', 'accept-encoding': 'identity' });
  });

  it('passes a request and its answer through, status and body', async () => {
    answer = (req, res) => res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ kind: 'Status', code: 404, path: req.url }));
    const res = await get(relay, '/api/v1/namespaces/x/pods/y');
    expect(res.status).toBe(404);
    expect(JSON.parse(await body(res.response))).toEqual({ kind: 'Status', code: 404, path: '/api/kubernetes/proxy/api/v1/namespaces/x/pods/y' });
  });

  it("answers a watch's headers at once, though the proxy holds them until the first event", async () => {
    let send: (() => void) | undefined;
    answer = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // like http-proxy: nothing reaches the caller until the first chunk
      send = () => res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n');
    };
    const watch = await get(relay, '/api/v1/pods?watch=true&resourceVersion=7');
    expect(watch.status).toBe(200);
    const first = new Promise<string>(resolve => watch.response.once('data', d => resolve(String(d))));
    await new Promise(r => setTimeout(r, 50));
    send!();
    expect(await first).toContain('"ADDED"');
    watch.response.destroy();
  });

  it('turns a refused watch into the ERROR event a server sends, keeping the refusal in words', async () => {
    answer = (_req, res) =>
      res.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { name: 'NotAllowedError', message: 'Unauthorized' } }));
    const watch = await get(relay, '/api/v1/pods?watch=1');
    expect(watch.status).toBe(200);
    const event = JSON.parse(await body(watch.response));
    expect(event).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 403, message: 'NotAllowedError: Unauthorized', reason: 'KubernetesPluginRefused' } });
  });

  it('says when the Kubernetes plugin cannot be reached', async () => {
    await upstream.close();
    const res = await get(relay, '/api/v1/pods');
    expect(res.status).toBe(502);
    expect(JSON.parse(await body(res.response)).message).toMatch(/^The Kubernetes plugin could not be reached: /);
  });
});
