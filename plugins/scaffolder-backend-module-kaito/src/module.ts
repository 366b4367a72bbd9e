import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createKaitoCreateWorkspaceAction,
  createKaitoRenderWorkspaceAction,
  createKaitoTuneWorkspaceAction,
  createKaitoWaitWorkspaceAction,
} from './actions';
import { KaitoBackendClient } from './client/KaitoBackendClient';

/**
 * Scaffolder module with the `kaito:workspace:create`, `tune`, `wait` and
 * `render` actions. They call the kaito backend over HTTP.
 *
 * @public
 */
export const scaffolderModuleKaito = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kaito',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolderActions, discovery, auth }) {
        const client = new KaitoBackendClient({ discovery, auth });
        scaffolderActions.addActions(
          createKaitoCreateWorkspaceAction({ client }),
          createKaitoTuneWorkspaceAction({ client }),
          createKaitoWaitWorkspaceAction({ client }),
          createKaitoRenderWorkspaceAction({ client }),
        );
      },
    });
  },
});
