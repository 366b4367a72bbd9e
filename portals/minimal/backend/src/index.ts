/*
 * The minimal portal's backend: the core plugins a create-app portal has,
 * plus the Kaito plugins wired exactly as docs/add-to-your-portal.md says
 * (guide.test.ts checks that the guide's blocks are in this file).
 */
import { createBackend } from '@backstage/backend-defaults';
import { kaitoPermissionPolicyModule } from './kaitoPermissionPolicy';

const backend = createBackend();

// auth: guest sign-in (app-config.yaml), as a fresh create-app portal has
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog and scaffolder
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend'));

// permission framework with the guide's policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(kaitoPermissionPolicyModule);

// Kaito Workspaces: the controller and REST API, the scaffolder actions and the catalog entities
backend.add(import('@kaito-backstage/plugin-kaito-backend'));
backend.add(import('@kaito-backstage/plugin-scaffolder-backend-module-kaito'));
backend.add(import('@kaito-backstage/plugin-catalog-backend-module-kaito'));
// Only to try it without a cluster: serves `kaito.clusters` entries of `type: simulator`
backend.add(
  import('@kaito-backstage/plugin-kaito-backend-module-cluster-simulator'),
);

backend.start();
