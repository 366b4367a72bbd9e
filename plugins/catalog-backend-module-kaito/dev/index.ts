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
import { createKaitoDevBackend } from '@kaito-backstage/dev-backend';
import { resolve } from 'node:path';

const backend = createKaitoDevBackend({
  defaultPort: 7010,
  // The real catalog backend runs here, with the entities of ./entities.yaml.
  mockCatalog: false,
  config: {
    catalog: {
      rules: [{ allow: ['Component', 'Group', 'User', 'Resource', 'Location'] }],
      locations: [{ type: 'file', target: resolve(__dirname, 'entities.yaml') }],
      // A full sync soon after start, then the events carry each change.
      providers: { kaito: { schedule: { frequency: { minutes: 10 }, timeout: { minutes: 1 }, initialDelay: { seconds: 3 } } } },
    },
  },
});

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('../src'));
backend.add(import('@kaito-backstage/plugin-kaito-backend'));
backend.add(import('@kaito-backstage/plugin-kaito-backend-module-cluster-simulator'));

backend.start();
