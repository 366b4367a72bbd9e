import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { rootRouteRef } from './routes';
import {
  kaitoApi,
  kaitoEntityContent,
  kaitoGpuShapePickerField,
  kaitoPresetPickerField,
  kaitoResourceNameField,
  kaitoModelAccessSecretField,
  kaitoWorkspacesPage,
} from './alpha/extensions';

/**
 * The Kaito plugin for Backstage's new frontend system: the API, the
 * entity tab, the workspaces page and the scaffolder fields.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'kaito',
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [
    kaitoApi,
    kaitoEntityContent,
    kaitoWorkspacesPage,
    kaitoPresetPickerField,
    kaitoGpuShapePickerField,
    kaitoResourceNameField,
    kaitoModelAccessSecretField,
  ],
});
