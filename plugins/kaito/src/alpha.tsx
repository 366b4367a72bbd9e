import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isKaitoWorkspaceAvailable } from './annotations';

/** The entity tab, for the new frontend system. */
const kaitoEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/kaito',
    title: 'LLM workspace',
    filter: isKaitoWorkspaceAvailable,
    loader: () =>
      import('./components/EntityKaitoContent').then(m => (
        <m.EntityKaitoContent />
      )),
  },
});

/**
 * The Kaito plugin for Backstage's new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'kaito',
  extensions: [kaitoEntityContent],
});
