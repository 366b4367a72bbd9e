/**
 * Sign-in for test and benchmark backends only, never for a portal: an auth
 * provider `test` that signs in any user listed in `members`, so a test can
 * hold real Backstage user tokens (JWTs the auth backend signed with its own
 * key) for its users; `productionPolicyFeatures({ auth: 'real' })` adds it,
 * with `@backstage/plugin-auth-backend`, whose config needs
 * `auth.providers.test: {}`. The portal's backend (src/index.ts) never does.
 *
 * `GET /api/auth/test/refresh?user=<name>` answers as any provider's refresh
 * does: `backstageIdentity.token` is the token of `user:default/<name>`,
 * whose groups are the ones `members` gives it.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { authProvidersExtensionPoint, createProxyAuthProviderFactory, createProxyAuthenticator } from '@backstage/plugin-auth-node';

export function testSignInModule(members: Record<string, string[]>) {
  return createBackendModule({
    pluginId: 'auth',
    moduleId: 'test-sign-in',
    register(reg) {
      reg.registerInit({
        deps: { providers: authProvidersExtensionPoint },
        async init({ providers }) {
          providers.registerProvider({
            providerId: 'test',
            factory: createProxyAuthProviderFactory({
              authenticator: createProxyAuthenticator({
                defaultProfileTransform: async (result: { userEntityRef: string }) => ({ profile: { displayName: result.userEntityRef } }),
                initialize: () => undefined,
                async authenticate({ req }) {
                  const userEntityRef = `user:default/${String(req.query.user ?? '')}`;
                  if (!members[userEntityRef]) throw new NotAllowedError(`the test provider signs in its listed users only, not ${userEntityRef}`);
                  return { result: { userEntityRef } };
                },
              }),
              signInResolver: async ({ result: { userEntityRef } }, ctx) =>
                ctx.issueToken({ claims: { sub: userEntityRef, ent: [userEntityRef, ...members[userEntityRef]] } }),
            }),
          });
        },
      });
    },
  });
}

/** A user's real token from a backend with {@link testSignInModule}. */
export async function signInAs(baseUrl: string, name: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/test/refresh?user=${encodeURIComponent(name)}`);
  if (!res.ok) throw new Error(`sign-in of ${name}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()).backstageIdentity.token;
}
