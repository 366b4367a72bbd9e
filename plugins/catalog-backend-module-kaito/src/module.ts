import { createBackendModule } from '@backstage/backend-plugin-api';

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
      deps: {},
      async init() {},
    });
  },
});
