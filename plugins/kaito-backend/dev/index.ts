/*
 * `yarn start` in this folder: the Kaito backend plugin alone on http://localhost:7008, with
 * the cluster-simulator module and one simulated cluster, a mock catalog of one team, and
 * mock auth (every request acts as user:default/mock in group:default/ml-team).
 *
 *   curl localhost:7008/api/kaito/clusters
 *   curl -X POST localhost:7008/api/kaito/workspaces -H 'content-type: application/json' \
 *     -d '{"cluster":"local","namespace":"default","name":"phi","preset":"phi-4-mini-instruct",
 *          "instanceType":"Standard_NC24ads_A100_v4","owner":"group:default/ml-team"}'
 */
import { createKaitoDevBackend } from '@kaito-backstage/dev-backend';

const backend = createKaitoDevBackend({
  defaultPort: 7008,
  config: {
    kaito: {
      // Slow enough to watch each provisioning step go by.
      clusters: [
        {
          name: 'local',
          title: 'Local simulator',
          type: 'simulator',
          mode: 'builtin',
          simulator: { provisioningDelayMs: 3000, modelLoadMs: 4000 },
        },
      ],
    },
  },
});

backend.add(import('../src'));
backend.add(import('@kaito-backstage/plugin-kaito-backend-module-cluster-simulator'));

backend.start();
