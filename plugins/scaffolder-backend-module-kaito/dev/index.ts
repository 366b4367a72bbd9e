/*
 * `yarn start` in this folder: the scaffolder backend with this module's kaito:workspace:*
 * actions, the Kaito backend plugin they call, the cluster-simulator module with one simulated
 * cluster, a mock catalog of one team and mock auth (every request acts as user:default/mock in
 * group:default/ml-team), on http://localhost:7009.
 *
 *   curl -s localhost:7009/api/scaffolder/v2/actions | grep -o '"id":"kaito:[^"]*"'
 *   curl -s localhost:7009/api/kaito/clusters
 */
import { createKaitoDevBackend } from '@kaito-backstage/dev-backend';

const backend = createKaitoDevBackend({ defaultPort: 7009 });

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('../src'));
backend.add(import('@kaito-backstage/plugin-kaito-backend'));
backend.add(import('@kaito-backstage/plugin-kaito-backend-module-cluster-simulator'));

backend.start();
