/*
 * `yarn start` in this folder: the catalog backend with this module (every Kaito workspace as a
 * Resource of type llm-workspace), the Kaito backend plugin it reads, the cluster-simulator module
 * with one simulated cluster, the team and component of ./entities.yaml, and mock auth (every
 * request acts as user:default/mock in group:default/ml-team), on http://localhost:7010.
 *
 *   curl -X POST localhost:7010/api/kaito/workspaces -H 'content-type: application/json' \
 *     -d '{"cluster":"local","namespace":"default","name":"phi","preset":"phi-4-mini-instruct",
 *          "instanceType":"Standard_NC24ads_A100_v4","owner":"group:default/ml-team",
 *          "entityRef":"component:default/support-assistant"}'
 *   curl -s 'localhost:7010/api/catalog/entities?filter=spec.type=llm-workspace'
 */
import { createBackend } from '@backstage/backend-defaults';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';

const port = Number(process.env.KAITO_DEV_PORT ?? 7010);

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
      catalog: {
        rules: [{ allow: ['Component', 'Group', 'User', 'Resource', 'Location'] }],
        locations: [{ type: 'file', target: resolve(__dirname, 'entities.yaml') }],
        // A full sync soon after start, then the events carry each change.
        providers: { kaito: { schedule: { frequency: { minutes: 10 }, timeout: { minutes: 1 }, initialDelay: { seconds: 3 } } } },
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

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('../src'));
backend.add(import('@kaito-backstage/plugin-kaito-backend'));
backend.add(import('@kaito-backstage/plugin-kaito-backend-module-cluster-simulator'));

backend.start();
