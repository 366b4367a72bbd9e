import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import {
  kaitoAuditReadPermission,
  kaitoWorkspaceChatPermission,
  kaitoWorkspaceCreatePermission,
  kaitoWorkspaceDeletePermission,
  kaitoWorkspaceReadPermission,
  kaitoWorkspaceUpdatePermission,
} from '@kaito-backstage/plugin-kaito-common';
import { KaitoTeamsPolicy, readKaitoPolicyConfig } from './permissionPolicy';

const userInfo = mockServices.userInfo.mock({
  async getUserInfo(credentials) {
    const ref = (credentials.principal as { userEntityRef: string }).userEntityRef;
    const groups: Record<string, string[]> = {
      'user:default/alice': ['group:default/ML-Team'],
      'user:default/root': ['group:default/platform-admins'],
    };
    return { userEntityRef: ref, ownershipEntityRefs: [ref, ...(groups[ref] ?? [])] };
  },
});
const policy = new KaitoTeamsPolicy({ admins: ['group:default/platform-admins'], userInfo });
const as = (ref: string) => ({ credentials: mockCredentials.user(ref), info: { userEntityRef: ref, ownershipEntityRefs: [] } });

describe('KaitoTeamsPolicy', () => {
  it('lets everyone signed in read workspaces', async () => {
    expect(await policy.handle({ permission: kaitoWorkspaceReadPermission }, as('user:default/alice'))).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it("allows create, update (like delete) and chat only on the user's groups' workspaces, as a condition on the lower-cased owner", async () => {
    for (const permission of [kaitoWorkspaceCreatePermission, kaitoWorkspaceUpdatePermission, kaitoWorkspaceDeletePermission, kaitoWorkspaceChatPermission]) {
      expect(await policy.handle({ permission }, as('user:default/alice'))).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'kaito',
        resourceType: 'kaito-workspace',
        conditions: {
          rule: 'IS_WORKSPACE_OWNER',
          resourceType: 'kaito-workspace',
          params: { claims: ['user:default/alice', 'group:default/ml-team'] },
        },
      });
    }
  });

  it('allows admins everything, the whole audit log included', async () => {
    expect(await policy.handle({ permission: kaitoWorkspaceCreatePermission }, as('user:default/root'))).toEqual({ result: AuthorizeResult.ALLOW });
    expect(await policy.handle({ permission: kaitoWorkspaceUpdatePermission }, as('user:default/root'))).toEqual({ result: AuthorizeResult.ALLOW });
    expect(await policy.handle({ permission: kaitoAuditReadPermission }, as('user:default/root'))).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('keeps the whole audit log and unknown kaito permissions from other users', async () => {
    expect(await policy.handle({ permission: kaitoAuditReadPermission }, as('user:default/alice'))).toEqual({ result: AuthorizeResult.DENY });
    const later = createPermission({ name: 'kaito.workspace.scale', attributes: {} });
    expect(await policy.handle({ permission: later }, as('user:default/alice'))).toEqual({ result: AuthorizeResult.DENY });
  });

  it('refuses every kaito permission without a user, and leaves other plugins alone', async () => {
    expect(await policy.handle({ permission: kaitoWorkspaceReadPermission })).toEqual({ result: AuthorizeResult.DENY });
    const catalogRead = createPermission({ name: 'catalog.entity.read', attributes: { action: 'read' } });
    expect(await policy.handle({ permission: catalogRead })).toEqual({ result: AuthorizeResult.ALLOW });
  });
});

describe('readKaitoPolicyConfig', () => {
  it('is the teams policy with no admins unless configured', () => {
    expect(readKaitoPolicyConfig(new ConfigReader({}))).toEqual({ mode: 'teams', admins: [] });
  });
  it('makes admin groups canonical and refuses users and unknown modes', () => {
    expect(readKaitoPolicyConfig(new ConfigReader({ kaito: { policy: { admins: ['group:default/Platform-Admins'] } } })).admins).toEqual([
      'group:default/platform-admins',
    ]);
    expect(() => readKaitoPolicyConfig(new ConfigReader({ kaito: { policy: { admins: ['user:default/root'] } } }))).toThrow(
      "kaito.policy.admins[0]: 'user:default/root' is a user, not a group",
    );
    expect(() => readKaitoPolicyConfig(new ConfigReader({ kaito: { policy: { mode: 'open' } } }))).toThrow(
      "Invalid config kaito.policy.mode 'open'; use teams or allow-all",
    );
  });
});
