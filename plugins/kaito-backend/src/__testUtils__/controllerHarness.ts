import { KubeConfig, KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startClusterSimulator, ClusterSimulator, ClusterSimulatorOptions } from '@kaito-backstage/cluster-sim';
import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { readKaitoConfig } from '../config';
import { createReconciler, ReconcilerOptions } from '../controller/createReconciler';
import { WorkspaceController } from '../controller/WorkspaceController';
import { ControllerMetrics } from '../controller/metrics/ControllerMetrics';
import { applyShippedRbac, ShippedRbac } from './shippedRbac';

/** A simulated cluster with the workspace controller running against it, for tests. */
export interface ControllerHarness {
  sim: ClusterSimulator;
  /** The admin's kubeconfig (the test's own reads and writes). */
  kubeConfig: KubeConfig;
  /** With `rbac: 'shipped'`: the ServiceAccount whose token the controller uses. */
  rbac?: ShippedRbac;
  objects: KubernetesObjectApi;
  /** The first controller (undefined with `startController: false`). */
  controller: WorkspaceController;
  /** Starts another controller replica on the same cluster, with fresh memory. */
  startReplica(overrides?: object): Promise<WorkspaceController>;
  apply<T extends object>(object: T): Promise<T>;
  getWorkspace(name: string, namespace?: string): Promise<Workspace | undefined>;
  /** Polls the API server until the workspace satisfies `check`; fails with its last status. */
  waitForWorkspace(name: string, check: (ws: Workspace) => boolean, what: string, timeoutMs?: number): Promise<Workspace>;
  list(apiVersion: string, kind: string, namespace?: string, labelSelector?: string): Promise<KubernetesObject[]>;
  stop(): Promise<void>;
}

export const FAST_SIMULATION: ClusterSimulatorOptions['behaviour'] = {
  provisioner: { delayMs: 0 },
  kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 },
  jobs: { durationMs: 0 },
  modelServer: { tokenDelayMs: 0 },
};

/** @internal */
export interface ControllerHarnessOptions {
  simulator?: ClusterSimulatorOptions;
  /** `kaito.*` config of every replica. */
  kaito?: object;
  /** More `kaito.clusters[0]` config, e.g. `{ provisioner: 'karpenter' }`. */
  cluster?: object;
  /** Mark the cluster `type: simulator`, as the embedded one is (placeholder images pass). */
  simulated?: boolean;
  /** Start the first replica at once. @default true */
  startController?: boolean;
  reconciler?: ReconcilerOptions;
  metrics?: ControllerMetrics;
  /**
   * `shipped` (the default): apply manifests/rbac.yaml and give the controller a token of its
   * ServiceAccount, so it has only the rights the shipped RBAC grants, as on a real cluster; `admin`:
   * the simulator's admin token, for tests of what the shipped RBAC deliberately does not grant.
   */
  rbac?: 'admin' | 'shipped';
}

export async function startControllerHarness(options: ControllerHarnessOptions = {}): Promise<ControllerHarness> {
  const sim = await startClusterSimulator({ behaviour: FAST_SIMULATION, ...options.simulator });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sim.kubeconfigYaml());
  const objects = KubernetesObjectApi.makeApiClient(kubeConfig);
  const rbac = (options.rbac ?? 'shipped') === 'shipped' ? await applyShippedRbac(sim) : undefined;
  const replicas: WorkspaceController[] = [];

  async function startReplica(overrides: object = {}) {
    const config = readKaitoConfig(
      new ConfigReader({
        kaito: {
          clusters: [{ name: 'sim', url: sim.url, serviceAccountToken: rbac?.token ?? sim.token, ...options.cluster }],
          controller: { leaderElection: { enabled: false } },
          ...options.kaito,
          ...overrides,
        },
      }),
    );
    const cluster = options.simulated ? { ...config.clusters[0], type: 'simulator' as const } : config.clusters[0];
    const controller = new WorkspaceController({
      cluster,
      kubeConfig: rbac?.kubeConfig ?? kubeConfig,
      config: config.controller,
      logger: mockServices.logger.mock(),
      reconcile: createReconciler(cluster, config, options.reconciler),
      metrics: options.metrics,
    });
    replicas.push(controller);
    await controller.start();
    return controller;
  }
  const controller = options.startController === false ? (undefined as unknown as WorkspaceController) : await startReplica();

  const getWorkspace = async (name: string, namespace = 'default') => {
    try {
      return (await objects.read({
        apiVersion: 'kaito.sh/v1beta1',
        kind: 'Workspace',
        metadata: { name, namespace },
      })) as unknown as Workspace;
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  };

  return {
    sim,
    kubeConfig,
    rbac,
    objects,
    controller,
    startReplica,
    apply: async object => {
      const o = object as KubernetesObject;
      const withNamespace = { ...o, metadata: { namespace: 'default', ...o.metadata } };
      return (await objects.create(withNamespace)) as unknown as typeof object;
    },
    getWorkspace,
    async waitForWorkspace(name, check, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last: Workspace | undefined;
      for (;;) {
        last = await getWorkspace(name);
        if (last && check(last)) return last;
        if (Date.now() > deadline) {
          throw new Error(
            `workspace ${name} did not become ${what} within ${timeoutMs} ms; last status: ${JSON.stringify(last?.status, null, 1)}`,
          );
        }
        await new Promise(r => setTimeout(r, 25));
      }
    },
    async list(apiVersion, kind, namespace, labelSelector) {
      const result = await objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector);
      return result.items;
    },
    async stop() {
      await Promise.all(replicas.map(r => r.stop()));
      await sim.stop();
    },
  };
}
