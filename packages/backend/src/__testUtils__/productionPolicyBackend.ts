import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthService, BackstageUserInfo, coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import kaitoPlugin from '@kaito-backstage/plugin-kaito-backend';
import { ClusterSimulator, startClusterSimulator } from '@kaito-backstage/cluster-sim';
import { kaitoPermissionPolicyModule } from '../modules/permissionPolicy';
import { testSignInModule } from './testSignIn';

/** A catalog Group in the default namespace. */
export const groupEntity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

/**
 * The mock auth service, except that a plugin's on-behalf-of token carries
 * the calling plugin as the user's actor, as Backstage's real auth service
 * does (DefaultAuthService): the permission backend refuses a resource
 * permission without a resourceRef only to direct user requests.
 */
const oboActorAuthFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const inner = mockServices.auth({ pluginId: plugin.getId() });
    return Object.assign(Object.create(inner), {
      async authenticate(token: string, options?: { allowLimitedAccess?: boolean }) {
        const credentials = await inner.authenticate(token, options);
        const obo = /^mock-service-token:(\{.*\})$/.exec(token);
        const claims = obo ? (JSON.parse(obo[1]) as { obo?: string }) : undefined;
        // Only the kaito plugin calls on behalf of users in this backend.
        return claims?.obo ? mockCredentials.user(claims.obo, { actor: { subject: 'plugin:kaito' } }) : credentials;
      },
    });
  },
});

/**
 * The features of a backend that runs the Kaito API under the shipped
 * permission policy: the real permission backend and client, the real
 * httpAuth, a catalog holding `entities`, and users whose groups are `members`.
 * The test adds its own root config.
 *
 * `auth: 'mock'` (the default) authenticates Backstage's mock tokens, with
 * the users' groups from `members`. `auth: 'real'` is Backstage's own auth
 * and userInfo services and its auth backend, with `testSignInModule`
 * signing in the users of `members`: user tokens are JWTs the auth backend
 * signed, checked against its published keys; the users' groups are the
 * auth backend's user info (not in the tokens, by default); and plugins call
 * each other with signed plugin tokens. Its root config adds
 * {@link REAL_AUTH_CONFIG}.
 */
export function productionPolicyFeatures(options: { entities: Entity[]; members: Record<string, string[]>; auth?: 'mock' | 'real' }) {
  const identity =
    options.auth === 'real'
      ? [authServiceFactory, userInfoServiceFactory, authPlugin, testSignInModule(options.members)]
      : [
          oboActorAuthFactory,
          // A plain factory, not mockServices' jest mock: the chat benchmark runs this backend outside Jest.
          createServiceFactory({
            service: coreServices.userInfo,
            deps: {},
            factory: () => ({
              async getUserInfo(credentials): Promise<BackstageUserInfo> {
                const ref = (credentials.principal as { userEntityRef: string }).userEntityRef;
                return { userEntityRef: ref, ownershipEntityRefs: [ref, ...(options.members[ref] ?? [])] };
              },
            }),
          }),
        ];
  return [
    kaitoPlugin,
    permissionPlugin,
    kaitoPermissionPolicyModule,
    // The real permissions client: decisions come from the permission backend and its policy.
    permissionsServiceFactory,
    ...identity,
    // The real httpAuth, so requests are authenticated by the auth service above.
    httpAuthServiceFactory,
    catalogServiceMock.factory({ entities: options.entities }),
  ];
}

/** What the root config of `productionPolicyFeatures({ auth: 'real' })` adds: the app the auth backend serves, and its test sign-in. */
export const REAL_AUTH_CONFIG = { app: { baseUrl: 'http://localhost:3000' }, auth: { providers: { test: {} } } };

/**
 * The root config of a portal on the shipped `teams` policy, with the
 * permission framework on and `sim` as its one cluster; `kaito` adds to (or
 * replaces) the plugin's other keys.
 */
export function teamsPolicyConfig(options: { sim: { url: string; token: string }; admins?: string[]; kaito?: Record<string, unknown> }) {
  return {
    permission: { enabled: true },
    kaito: {
      policy: { mode: 'teams', admins: options.admins ?? [] },
      // Plain HTTP to the simulator (skipTLSVerify only lets client-node accept http://).
      clusters: [{ name: 'sim', url: options.sim.url, serviceAccountToken: options.sim.token, skipTLSVerify: true }],
      controller: { leaderElection: { enabled: false } },
      ...options.kaito,
    },
  };
}

/** A simulator on plain HTTP where nothing waits (nodes, image pulls, model loads, tokens), holding these namespaces. */
export async function startInstantSimulator(namespaces: string[]): Promise<ClusterSimulator> {
  const sim = await startClusterSimulator({
    tls: false,
    behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 }, modelServer: { tokenDelayMs: 0 } },
  });
  await createNamespaces(sim, namespaces);
  return sim;
}

/** Waits (up to 20 s) until the portal at `server` has connected to its one cluster, as the caller with `authorization` sees it. */
export async function waitForCluster(server: Server, authorization: string): Promise<void> {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/kaito/clusters`;
  for (let i = 0; ; i++) {
    const body = (await (await fetch(url, { headers: { Authorization: authorization } })).json()) as { items?: Array<{ error?: unknown }> };
    if (body.items?.[0] && !body.items[0].error) return;
    if (i > 200) throw new Error(`the cluster did not connect: ${JSON.stringify(body)}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** Creates namespaces on the simulator with its admin token. */
export async function createNamespaces(sim: ClusterSimulator, names: string[]): Promise<void> {
  for (const name of names) {
    const res = await fetch(`${sim.url}/api/v1/namespaces`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
    });
    if (res.status !== 201) throw new Error(`namespace ${name}: ${res.status} ${await res.text()}`);
  }
}
