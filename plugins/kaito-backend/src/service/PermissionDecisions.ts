import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult, PolicyDecision, ResourcePermission } from '@backstage/plugin-permission-common';
import { LRUCache } from 'lru-cache';
import { kaitoWorkspaceResourceRef } from './permissions';

/** Answers kept at once (one per caller and permission); past it the least recently asked are forgotten first. */
const MAX_ANSWERS = 10_000;

/** A kept answer: when it was asked for, and whether a fresher one is on its way. */
interface KeptAnswer {
  answer: Promise<PolicyDecision>;
  askedAt: number;
  settled: boolean;
  refreshing: boolean;
}

/**
 * The permission policy's answers to `authorizeConditional` for one caller
 * and one workspace permission, each kept for `ttlMs` (kaito.permissions.
 * decisionCacheSeconds), so a user's chats, lists and pages in those seconds
 * ask the permission backend once (twice for a caller who keeps asking: below)
 * instead of once each (a request that costs
 * the portal a few milliseconds of CPU). Questions asked while the first is
 * on its way wait for its answer. The key is the caller's principal and
 * their token's expiry, so a new sign-in asks again; a change of the policy
 * itself, or of what it reads besides the token, shows within `ttlMs`.
 * Failures are not kept. `ttlMs: 0` asks every time.
 *
 * An answer used when it is half its time old is asked for again in the
 * background, and the fresh one replaces it; until then the kept one, still
 * in its time, is used. So a caller who keeps asking waits on the permission
 * backend only for their first question with a token (and after a
 * background question failed, or took longer than the kept answer's time),
 * and no answer older than `ttlMs` is ever used. The price: a caller who
 * keeps asking is asked about up to twice per `ttlMs`, not once.
 *
 * @internal
 */
export class PermissionDecisions {
  readonly #decisions: LRUCache<string, KeptAnswer> | undefined;

  constructor(
    private readonly permissions: PermissionsService,
    private readonly ttlMs: number,
    /** The clock of the answers' ages (a test's own). */
    private readonly clock: { now(): number } = performance,
  ) {
    this.#decisions = ttlMs > 0 ? new LRUCache({ max: MAX_ANSWERS, ttl: ttlMs, perf: clock, ttlResolution: 0 }) : undefined;
  }

  /** The policy's answer (allow, deny, or the conditions to apply) to `permission` asked without a resource. */
  conditional(credentials: BackstageCredentials, permission: ResourcePermission): Promise<PolicyDecision> {
    const decisions = this.#decisions;
    // Through a promise from the start: a client that threw at once would otherwise throw past a kept answer.
    const ask = () =>
      Promise.resolve()
        .then(() => this.permissions.authorizeConditional([{ permission }], { credentials }))
        .then(([decision]) => applicable(decision, permission));
    if (!decisions) return ask();
    const key = callerKey(credentials, permission.name);
    const kept = decisions.get(key);
    if (kept) {
      if (kept.settled && !kept.refreshing && this.clock.now() - kept.askedAt >= this.ttlMs / 2) this.#refresh(decisions, key, kept, ask);
      return kept.answer;
    }
    const askedAt = this.clock.now();
    const entry: KeptAnswer = { answer: ask(), askedAt, settled: false, refreshing: false };
    decisions.set(key, entry, { start: askedAt });
    entry.answer.then(
      () => {
        entry.settled = true;
      },
      // A failure is not an answer: the next question asks again.
      () => {
        if (decisions.peek(key) === entry) decisions.delete(key);
      },
    );
    return entry.answer;
  }

  /**
   * Asks again in the background; the fresh answer replaces the kept one.
   * One try per kept answer: after a failure the kept one runs out in its
   * time, and the question after that asks (and waits) as a first one does.
   */
  #refresh(decisions: LRUCache<string, KeptAnswer>, key: string, kept: KeptAnswer, ask: () => Promise<PolicyDecision>): void {
    kept.refreshing = true;
    const askedAt = this.clock.now();
    ask().then(
      answer => {
        // Its time counts from when it was asked, as the first answer's does.
        if (decisions.peek(key) === kept && this.clock.now() - askedAt < this.ttlMs) {
          decisions.set(key, { answer: Promise.resolve(answer), askedAt, settled: true, refreshing: false }, { start: askedAt });
        }
      },
      () => undefined,
    );
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
