import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  kaitoWorkspaceChatPermission,
  kaitoWorkspaceCreatePermission,
  kaitoWorkspaceDeletePermission,
  kaitoWorkspaceReadPermission,
  kaitoWorkspaceUpdatePermission,
} from '@kaito-backstage/plugin-kaito-common';
import {
  createKaitoWorkspaceConditionalDecision,
  kaitoWorkspaceConditions,
} from '@kaito-backstage/plugin-kaito-backend';

const ownerPermissions = [
  kaitoWorkspaceCreatePermission,
  kaitoWorkspaceUpdatePermission,
  kaitoWorkspaceDeletePermission,
  kaitoWorkspaceChatPermission,
];

/**
 * Everyone signed in reads workspaces; a user creates, changes, chats with and
 * deletes only workspaces owned by one of their groups. Other kaito permissions
 * (trusting remote code, the whole audit log) are refused: grant them to your
 * admins. Other plugins' permissions are allowed: govern them here too.
 */
class KaitoTeamsPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('kaito.'))
      return { result: AuthorizeResult.ALLOW };
    if (!user) return { result: AuthorizeResult.DENY };
    if (isPermission(permission, kaitoWorkspaceReadPermission))
      return { result: AuthorizeResult.ALLOW };
    const owned = ownerPermissions.find(candidate =>
      isPermission(permission, candidate),
    );
    if (!owned) return { result: AuthorizeResult.DENY };
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    return createKaitoWorkspaceConditionalDecision(
      owned,
      kaitoWorkspaceConditions.isWorkspaceOwner({
        claims: ownershipEntityRefs,
      }),
    );
  }
}

/** Installs the policy in the permission backend. */
export const kaitoPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'kaito-teams-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new KaitoTeamsPolicy(userInfo));
      },
    });
  },
});
