/*
 * The guide's sample policy, installed in the real permission backend as the
 * minimal portal installs it, and asked over its HTTP API as the Kaito
 * backend asks it.
 */
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult, createPermission, Permission } from '@backstage/plugin-permission-common';
import {
  kaitoAuditReadPermission,
  kaitoWorkspaceChatPermission,
  kaitoWorkspaceCreatePermission,
  kaitoWorkspaceDeletePermission,
  kaitoWorkspaceReadPermission,
  kaitoWorkspaceTrustRemoteCodePermission,
  kaitoWorkspaceUpdatePermission,
} from '@kaito-backstage/plugin-kaito-common';
import permissionBackend from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { kaitoPermissionPolicyModule } from './kaitoPermissionPolicy';

const guest = 'user:default/guest';
const groups: Record<string, string[]> = { [guest]: ['group:default/ml-team'] };

async function startPermissionBackend() {
  const { server } = await startTestBackend({
    features: [
      permissionBackend,
      kaitoPermissionPolicyModule,
      mockServices.rootConfig.factory({ data: { permission: { enabled: true } } }),
      mockServices.userInfo.mock({
        async getUserInfo(credentials) {
          const ref = (credentials.principal as { userEntityRef: string }).userEntityRef;
          return { userEntityRef: ref, ownershipEntityRefs: [ref, ...(groups[ref] ?? [])] };
        },
      }).factory,
    ],
  });
  return server;
}

type Server = Awaited<ReturnType<typeof startPermissionBackend>>;

/** The guest's token as the Kaito backend sends it: on behalf of the user, from the kaito plugin. */
const guestViaKaito = `Bearer ${mockCredentials.user.token(guest, { actor: { subject: 'plugin:kaito' } })}`;

async function authorize(server: Server, permission: Permission, authorization: string) {
  const response = await request(server)
    .post('/api/permission/authorize')
    .set('Authorization', authorization)
    .send({ items: [{ id: '1', permission }] });
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
  const { id, ...decision } = response.body.items[0];
  return decision;
}

describe('the guide’s KaitoTeamsPolicy in the permission backend', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startPermissionBackend();
  });

  it('lets a signed-in user read every workspace', async () => {
    expect(await authorize(server, kaitoWorkspaceReadPermission, guestViaKaito)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it.each([
    kaitoWorkspaceCreatePermission,
    kaitoWorkspaceUpdatePermission,
    kaitoWorkspaceDeletePermission,
    kaitoWorkspaceChatPermission,
  ])("allows $name only on workspaces owned by the user or the user's groups", async permission => {
    expect(await authorize(server, permission, guestViaKaito)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'kaito',
      resourceType: 'kaito-workspace',
      conditions: {
        rule: 'IS_WORKSPACE_OWNER',
        resourceType: 'kaito-workspace',
        params: { claims: [guest, 'group:default/ml-team'] },
      },
    });
  });

  it.each([
    kaitoWorkspaceTrustRemoteCodePermission,
    kaitoAuditReadPermission,
    createPermission({ name: 'kaito.workspace.scale', attributes: {} }),
  ])('refuses $name, which is for admins', async permission => {
    expect(await authorize(server, permission, guestViaKaito)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it("leaves other plugins' permissions allowed", async () => {
    const catalogRead = createPermission({ name: 'catalog.entity.read', attributes: { action: 'read' } });
    expect(await authorize(server, catalogRead, guestViaKaito)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
