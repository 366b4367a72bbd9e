/*
 * The portal's backend: Backstage core plugins plus the Kaito plugin suite.
 */

import { createBackend } from '@backstage/backend-defaults';
import { kaitoPermissionPolicyModule } from './modules/permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
// Guest sign-in for the demo (app-config.yaml); app-config.production.yaml turns it off.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider
// GitHub sign-in for production (app-config.production.yaml); see https://backstage.io/docs/auth/github/provider
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// The Kaito teams policy (kaito.policy.mode: teams, the default and production's),
// or allow-all for the guest demo (app-config.yaml sets kaito.policy.mode: allow-all).
backend.add(kaitoPermissionPolicyModule);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Kaito Workspaces: controller and API, scaffolder actions, catalog entities
backend.add(import('@kaito-backstage/plugin-kaito-backend'));
// The demo's cluster: `kaito.clusters` entries of type simulator (app-config.yaml) run in-process.
backend.add(import('@kaito-backstage/plugin-kaito-backend-module-cluster-simulator'));
backend.add(import('@kaito-backstage/plugin-scaffolder-backend-module-kaito'));
backend.add(import('@kaito-backstage/plugin-catalog-backend-module-kaito'));

backend.start();
