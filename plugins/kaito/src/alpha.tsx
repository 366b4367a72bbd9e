import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  createFromTemplateRouteRef,
  rootRouteRef,
  workspaceRouteRef,
} from './routes';
import {
  kaitoApi,
  kaitoEntityContent,
  kaitoGpuShapePickerField,
  kaitoPresetPickerField,
  kaitoResourceNameField,
  kaitoModelAccessSecretField,
  kaitoReplicasPickerField,
  kaitoWorkspacesPage,
} from './alpha/extensions';

export { kaitoTranslationRef } from './translation';

/**
 * The Kaito plugin for Backstage's new frontend system: the API, the
 * entity tab, the workspaces page and the scaffolder fields.
 *
 * Bind `externalRoutes.createFromTemplate` to the scaffolder's
 * `selectedTemplate` route so the "Deploy LLM" hints link to the template
 * (`app.routes.bindings: { kaito.createFromTemplate: scaffolder.selectedTemplate }`).
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'kaito',
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    workspace: convertLegacyRouteRef(workspaceRouteRef),
  },
  externalRoutes: {
    createFromTemplate: convertLegacyRouteRef(createFromTemplateRouteRef),
  },
  extensions: [
    kaitoApi,
    kaitoEntityContent,
    kaitoWorkspacesPage,
    kaitoPresetPickerField,
    kaitoGpuShapePickerField,
    kaitoResourceNameField,
    kaitoModelAccessSecretField,
    kaitoReplicasPickerField,
  ],
});
