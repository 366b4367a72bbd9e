import http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
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

/**
 * A stand-in API server whose `slow` namespace answers only when let go, and
 * which keeps each connection's socket, to see when the client closes it.
 */
async function slowServer() {
  const sockets: Socket[] = [];
  let arrived = () => {};
  let letGo = () => {};
  const slowArrived = new Promise<void>(resolve => (arrived = resolve));
  const slowAnswered = new Promise<void>(resolve => (letGo = resolve));
  const server = http.createServer(async (req, res) => {
    const name = req.url?.split('/').pop();
    if (name === 'slow') {
      arrived();
      await slowAnswered;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  });
  server.on('connection', socket => sockets.push(socket));
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sockets,
    slowArrived,
    letGo: () => letGo(),
    close: async () => {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/** Whether the client closes the connection within `ms` (well under the 4 s idle timeout that closes it anyway). */
function closesWithin(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise(resolve => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** A new CA (as a rotation brings): the TLS settings change, so the kept agent is replaced. */
function rotateCa(kc: KubeConfig, ca: string) {
  kc.clusters[0] = { ...kc.clusters[0], caData: Buffer.from(ca).toString('base64') };
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

  it('closes the replaced agent\'s idle connection at once when the TLS settings change', async () => {
    const server = await slowServer();
    try {
      const kc = keepConnectionsAlive(kubeConfigFor(server.url, 't'));
      const api = kc.makeApiClient(CoreV1Api);
      await api.readNamespace({ name: 'first' });
      expect(server.sockets).toHaveLength(1);
      rotateCa(kc, 'ca-2');
      await api.readNamespace({ name: 'second' });
      expect(server.sockets).toHaveLength(2);
      expect(await closesWithin(server.sockets[0], 1000)).toBe(true);
      // The new agent's connection stays for the next request.
      expect(server.sockets[1].destroyed).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('lets a request in flight on the replaced agent finish, then closes its connection', async () => {
    const server = await slowServer();
    try {
      const kc = keepConnectionsAlive(kubeConfigFor(server.url, 't'));
      const api = kc.makeApiClient(CoreV1Api);
      const slow = api.readNamespace({ name: 'slow' });
      await server.slowArrived;
      rotateCa(kc, 'ca-2');
      await api.readNamespace({ name: 'meanwhile' });
      expect(server.sockets).toHaveLength(2);
      expect(server.sockets[0].destroyed).toBe(false);
      server.letGo();
      await expect(slow).resolves.toMatchObject({ metadata: { name: 'slow' } });
      expect(await closesWithin(server.sockets[0], 1000)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
