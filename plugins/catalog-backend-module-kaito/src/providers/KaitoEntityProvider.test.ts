import { coreServices, createBackendModule, SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { EntityProviderConnection, EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { eventsServiceFactory, eventsServiceRef } from '@backstage/plugin-events-node';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { KaitoAnnotations } from '@kaito-backstage/plugin-kaito-common';
import kaitoPlugin from '@kaito-backstage/plugin-kaito-backend';
import request from 'supertest';
import { KaitoEntityProvider } from './KaitoEntityProvider';

jest.setTimeout(90_000);

async function eventually<T>(fn: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

/** The catalog's side of the provider: it keeps every mutation the provider sends. */
class RecordingConnection implements EntityProviderConnection {
  readonly mutations: EntityProviderMutation[] = [];
  async applyMutation(mutation: EntityProviderMutation) {
    this.mutations.push(mutation);
  }
  async refresh() {}
}

const workspace = (name: string) => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name, namespace: 'default', annotations: { [KaitoAnnotations.backstageOwner]: 'group:default/ml-team' } },
  resource: { instanceType: 'Standard_NV36ads_A10_v5', labelSelector: { matchLabels: { apps: name } } },
  inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
});

describe('KaitoEntityProvider on change events', () => {
  let sim: ClusterSimulator;
  afterAll(() => sim?.stop());

  it('sends each entity once as a delta, nothing for status changes or a full sync with nothing new, and a delta removal', async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 } } });
    const connection = new RecordingConnection();
    let fullSync: SchedulerServiceTaskInvocationDefinition['fn'] | undefined;
    let provider: KaitoEntityProvider | undefined;
    const { server } = await startTestBackend({
      features: [
        kaitoPlugin,
        eventsServiceFactory,
        createBackendModule({
          pluginId: 'kaito',
          moduleId: 'test-entity-provider',
          register(reg) {
            reg.registerInit({
              deps: { discovery: coreServices.discovery, auth: coreServices.auth, logger: coreServices.logger, events: eventsServiceRef },
              async init({ discovery, auth, logger, events }) {
                provider = new KaitoEntityProvider({
                  discovery,
                  auth,
                  logger,
                  events,
                  // The test runs the full sync when it wants one.
                  taskRunner: { run: async task => void (fullSync = task.fn) },
                });
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            kaito: {
              clusters: [{ name: 'sim', url: sim.url, serviceAccountToken: sim.token, skipTLSVerify: true }],
              controller: { leaderElection: { enabled: false } },
            },
          },
        }),
      ],
    });
    await eventually(async () => {
      const res = await request(server).get('/api/kaito/clusters');
      return res.body.items?.[0] && !res.body.items[0].error ? true : undefined;
    }, 'the cluster to connect');
    await provider!.connect(connection);
    await fullSync!(new AbortController().signal as never);
    expect(connection.mutations).toEqual([{ type: 'full', entities: [] }]);

    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
    const api = KubernetesObjectApi.makeApiClient(kubeConfig);
    await api.create(workspace('alpha'));
    await api.create(workspace('beta'));
    // Both reach Ready: many status changes and child objects, each a change event.
    await eventually(async () => {
      const res = await request(server).get('/api/kaito/workspaces?cluster=sim');
      return res.body.items?.length === 2 && res.body.items.every((i: { state: string }) => i.state === 'Ready') ? true : undefined;
    }, 'both workspaces to be Ready');
    await new Promise(r => setTimeout(r, 500)); // the last change events are coalesced for 100 ms
    const names = (m: EntityProviderMutation) => (m.type === 'delta' ? m.added.map(a => a.entity.metadata.name) : ['full']);
    expect(connection.mutations.slice(1).map(names).sort()).toEqual([['sim-default-alpha'], ['sim-default-beta']]);

    // Nothing changed: a full sync writes nothing.
    await fullSync!(new AbortController().signal as never);
    expect(connection.mutations).toHaveLength(3);

    // A change of a child alone (the Service's label) is not read back: the entity is made from the workspace.
    const readsBefore = provider!.stats.reads;
    await api.patch(
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'alpha', namespace: 'default', labels: { touched: 'yes' } } },
      undefined,
      undefined,
      'test',
      undefined,
      'application/merge-patch+json' as never,
    );
    await new Promise(r => setTimeout(r, 500));
    expect(provider!.stats.reads).toBe(readsBefore);

    // A change the entity shows (the owner) is one delta of that entity.
    await api.patch(
      { apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'beta', namespace: 'default', annotations: { [KaitoAnnotations.backstageOwner]: 'group:default/team-b' } } },
      undefined,
      undefined,
      'test',
      undefined,
      'application/merge-patch+json' as never,
    );
    const ownerChange = await eventually(() => connection.mutations[3], 'the owner change');
    expect(ownerChange).toMatchObject({ type: 'delta', removed: [], added: [{ entity: { metadata: { name: 'sim-default-beta' }, spec: { owner: 'group:default/team-b' } } }] });

    await api.delete({ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'alpha', namespace: 'default' } });
    const removal = await eventually(
      () => connection.mutations.find(m => m.type === 'delta' && m.removed.length > 0),
      'the removal',
    );
    expect(removal).toEqual({ type: 'delta', added: [], removed: [{ entityRef: 'resource:default/sim-default-alpha', locationKey: 'kaito-workspace-provider' }] });
    await new Promise(r => setTimeout(r, 500));
    const before = connection.mutations.length;
    await fullSync!(new AbortController().signal as never);
    expect(connection.mutations).toHaveLength(before);
    expect(provider!.stats).toMatchObject({ mutations: before, entitiesWritten: 3, entitiesRemoved: 1 });
    // The owner change and the removal were read back (and the full syncs), not every child's change.
    expect(provider!.stats.reads).toBeGreaterThanOrEqual(readsBefore + 3);
  });
});
