/**
 * What the `dev/index.ts` entries of the Kaito backend packages share (`yarn start` in
 * those folders): a backend on one port with the simulated cluster `local`, an in-memory
 * database, mock auth where every request acts as user:default/mock in group:default/ml-team,
 * and, unless the real catalog runs, a mock catalog holding that team. Each entry adds the
 * plugins it runs. A private package, so none of this becomes a published API.
 *
 * @packageDocumentation
 */
import { createBackend } from '@backstage/backend-defaults';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { mergeConfig } from './mergeConfig';

/** The user every request of a dev backend acts as, and its team (the owner to create workspaces for). */
const DEV_USER = 'user:default/mock';
const DEV_TEAM = 'group:default/ml-team';

export interface KaitoDevBackendOptions {
  /** Where to listen when KAITO_DEV_PORT is unset; each entry has its own so several can run. */
  defaultPort: number;
  /** Laid over the shared config (objects merge, arrays such as `kaito.clusters` are replaced). */
  config?: JsonObject;
  /** `false` when the entry runs the real catalog backend; default a mock catalog holding the team. */
  mockCatalog?: boolean;
}

/** The config every dev entry starts from, on `port`. */
function devBackendConfig(port: number): JsonObject {
  return {
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
  };
}

/** A backend with the shared config and mock services; add the plugins, then `start()` it. */
export function createKaitoDevBackend(options: KaitoDevBackendOptions) {
  const port = Number(process.env.KAITO_DEV_PORT ?? options.defaultPort);
  const backend = createBackend();
  backend.add(mockServices.rootConfig.factory({ data: mergeConfig(devBackendConfig(port), options.config ?? {}) }));
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(
    createServiceFactory({
      service: coreServices.userInfo,
      deps: {},
      factory: () => mockServices.userInfo({ userEntityRef: DEV_USER, ownershipEntityRefs: [DEV_USER, DEV_TEAM] }),
    }),
  );
  if (options.mockCatalog !== false) {
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
  }
  return backend;
}
