import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';

/**
 * The Kaito frontend plugin (legacy frontend system).
 *
 * @public
 */
export const kaitoPlugin = createPlugin({
  id: 'kaito',
  routes: {
    root: rootRouteRef,
  },
});

/**
 * Entity tab with the linked Kaito workspace's status.
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
