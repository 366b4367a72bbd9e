import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { isKaitoTabAvailable } from './annotations';
import { kaitoApiRef } from './api/KaitoApi';
import { KaitoClient } from './api/KaitoClient';
import { rootRouteRef } from './routes';

/** The Kaito REST client. */
const kaitoApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: kaitoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KaitoClient({ discoveryApi, fetchApi }),
    }),
});

/** The "LLM workspace" entity tab. */
const kaitoEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/kaito',
    title: 'LLM workspace',
    filter: isKaitoTabAvailable,
    loader: () =>
      import('./components/EntityKaitoContent').then(m => (
        <m.EntityKaitoContent />
      )),
  },
});

/** The "LLM workspaces" page at `/kaito`. */
const kaitoWorkspacesPage = PageBlueprint.make({
  params: {
    path: '/kaito',
    title: 'LLM workspaces',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/WorkspacesPage/WorkspacesPage').then(m => (
        <m.WorkspacesPage />
      )),
  },
});

const kaitoPresetPickerField = FormFieldBlueprint.make({
  name: 'kaito-preset-picker',
  params: {
    field: () =>
      import('./scaffolder/KaitoPresetPicker/KaitoPresetPicker').then(m =>
        createFormField({
          name: 'KaitoPresetPicker',
          component: m.KaitoPresetPicker,
        }),
      ),
  },
});

const kaitoGpuShapePickerField = FormFieldBlueprint.make({
  name: 'kaito-gpu-shape-picker',
  params: {
    field: () =>
      import('./scaffolder/KaitoGpuShapePicker/KaitoGpuShapePicker').then(m =>
        createFormField({
          name: 'KaitoGpuShapePicker',
          component: m.KaitoGpuShapePicker,
        }),
      ),
  },
});

/**
 * The Kaito plugin for Backstage's new frontend system: the API, the
 * entity tab, the workspaces page and the two scaffolder fields.
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
  ],
});
