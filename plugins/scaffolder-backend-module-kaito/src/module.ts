import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

/**
 * Scaffolder module with the `kaito:workspace:*` actions.
 *
 * @public
 */
export const scaffolderModuleKaito = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kaito',
  register(reg) {
    reg.registerInit({
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        scaffolderActions.addActions();
      },
    });
  },
});
