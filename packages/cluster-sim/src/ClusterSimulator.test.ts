import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import tls from 'node:tls';
import { parse } from 'yaml';
import { ClusterSimulator, startClusterSimulator } from './ClusterSimulator';
import { createSelfSignedServingCertificate } from './tls/selfSignedCertificate';

const QUIET = { provisioner: { enabled: false }, scheduler: { enabled: false }, kubelet: { enabled: false }, workloads: { enabled: false } };

/** client-node configured like the Kaito backend's `url` + `serviceAccountToken` cluster entries. */
function kubeConfigFor(sim: ClusterSimulator, tlsOptions: { caData?: string; skipTLSVerify?: boolean }) {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'sim', server: sim.url, ...tlsOptions }],
    users: [{ name: 'sim', token: sim.token }],
    contexts: [{ name: 'sim', cluster: 'sim', user: 'sim' }],
    currentContext: 'sim',
  });
  return kc;
}

async function namespaceNames(kc: KubeConfig) {
  const list = await kc.makeApiClient(CoreV1Api).listNamespace();
  return list.items.map(ns => ns.metadata?.name);
}

/** The certificate the server presents, read without trusting it. */
async function peerCertificate(url: string): Promise<tls.PeerCertificate> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate());
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

describe('startClusterSimulator', () => {
  describe('when TLS is on (the default)', () => {
    let sim: ClusterSimulator;
    beforeAll(async () => {
      sim = await startClusterSimulator({ installCrds: false, behaviour: QUIET });
    });
    afterAll(() => sim.stop());

    it('serves https on 127.0.0.1 and exposes its CA as base64 PEM', () => {
      expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = new X509Certificate(Buffer.from(sim.caData!, 'base64'));
      expect(ca.ca).toBe(true);
    });

    it('presents a certificate for 127.0.0.1 and localhost that the exposed CA signed', async () => {
      const presented = new X509Certificate((await peerCertificate(sim.url)).raw);
      const ca = new X509Certificate(Buffer.from(sim.caData!, 'base64'));
      expect(presented.verify(ca.publicKey)).toBe(true);
      expect(presented.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(presented.checkHost('localhost')).toBe('localhost');
    });

    it('writes a kubeconfig that trusts that CA and does not skip verification', async () => {
      const dir = await fs.mkdtemp(join(tmpdir(), 'cluster-sim-'));
      try {
        const path = join(dir, 'kubeconfig');
        await sim.writeKubeconfig(path);
        const config = parse(await fs.readFile(path, 'utf8'));
        expect(config.clusters[0].cluster).toEqual({ server: sim.url, 'certificate-authority-data': sim.caData });
        expect(config.users[0].user).toEqual({ token: sim.token });
        expect((await fs.stat(path)).mode & 0o777).toBe(0o600);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });

    it.each([
      ['the kubeconfig', (s: ClusterSimulator) => { const kc = new KubeConfig(); kc.loadFromString(s.kubeconfigYaml()); return kc; }],
      ['url, token and caData', (s: ClusterSimulator) => kubeConfigFor(s, { caData: s.caData })],
      ['url, token and skipTLSVerify', (s: ClusterSimulator) => kubeConfigFor(s, { skipTLSVerify: true })],
    ])('lets client-node connect with %s', async (_how, configure) => {
      await expect(namespaceNames(configure(sim))).resolves.toEqual(expect.arrayContaining(['default', 'kube-system']));
    });

    it.each<[string, () => Promise<{ caData?: string }>]>([
      ['no CA at all', async () => ({})],
      ['another CA', async () => ({ caData: Buffer.from((await createSelfSignedServingCertificate()).caCertificatePem).toString('base64') })],
    ])('refuses client-node that trusts %s', async (_what, tlsOptions) => {
      await expect(namespaceNames(kubeConfigFor(sim, await tlsOptions()))).rejects.toThrow(/certificate/i);
    });
  });

  describe('when tls is false', () => {
    let sim: ClusterSimulator;
    beforeAll(async () => {
      sim = await startClusterSimulator({ installCrds: false, tls: false, behaviour: QUIET });
    });
    afterAll(() => sim.stop());

    it('serves plain http with no CA and a kubeconfig that skips verification', () => {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sim.caData).toBeUndefined();
      expect(parse(sim.kubeconfigYaml()).clusters[0].cluster).toEqual({ server: sim.url, 'insecure-skip-tls-verify': true });
    });

    it('still serves client-node through its kubeconfig', async () => {
      const kc = new KubeConfig();
      kc.loadFromString(sim.kubeconfigYaml());
      await expect(namespaceNames(kc)).resolves.toContain('default');
    });
  });

  describe('when the watch history is expired through faults', () => {
    let sim: ClusterSimulator;
    let kc: KubeConfig;
    beforeAll(async () => {
      sim = await startClusterSimulator({ installCrds: false, behaviour: QUIET });
      kc = new KubeConfig();
      kc.loadFromString(sim.kubeconfigYaml());
    });
    afterAll(() => sim.stop());

    /** The first event of a watch on default ConfigMaps from a resourceVersion. */
    const firstEvent = async (resourceVersion: string) => {
      let received: (event: { type: string; object: any }) => void = () => undefined;
      const event = new Promise<{ type: string; object: any }>(resolve => (received = resolve));
      const controller = await new Watch(kc).watch(
        '/api/v1/namespaces/default/configmaps',
        { resourceVersion },
        (type, object) => received({ type, object }),
        () => undefined,
      );
      try {
        return await event;
      } finally {
        controller.abort();
      }
    };

    const expired = { type: 'ERROR', object: expect.objectContaining({ code: 410, reason: 'Expired' }) };
    const replayed = (name: string) => ({ type: 'ADDED', object: expect.objectContaining({ metadata: expect.objectContaining({ name }) }) });
    it.each([
      ['answers 410 Expired when ConfigMaps expired by plural name', 'configmaps', () => expired],
      ['answers 410 Expired when every resource expired', undefined, () => expired],
      ['replays the events when another resource expired', 'secrets', replayed],
      ['replays the events when an unknown resource was named (a no-op)', 'no-such-things', replayed],
    ])('%s', async (_what, resource, expected) => {
      const core = kc.makeApiClient(CoreV1Api);
      const name = `cm-${resource ?? 'all'}`;
      const before = String(sim.store.resourceVersion);
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name } } });
      sim.faults.expireWatchHistory(resource);
      expect(await firstEvent(before)).toEqual(expected(name));
    });
  });

  it.each([
    ['https', true],
    ['plain http', false],
  ])('ends a %s connection that never sent a request when it stops', async (_what, useTls) => {
    const sim = await startClusterSimulator({ installCrds: false, tls: useTls, behaviour: QUIET });
    const port = Number(new URL(sim.url).port);
    const socket = useTls ? tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }) : net.connect({ host: '127.0.0.1', port });
    await new Promise(resolve => socket.once(useTls ? 'secureConnect' : 'connect', resolve));
    const closed = new Promise(resolve => socket.once('close', resolve));
    socket.on('error', () => undefined);
    await sim.stop();
    await expect(closed).resolves.toBe(false);
  });

  it('gives every simulator its own CA', async () => {
    const [one, two] = await Promise.all([
      startClusterSimulator({ installCrds: false, behaviour: QUIET }),
      startClusterSimulator({ installCrds: false, behaviour: QUIET }),
    ]);
    try {
      expect(one.caData).not.toBe(two.caData);
      await expect(namespaceNames(kubeConfigFor(one, { caData: two.caData }))).rejects.toThrow(/certificate/i);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
  });

  describe('with onRequest', () => {
    it('sees each request as it arrives and leaves the answer to the server', async () => {
      const seen: string[] = [];
      const sim = await startClusterSimulator({ tls: false, installCrds: false, behaviour: QUIET, onRequest: req => seen.push(`${req.method} ${req.url}`) });
      try {
        const kc = new KubeConfig();
        kc.loadFromString(sim.kubeconfigYaml());
        expect(await namespaceNames(kc)).toContain('default');
        // Refused as without the listener: it answers nothing and lets nothing through.
        const anonymous = await fetch(`${sim.url}/api/v1/namespaces`);
        expect(anonymous.status).toBe(401);
        expect(seen).toEqual(['GET /api/v1/namespaces', 'GET /api/v1/namespaces']);
      } finally {
        await sim.stop();
      }
    });
  });
});
