import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { kaitoApiRef } from './api/KaitoApi';
import { KaitoClient } from './api/KaitoClient';
import { createFromTemplateRouteRef, rootRouteRef } from './routes';

/**
 * The Kaito frontend plugin (legacy frontend system).
 *
 * @public
 */
export const kaitoPlugin = createPlugin({
  id: 'kaito',
  apis: [
    createApiFactory({
      api: kaitoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KaitoClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
  externalRoutes: {
    createFromTemplate: createFromTemplateRouteRef,
  },
});

/**
 * The "LLM workspaces" page: all workspaces across clusters, and each one's
 * live view under `<cluster>/<namespace>/<name>`. Mount it at any path
 * (the demo portal uses `/kaito`); links find it through its route ref.
 *
 * @public
 */
export const KaitoWorkspacesPage = kaitoPlugin.provide(
  createRoutableExtension({
    name: 'KaitoWorkspacesPage',
    component: () =>
      import('./components/WorkspacesPage/WorkspacesPage').then(
        m => m.WorkspacesPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity tab with the linked Kaito workspaces' status and chat.
 *
 * @public
 */
export const EntityKaitoContent = kaitoPlugin.provide(
  createComponentExtension({
    name: 'EntityKaitoContent',
    component: {
      lazy: () =>
        import('./components/EntityKaitoContent').then(
          m => m.EntityKaitoContent,
        ),
    },
  }),
);
