import http from 'node:http';
import { AddressInfo } from 'node:net';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { keepConnectionsAlive } from './keepConnectionsAlive';

/** A plain-HTTP stand-in for an API server that counts the TCP connections it is opened. */
async function countingServer() {
  let connections = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }));
  });
  server.on('connection', () => connections++);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections, close: () => new Promise(resolve => server.close(resolve)), server };
}

function kubeConfigFor(url: string, token: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return kc;
}

describe('keepConnectionsAlive', () => {
  it('makes one cluster client reuse its connection for sequential requests; without it each request opens one', async () => {
    const server = await countingServer();
    try {
      const plain = kubeConfigFor(server.url, 't').makeApiClient(CoreV1Api);
      for (let i = 0; i < 5; i++) await plain.readNamespace({ name: 'default' });
      expect(server.connections()).toBe(5);

      const kept = keepConnectionsAlive(kubeConfigFor(server.url, 't')).makeApiClient(CoreV1Api);
      for (let i = 0; i < 5; i++) await kept.readNamespace({ name: 'default' });
      expect(server.connections()).toBe(6);
    } finally {
      server.server.closeAllConnections();
      await server.close();
    }
  });

  it('still sends the current token with each request on the kept connection', async () => {
    const tokens: string[] = [];
    const server = http.createServer((req, res) => {
      tokens.push(String(req.headers.authorization));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"}}');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const kc = keepConnectionsAlive(kubeConfigFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'first'));
      const api = kc.makeApiClient(CoreV1Api);
      await api.readNamespace({ name: 'default' });
      // A rotated token (as a token file or exec credential gives) is read per request.
      kc.users[0] = { ...kc.users[0], token: 'second' };
      await api.readNamespace({ name: 'default' });
      expect(tokens).toEqual(['Bearer first', 'Bearer second']);
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });
});
