import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { kaitoPlugin } from '../plugin';
import { eventually } from './eventually';
import { testOrgServices } from './testOrg';

/** Options of {@link startKaitoApi}. */
export interface KaitoApiOptions {
  /** Extra keys of the `sim` cluster entry, e.g. `mode: 'observe'`. */
  cluster?: object;
  /** Other `kaito.*` config (pricing, quotas, chat…). */
  kaito?: object;
  /** Token of the cluster entry. @default the simulator's admin token */
  token?: string;
  /** Verify the simulator's serving certificate with its CA, as for a real cluster, instead of skipping TLS verification. */
  verifyTls?: boolean;
  /** Other root config beside `kaito` (e.g. `backend.actions`). */
  config?: object;
  /** More features or service factories (e.g. a capturing auditor). */
  features?: BackendFeature[];
}

/**
 * The kaito backend plugin with the test org, managing the simulator as the
 * cluster `sim` (no leader election), once that cluster has connected.
 */
export async function startKaitoApi(sim: ClusterSimulator, options: KaitoApiOptions = {}) {
  const backend = await startTestBackend({
    features: [
      kaitoPlugin,
      ...testOrgServices(),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          kaito: {
            clusters: [
              {
                name: 'sim',
                url: sim.url,
                serviceAccountToken: options.token ?? sim.token,
                ...(options.verifyTls ? { caData: sim.caData } : { skipTLSVerify: true }),
                ...options.cluster,
              },
            ],
            controller: { leaderElection: { enabled: false } },
            ...options.kaito,
          },
        },
      }),
    ],
  });
  await eventually(async () => {
    const res = await request(backend.server).get('/api/kaito/clusters');
    return res.body.items?.[0] && !res.body.items[0].error ? true : undefined;
  }, 'the cluster to connect');
  return backend;
}
