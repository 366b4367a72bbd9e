import http from 'node:http';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import kubernetesBackendPlugin from '@backstage/plugin-kubernetes-backend';
import { ClusterSimulator, startClusterSimulator } from '@kaito-backstage/cluster-sim';
import { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';
import request from 'supertest';
import { eventually } from '../../__testUtils__/eventually';
import { applyShippedRbac, ShippedRbac } from '../../__testUtils__/shippedRbac';
import { testOrgServices } from '../../__testUtils__/testOrg';
import { kaitoPlugin } from '../../plugin';

jest.setTimeout(90_000);

const FAST = { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 }, modelServer: { tokenDelayMs: 0 } };

/** The Kubernetes plugin's own config: the simulator as a `type: config` cluster with the shipped ServiceAccount's token. */
function kubernetesConfig(sim: ClusterSimulator, rbac: ShippedRbac, more: object[] = []) {
  return {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          { name: 'aks-sim', title: 'AKS (simulated)', url: sim.url, authProvider: 'serviceAccount', serviceAccountToken: rbac.token, caData: sim.caData },
          ...more,
        ],
      },
    ],
  };
}

interface PortalOptions {
  kubernetes?: object;
  kaito: object;
  /** Leave the Kubernetes plugin out of the backend. */
  withoutKubernetesPlugin?: boolean;
  features?: any[];
}

async function startPortal(options: PortalOptions) {
  return startTestBackend({
    features: [
      kaitoPlugin,
      ...(options.withoutKubernetesPlugin ? [] : [kubernetesBackendPlugin]),
      ...testOrgServices(),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: { ...(options.kubernetes ? { kubernetes: options.kubernetes } : {}), kaito: options.kaito },
      }),
    ],
  });
}

async function clusterError(server: http.Server, name: string): Promise<string> {
  return eventually(async () => {
    const res = await request(server).get('/api/kaito/clusters');
    const error = res.body.items?.find((c: { name: string }) => c.name === name)?.error;
    return error && error !== 'connecting' ? (error as string) : undefined;
  }, `cluster ${name} to report an error`);
}

