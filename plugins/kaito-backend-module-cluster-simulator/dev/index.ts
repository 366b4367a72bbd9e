/*
 * `yarn start` in this folder: this module inside the Kaito backend plugin on
 * http://localhost:7009 (KAITO_DEV_PORT), serving one simulated cluster `local`,
 * with a mock catalog of one team and mock auth. Try:
 *
 *   curl localhost:7009/api/kaito/clusters
 *
 * KAITO_SIMULATOR_KUBECONFIG=/tmp/{cluster}.kubeconfig writes the simulated
 * cluster's admin kubeconfig, for kubectl.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const port = Number(process.env.KAITO_DEV_PORT ?? 7009);

const backend = createBackend();

backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      kaito: {
        clusters: [{ name: 'local', title: 'Local simulator', type: 'simulator', mode: 'builtin' }],
        controller: { leaderElection: { enabled: false } },
      },
    },
  }),
);
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'ml-team', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
    ],
  }),
);

// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the dev backend runs the module inside the plugin it extends
backend.add(import('@kaito-backstage/plugin-kaito-backend'));
backend.add(import('../src'));

backend.start();
