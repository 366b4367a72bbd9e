import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult, PolicyDecision, ResourcePermission } from '@backstage/plugin-permission-common';
import { LRUCache } from 'lru-cache';
import { kaitoWorkspaceResourceRef } from './permissions';

/** Answers kept at once (one per caller and permission); past it the least recently asked are forgotten first. */
const MAX_ANSWERS = 10_000;

/**
 * The permission policy's answers to `authorizeConditional` for one caller
 * and one workspace permission, each kept for `ttlMs` (kaito.permissions.
 * decisionCacheSeconds), so a user's chats, lists and pages in those seconds
 * ask the permission backend once instead of once each (a request that costs
 * the portal a few milliseconds of CPU). Questions asked while the first is
 * on its way wait for its answer. The key is the caller's principal and
 * their token's expiry, so a new sign-in asks again; a change of the policy
 * itself, or of what it reads besides the token, shows within `ttlMs`.
 * Failures are not kept. `ttlMs: 0` asks every time.
 *
 * @internal
 */
export class PermissionDecisions {
  readonly #decisions: LRUCache<string, Promise<PolicyDecision>> | undefined;

  constructor(private readonly permissions: PermissionsService, ttlMs: number) {
    this.#decisions = ttlMs > 0 ? new LRUCache({ max: MAX_ANSWERS, ttl: ttlMs }) : undefined;
  }

  /** The policy's answer (allow, deny, or the conditions to apply) to `permission` asked without a resource. */
  conditional(credentials: BackstageCredentials, permission: ResourcePermission): Promise<PolicyDecision> {
    const decisions = this.#decisions;
    const ask = () => this.permissions.authorizeConditional([{ permission }], { credentials }).then(([decision]) => applicable(decision, permission));
    if (!decisions) return ask();
    const key = callerKey(credentials, permission.name);
    const kept = decisions.get(key);
    if (kept) return kept;
    const asked = ask();
    decisions.set(key, asked);
    // A failure is not an answer: the next question asks again.
    asked.catch(() => {
      if (decisions.peek(key) === asked) decisions.delete(key);
    });
    return asked;
  }
}

/**
 * The answer as this plugin can apply it: conditions meant for another
 * plugin or resource type are a refusal (the permission backend would have
 * sent them there). No answer at all is a failure, so it is not kept.
 */
function applicable(decision: PolicyDecision | undefined, permission: ResourcePermission): PolicyDecision {
  if (!decision) throw new Error(`The permission backend gave no answer for ${permission.name}`);
  if (
    decision.result === AuthorizeResult.CONDITIONAL &&
    (decision.pluginId !== kaitoWorkspaceResourceRef.pluginId || decision.resourceType !== kaitoWorkspaceResourceRef.resourceType)
  ) {
    return { result: AuthorizeResult.DENY };
  }
  return decision;
}

/**
 * Who asks, as the policy sees them: the principal (a user, with the plugin
 * that acts for them if any, or a service) and when their token expires, so
 * a new token (a new sign-in, new ownership claims) is asked about afresh.
 * (Two tokens of one user that expire in the same second share an answer.)
 */
function callerKey(credentials: BackstageCredentials, permission: string): string {
  return JSON.stringify([permission, credentials.principal, credentials.expiresAt?.getTime() ?? null]);
}