describe('clusters from the Kubernetes plugin, on the simulator', () => {
  let sim: ClusterSimulator;
  let rbac: ShippedRbac;

  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: FAST });
    rbac = await applyShippedRbac(sim);
  });
  afterAll(async () => {
    await sim?.stop();
  });

  describe('with every cluster the Kubernetes plugin lists', () => {
    let server: http.Server;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      sim.authorizationLog.start();
      const backend = await startPortal({
        kubernetes: kubernetesConfig(sim, rbac, [
          // Needs the browser user's token: the controller has none.
          { name: 'gke-user', url: 'https://gke.invalid', authProvider: 'google' },
          // Not a name that can be part of a workspace key.
          { name: 'Prod_Cluster', url: sim.url, authProvider: 'serviceAccount', serviceAccountToken: rbac.token, caData: sim.caData },
        ]),
        kaito: { kubernetesPlugin: { enabled: true, defaults: { cloud: 'azure', provisioner: 'gpu-provisioner' } } },
      });
      server = backend.server;
      stop = () => backend.stop();
      await eventually(async () => {
        const res = await request(server).get('/api/kaito/clusters');
        const cluster = res.body.items?.find((c: { name: string }) => c.name === 'aks-sim');
        return cluster && !cluster.error ? true : undefined;
      }, 'aks-sim to connect through the Kubernetes plugin');
    });
    afterAll(async () => {
      await stop?.();
      sim.authorizationLog.stop();
    });

    it('manages the usable cluster with its title, and leaves out the others', async () => {
      const res = await request(server).get('/api/kaito/clusters');
      expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(['aks-sim']);
      expect(res.body.items[0]).toMatchObject({ title: 'AKS (simulated)', cloud: 'azure', provisioner: 'gpu-provisioner', simulated: false });
    });

    it('creates a workspace through the REST API that reaches Ready, and chats with it', async () => {
      const created = await request(server).post('/api/kaito/workspaces').send({
        cluster: 'aks-sim',
        namespace: 'default',
        name: 'phi',
        preset: 'phi-3-mini-4k-instruct',
        instanceType: 'Standard_NV36ads_A10_v5',
        owner: 'group:default/ml-team',
      });
      expect(created.status).toBe(201);
      await eventually(async () => {
        const res = await request(server).get('/api/kaito/workspaces/aks-sim/default/phi');
        return res.body.state === 'Ready' ? (res.body as WorkspaceDetails) : undefined;
      }, 'phi to be Ready', 60_000);
      const chat = await request(server)
        .post('/api/kaito/workspaces/aks-sim/default/phi/chat')
        .send({ messages: [{ role: 'user', content: 'hi' }] });
      expect(chat.status).toBe(200);
      expect(chat.body.choices[0].message.content).toMatch(/simulated response/);
      const streamed = await request(server)
        .post('/api/kaito/workspaces/aks-sim/default/phi/chat')
        .send({ stream: true, messages: [{ role: 'user', content: 'hi' }] });
      expect(streamed.status).toBe(200);
      expect(streamed.text).toMatch(/^data: \{/);
      expect(streamed.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    });

    it("reaches the cluster only with the credential the Kubernetes plugin attaches (the shipped ServiceAccount's)", () => {
      const users = new Set(sim.authorizationLog.records().filter(r => r.source === 'request').map(r => r.user));
      expect([...users]).toEqual([rbac.user]);
      const verbs = new Set(sim.authorizationLog.records().map(r => r.verb));
      // Informers (list, watch), writes and the service proxy all went through it.
      expect([...verbs]).toEqual(expect.arrayContaining(['list', 'watch', 'create', 'update']));
    });

    it('holds the leader-election Lease through the proxy', () => {
      const lease = sim.store.peek('leases.coordination.k8s.io', rbac.leaseNamespace, 'kaito-backstage-controller') as
        | { spec?: { holderIdentity?: string } }
        | undefined;
      expect(lease?.spec?.holderIdentity).toBeTruthy();
    });
  });

  describe('errors, each in words with the fix', () => {
    it('names a cluster the Kubernetes plugin does not list, and those it does', async () => {
      const backend = await startPortal({
        kubernetes: kubernetesConfig(sim, rbac),
        kaito: { kubernetesPlugin: { enabled: true, clusters: [{ name: 'aks-nope' }] }, controller: { leaderElection: { enabled: false } } },
      });
      try {
        expect(await clusterError(backend.server, 'aks-nope')).toMatch(
          /The Kubernetes plugin has no cluster 'aks-nope'; it lists: aks-sim\. Fix: correct the name in kaito\.kubernetesPlugin\.clusters/,
        );
      } finally {
        await backend.stop();
      }
    });

    it('says the Kubernetes plugin is not installed', async () => {
      const backend = await startPortal({
        withoutKubernetesPlugin: true,
        kaito: { kubernetesPlugin: { enabled: true, clusters: [{ name: 'aks-sim' }] }, controller: { leaderElection: { enabled: false } } },
      });
      try {
        expect(await clusterError(backend.server, 'aks-sim')).toMatch(
          /The Kubernetes plugin is not installed: GET .*\/api\/kubernetes\/clusters answered 404\. Fix: add @backstage\/plugin-kubernetes-backend/,
        );
      } finally {
        await backend.stop();
      }
    });

    it("says when the permission kubernetes.proxy is denied to the kaito plugin's service principal", async () => {
      // The default permissions service lets every service principal through; a portal that
      // evaluates them (as this replacement does) can deny the proxy to plugin:kaito.
      const denyProxy = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({ result: r.permission.name === 'kubernetes.proxy' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW })),
        authorizeConditional: async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      });
      const backend = await startPortal({
        kubernetes: kubernetesConfig(sim, rbac),
        kaito: { kubernetesPlugin: { enabled: true, clusters: [{ name: 'aks-sim' }] }, controller: { leaderElection: { enabled: false } } },
        features: [denyProxy.factory],
      });
      try {
        expect(await clusterError(backend.server, 'aks-sim')).toMatch(
          /The Kubernetes plugin refused its proxy to the kaito plugin for cluster 'aks-sim' \(403 NotAllowedError: Unauthorized\)\. Fix: allow the permission 'kubernetes\.proxy' to the service principal plugin:kaito/,
        );
      } finally {
        await backend.stop();
      }
    });

    it('refuses a named cluster whose auth provider needs the signed-in user', async () => {
      const backend = await startPortal({
        kubernetes: kubernetesConfig(sim, rbac, [{ name: 'aks-user', url: sim.url, authProvider: 'aks', caData: sim.caData }]),
        kaito: { kubernetesPlugin: { enabled: true, clusters: [{ name: 'aks-user' }] }, controller: { leaderElection: { enabled: false } } },
      });
      try {
        expect(await clusterError(backend.server, 'aks-user')).toMatch(
          /cluster 'aks-user' uses authProvider 'aks', which the workspace controller cannot use: it sends the signed-in user's AKS token/,
        );
      } finally {
        await backend.stop();
      }
    });
  });
});
