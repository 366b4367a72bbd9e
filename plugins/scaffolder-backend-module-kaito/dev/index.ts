/*
 * `yarn start` in this folder: the scaffolder backend with this module's kaito:workspace:*
 * actions, the Kaito backend plugin they call, the cluster-simulator module with one simulated
 * cluster, a mock catalog of one team and mock auth (every request acts as user:default/mock in
 * group:default/ml-team), on http://localhost:7009.
 *
 *   curl -s localhost:7009/api/scaffolder/v2/actions | grep -o '"id":"kaito:[^"]*"'
 *   curl -s localhost:7009/api/kaito/clusters
 */
import { createBackend } from '@backstage/backend-defaults';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const port = Number(process.env.KAITO_DEV_PORT ?? 7009);

const backend = createBackend();

backend.add(
  mockServices.rootConfig.factory({
    data: {
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      kaito: {
        clusters: [{ name: 'local', title: 'Local simulator', type: 'simulator', mode: 'builtin' }],
        // One process: no Lease to hold.
        controller: { leaderElection: { enabled: false } },
      },
    },
  }),
);
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () =>
      mockServices.userInfo({
        userEntityRef: 'user:default/mock',
        ownershipEntityRefs: ['user:default/mock', 'group:default/ml-team'],
      }),
  }),
);
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

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('../src'));
backend.add(import('@kaito-backstage/plugin-kaito-backend'));
backend.add(import('@kaito-backstage/plugin-kaito-backend-module-cluster-simulator'));

backend.start();
