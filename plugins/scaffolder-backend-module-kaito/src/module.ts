import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createKaitoCreateWorkspaceAction,
  createKaitoRenderWorkspaceAction,
  createKaitoTuneWorkspaceAction,
  createKaitoWaitWorkspaceAction,
} from './actions';
import { readWorkspacesPath } from '@kaito-backstage/plugin-kaito-common';
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
        config: coreServices.rootConfig,
      },
      async init({ scaffolderActions, discovery, auth, config }) {
        const deps = { client: new KaitoBackendClient({ discovery, auth }), workspacesPath: readWorkspacesPath(config) };
        scaffolderActions.addActions(
          createKaitoCreateWorkspaceAction(deps),
          createKaitoTuneWorkspaceAction(deps),
          createKaitoWaitWorkspaceAction(deps),
          createKaitoRenderWorkspaceAction(deps),
        );
      },
    });
  },
});
