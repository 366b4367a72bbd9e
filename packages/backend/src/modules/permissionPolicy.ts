import { coreServices, createBackendModule, UserInfoService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { AuthorizeResult, PolicyDecision, isPermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  canonicalGroupRef,
  kaitoWorkspaceChatPermission,
  kaitoWorkspaceCreatePermission,
  kaitoWorkspaceDeletePermission,
  kaitoWorkspaceUpdatePermission,
  kaitoWorkspaceReadPermission,
} from '@kaito-backstage/plugin-kaito-common';
import {
  createKaitoWorkspaceConditionalDecision,
  kaitoWorkspaceConditions,
} from '@kaito-backstage/plugin-kaito-backend';

/** `kaito.policy`, read once when the permission backend starts. */
export interface KaitoPolicyConfig {
  /** `teams`: the shipped policy; `allow-all`: everything, for the guest demo only. */
  mode: 'teams' | 'allow-all';
  /** Canonical group refs whose members may do everything. */
  admins: string[];
}

/** Reads `kaito.policy` (see config.d.ts); `teams` unless set. */
export function readKaitoPolicyConfig(config: Config): KaitoPolicyConfig {
  const policy = config.getOptionalConfig('kaito.policy');
  const mode = policy?.getOptionalString('mode') ?? 'teams';
  if (mode !== 'teams' && mode !== 'allow-all') {
    throw new InputError(`Invalid config kaito.policy.mode '${mode}'; use teams or allow-all`);
  }
  const admins = (policy?.getOptionalStringArray('admins') ?? []).map((ref, i) => {
    const group = canonicalGroupRef(ref);
    if ('error' in group) throw new InputError(`kaito.policy.admins[${i}]: ${group.error}`);
    return group.ref;
  });
  return { mode, admins };
}

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The portal's permission policy for Kaito workspaces: members of an admin
 * group may do everything; anyone signed in may read workspaces; a user may
 * create, change, chat with and delete only workspaces owned by one of their groups
 * (a condition on the owner, which the Kaito backend applies). A request
 * without a user (a token of no user) is refused every kaito permission but
 * reading; `kaito.audit.read` and permissions added later are for admins.
 * Other plugins' permissions are allowed, as with allow-all: extend here
 * to govern them.
 */
export class KaitoTeamsPolicy implements PermissionPolicy {
  readonly #admins: Set<string>;

  constructor(private readonly options: { admins: string[]; userInfo: UserInfoService }) {
    this.#admins = new Set(options.admins);
  }

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('kaito.')) return ALLOW;
    if (!user) return DENY;
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(user.credentials);
    const claims = ownershipEntityRefs.map(ref => ref.toLowerCase());
    if (claims.some(ref => this.#admins.has(ref))) return ALLOW;
    if (isPermission(permission, kaitoWorkspaceReadPermission)) return ALLOW;
    if (
      isPermission(permission, kaitoWorkspaceCreatePermission) ||
      isPermission(permission, kaitoWorkspaceUpdatePermission) ||
      isPermission(permission, kaitoWorkspaceDeletePermission) ||
      isPermission(permission, kaitoWorkspaceChatPermission)
    ) {
      return createKaitoWorkspaceConditionalDecision(permission, kaitoWorkspaceConditions.isWorkspaceOwner({ claims }));
    }
    return DENY;
  }
}

/** Allows everything: the guest demo of app-config.yaml, never production. */
class AllowAllPolicy implements PermissionPolicy {
  async handle(): Promise<PolicyDecision> {
    return ALLOW;
  }
}

/**
 * Installs the portal's permission policy, chosen by `kaito.policy.mode`:
 * the Kaito teams policy (the default, and what app-config.production.yaml
 * sets) or allow-all (app-config.yaml's guest demo).
 */
export const kaitoPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'kaito-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig, userInfo: coreServices.userInfo, logger: coreServices.rootLogger },
      async init({ policy, config, userInfo, logger }) {
        const settings = readKaitoPolicyConfig(config);
        if (settings.mode === 'allow-all') {
          logger.warn('kaito.policy.mode is allow-all: every signed-in user may do everything. Use it for the demo only');
          policy.setPolicy(new AllowAllPolicy());
          return;
        }
        if (settings.admins.length === 0) logger.warn('kaito.policy.admins is empty: nobody may act on every team\'s workspaces');
        policy.setPolicy(new KaitoTeamsPolicy({ admins: settings.admins, userInfo }));
      },
    });
  },
});
