import { coreServices, createBackendModule, readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { KaitoEntityProvider } from './providers/KaitoEntityProvider';

/**
 * Catalog module that mirrors Kaito workspaces as `Resource` entities of type
 * `llm-workspace`.
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
      },
      async init({ catalog, config, discovery, auth, logger, scheduler }) {
        const scheduleConfig = config.getOptionalConfig('catalog.providers.kaito.schedule');
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : { frequency: { seconds: 10 }, timeout: { minutes: 1 }, initialDelay: { seconds: 3 } };
        catalog.addEntityProvider(
          new KaitoEntityProvider({
            discovery,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
            appBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
        );
      },
    });
  },
});
