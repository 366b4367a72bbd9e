import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { kaitoClustersExtensionPoint } from '@kaito-backstage/plugin-kaito-node';
import { startClusterSimulator } from '@kaito-backstage/cluster-sim';

type SimulatorOptions = {
  port?: number;
  snapshotPath?: string;
  provisioningDelayMs?: number;
  modelLoadMs?: number;
  instanceTypeFailures?: Record<string, 'QuotaExceeded' | 'InsufficientCapacity'>;
};

/**
 * Serves `kaito.clusters` entries of `type: simulator` with an in-process
 * cluster simulator on a loopback port, handed to the Kaito controller as a
 * kubeconfig like any real cluster. For demos, development and tests: the
 * simulated cluster has GPU nodes, pods and model servers but runs no model.
 *
 * @public
 */
export const kaitoClusterSimulatorModule = createBackendModule({
  pluginId: 'kaito',
  moduleId: 'cluster-simulator',
  register(reg) {
    reg.registerInit({
      deps: {
        clusters: kaitoClustersExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ clusters, logger }) {
        clusters.addClusterConnector({
          type: 'simulator',
          async connect({ name, options, namespaces = [] }) {
            const o = options as SimulatorOptions;
            const sim = await startClusterSimulator({
              port: o.port,
              snapshotPath: o.snapshotPath,
              behaviour: {
                provisioner: {
                  delayMs: o.provisioningDelayMs,
                  failures: o.instanceTypeFailures,
                },
                kubelet: { modelLoadMs: o.modelLoadMs },
              },
            });
            const namespaceScope = sim.api.scope('', 'v1', 'namespaces');
            for (const namespace of namespaces) {
              if (!sim.store.peek('namespaces', undefined, namespace)) {
                sim.api.create(namespaceScope, { metadata: { name: namespace } }, { fieldManager: 'kaito-backstage' });
              }
            }
            logger.info(
              `Cluster '${name}' is the embedded simulator, serving the Kubernetes API at ${sim.url}`,
            );
            // Dev and test only: with KAITO_SIMULATOR_KUBECONFIG set, the simulator's
            // admin kubeconfig is written to that file ('{cluster}' is replaced by the
            // cluster's name), so browser tests and kubectl can reach the embedded
            // cluster (e.g. to create a model-access Secret). Unset, nothing is written.
            const kubeconfigPath = process.env.KAITO_SIMULATOR_KUBECONFIG;
            if (kubeconfigPath) {
              const path = kubeconfigPath.replaceAll('{cluster}', name);
              await sim.writeKubeconfig(path);
              logger.info(`Wrote the admin kubeconfig of simulator cluster '${name}' to ${path}`);
            }
            return { kubeconfig: sim.kubeconfigYaml(), close: () => sim.stop() };
          },
        });
      },
    });
  },
});
