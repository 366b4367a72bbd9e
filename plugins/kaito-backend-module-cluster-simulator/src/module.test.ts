import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test runs the module inside the plugin it extends
import kaitoPlugin from '@kaito-backstage/plugin-kaito-backend';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import clusterSimulatorModule from './index';

jest.setTimeout(60_000);

type ClusterItem = { name: string; error?: string };
type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** Polls GET /clusters until `check` accepts the first cluster; a budget against hangs. */
async function firstClusterWhen(backend: Backend, check: (c: ClusterItem) => boolean, what: string): Promise<ClusterItem> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await request(backend.server).get('/api/kaito/clusters');
    const first: ClusterItem | undefined = res.body.items?.[0];
    if (first && check(first)) return first;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(res.body)}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

function kaitoBackend(withModule: boolean, leaderElection: object) {
  return startTestBackend({
    features: [
      kaitoPlugin,
      ...(withModule ? [clusterSimulatorModule] : []),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          kaito: {
            clusters: [{ name: 'demo', type: 'simulator', mode: 'builtin', simulator: { provisioningDelayMs: 0, modelLoadMs: 0 } }],
            controller: { leaderElection },
          },
        },
      }),
    ],
  });
}

describe('the cluster-simulator module', () => {
  const kubeconfigVariable = process.env.KAITO_SIMULATOR_KUBECONFIG;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kaito-sim-module-'));
  });
  afterEach(async () => {
    if (kubeconfigVariable === undefined) delete process.env.KAITO_SIMULATOR_KUBECONFIG;
    else process.env.KAITO_SIMULATOR_KUBECONFIG = kubeconfigVariable;
    await rm(dir, { recursive: true, force: true });
  });

  it('connects a type: simulator cluster, creates the lease namespace there and writes the admin kubeconfig on request', async () => {
    process.env.KAITO_SIMULATOR_KUBECONFIG = join(dir, '{cluster}.kubeconfig');
    const backend = await kaitoBackend(true, { enabled: true, namespace: 'portal-system' });
    try {
      const demo = await firstClusterWhen(backend, c => !c.error, 'the simulated cluster to connect');
      expect(demo.name).toBe('demo');
      // The admin kubeconfig the module wrote reaches the same API server, where the lease namespace exists.
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(join(dir, 'demo.kubeconfig'));
      const namespace = await kubeConfig.makeApiClient(CoreV1Api).readNamespace({ name: 'portal-system' });
      expect(namespace.metadata?.name).toBe('portal-system');
    } finally {
      await backend.stop();
    }
  });

  it('is what a type: simulator cluster needs: without it the cluster says which module to install', async () => {
    const backend = await kaitoBackend(false, { enabled: false });
    try {
      const demo = await firstClusterWhen(backend, c => Boolean(c.error), 'the cluster to report its error');
      expect(demo.error).toContain("no connector for cluster type 'simulator'");
      expect(demo.error).toContain('@kaito-backstage/plugin-kaito-backend-module-cluster-simulator');
    } finally {
      await backend.stop();
    }
  });
});
