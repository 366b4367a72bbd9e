import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readKaitoConfig } from './config';
import { kaitoClustersExtensionPoint, KaitoClusterConnector } from './extensions';
import { ClusterManager } from './cluster/ClusterManager';
import { createReconciler } from './controller/createReconciler';
import { createRouter } from './service/router';

/**
 * The Kaito backend plugin: workspace controller, REST API and chat proxy.
 *
 * @public
 */
export const kaitoPlugin = createBackendPlugin({
  pluginId: 'kaito',
  register(env) {
    const connectors = new Map<string, KaitoClusterConnector>();
    env.registerExtensionPoint(kaitoClustersExtensionPoint, {
      addClusterConnector(connector) {
        if (connectors.has(connector.type)) {
          throw new Error(`A kaito cluster connector for type '${connector.type}' is already installed`);
        }
        connectors.set(connector.type, connector);
      },
    });

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
      },
      async init({ logger, config, httpRouter, lifecycle }) {
        const kaitoConfig = readKaitoConfig(config);
        const clusters = new ClusterManager({
          config: kaitoConfig,
          connectors,
          logger,
          reconcile: cluster => createReconciler(cluster, kaitoConfig),
        });
        clusters.start();
        lifecycle.addShutdownHook(() => clusters.stop());

        httpRouter.use(await createRouter({ logger }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
