import {
  ApiBlueprint,
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
import { isKaitoWorkspaceAvailable } from '../annotations';
import { kaitoApiRef } from '../api/KaitoApi';
import { KaitoClient } from '../api/KaitoClient';
import { rootRouteRef } from '../routes';

/** The Kaito REST client. @internal */
export const kaitoApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: kaitoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KaitoClient({ discoveryApi, fetchApi }),
    }),
});

/** The "LLM workspace" entity tab. @internal */
export const kaitoEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/kaito',
    title: 'LLM workspace',
    filter: isKaitoWorkspaceAvailable,
    loader: () =>
      import('../components/EntityKaitoContent').then(m => (
        <m.EntityKaitoContent />
      )),
  },
});

/** The "LLM workspaces" page, at `/kaito` unless the app configures another path. @internal */
export const kaitoWorkspacesPage = PageBlueprint.make({
  params: {
    path: '/kaito',
    title: 'LLM workspaces',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('../components/WorkspacesPage/WorkspacesPage').then(m => (
        <m.WorkspacesPage />
      )),
  },
});

/** Scaffolder field `KaitoPresetPicker`. @internal */
export const kaitoPresetPickerField = FormFieldBlueprint.make({
  name: 'kaito-preset-picker',
  params: {
    field: () =>
      import('../scaffolder/KaitoPresetPicker/KaitoPresetPicker').then(m =>
        createFormField({
          name: 'KaitoPresetPicker',
          component: m.KaitoPresetPicker,
        }),
      ),
  },
});

/** Scaffolder field `KaitoGpuShapePicker`. @internal */
export const kaitoGpuShapePickerField = FormFieldBlueprint.make({
  name: 'kaito-gpu-shape-picker',
  params: {
    field: () =>
      import('../scaffolder/KaitoGpuShapePicker/KaitoGpuShapePicker').then(m =>
        createFormField({
          name: 'KaitoGpuShapePicker',
          component: m.KaitoGpuShapePicker,
          validation: m.validateGpuShape,
        }),
      ),
  },
});

/** Scaffolder field `KaitoReplicasPicker`. @internal */
export const kaitoReplicasPickerField = FormFieldBlueprint.make({
  name: 'kaito-replicas-picker',
  params: {
    field: () =>
      import('../scaffolder/KaitoReplicasPicker/KaitoReplicasPicker').then(m =>
        createFormField({
          name: 'KaitoReplicasPicker',
          component: m.KaitoReplicasPicker,
          validation: m.validateReplicas,
        }),
      ),
  },
});

/** Scaffolder field `KaitoModelAccessSecret`. @internal */
export const kaitoModelAccessSecretField = FormFieldBlueprint.make({
  name: 'kaito-model-access-secret',
  params: {
    field: () =>
      import(
        '../scaffolder/KaitoModelAccessSecret/KaitoModelAccessSecret'
      ).then(m =>
        createFormField({
          name: 'KaitoModelAccessSecret',
          component: m.KaitoModelAccessSecret,
          validation: m.validateModelAccessSecret,
        }),
      ),
  },
});

/** Scaffolder field `KaitoResourceName`. @internal */
export const kaitoResourceNameField = FormFieldBlueprint.make({
  name: 'kaito-resource-name',
  params: {
    field: () =>
      import('../scaffolder/KaitoResourceName/KaitoResourceName').then(m =>
        createFormField({
          name: 'KaitoResourceName',
          component: m.KaitoResourceName,
          validation: m.validateResourceName,
        }),
      ),
  },
});
