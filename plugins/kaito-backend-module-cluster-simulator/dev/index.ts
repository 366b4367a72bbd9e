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
import { createKaitoDevBackend } from '@kaito-backstage/dev-backend';

const backend = createKaitoDevBackend({ defaultPort: 7009 });

// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the dev backend runs the module inside the plugin it extends
backend.add(import('@kaito-backstage/plugin-kaito-backend'));
backend.add(import('../src'));

backend.start();
