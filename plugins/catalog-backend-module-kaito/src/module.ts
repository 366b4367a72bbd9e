import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { readKaitoProviderConfig } from './config';
import { KaitoEntityProvider } from './providers/KaitoEntityProvider';
import { KaitoWorkspaceRelationsProcessor } from './processors/KaitoWorkspaceRelationsProcessor';

/**
 * Catalog module that mirrors Kaito workspaces as `Resource` entities of type
 * `llm-workspace`, on the kaito backend's change events and a periodic full sync,
 * and relates each to the entities it serves (`hasLlmWorkspace`).
 *
 * @public
 */
export const catalogModuleKaitoEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kaito-entity-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({ catalog, config, discovery, auth, logger, scheduler, events }) {
        const { schedule, appBaseUrl, workspacesPath } = readKaitoProviderConfig(config);
        catalog.addEntityProvider(
          new KaitoEntityProvider({
            discovery,
            auth,
            logger,
            events,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
            appBaseUrl,
            workspacesPath,
          }),
        );
        // Lets a served entity's page see its workspaces from its own relations.
        catalog.addProcessor(new KaitoWorkspaceRelationsProcessor());
      },
    });
  },
});
