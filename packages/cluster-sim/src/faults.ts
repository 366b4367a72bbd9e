import { ApiError } from './errors';

/** API verbs as the API server names them. @public */
export type ApiVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

/** An error to answer matching requests with. @public */
export interface FaultRule {
  /** Verb to fail; all verbs when omitted. */
  verb?: ApiVerb;
  /** Plural resource (`pods`, `workspaces`), optionally with `/status`; all when omitted. */
  resource?: string;
  namespace?: string;
  name?: string;
  /** HTTP code: 409 Conflict, 429 TooManyRequests, 500 InternalError, 503, ... */
  code: number;
  message?: string;
  /** How many requests to fail before the rule expires; forever when omitted. */
  times?: number;
}

/** What a request is, for matching fault rules. @public */
export interface FaultTarget {
  verb: ApiVerb;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Gone',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/**
 * Failure injection for tests: errors per verb and resource, and dropped watch streams.
 * @public
 */
export class FaultInjector {
  private rules: Array<FaultRule & { remaining: number }> = [];

  constructor(
    private readonly dropWatchesFn: (resource?: string) => number,
    private readonly expireHistoryFn: (resource?: string) => void = () => undefined,
  ) {}

  /** Adds a rule; returns a function that removes it. */
  inject(rule: FaultRule): () => void {
    const entry = { ...rule, remaining: rule.times ?? Infinity };
    this.rules.push(entry);
    return () => {
      this.rules = this.rules.filter(r => r !== entry);
    };
  }

  /** Ends open watch streams (all, or of one plural resource); returns how many were closed. */
  dropWatches(resource?: string): number {
    return this.dropWatchesFn(resource);
  }

  /**
   * Forgets the watch history (all, or of one plural resource), as etcd compaction does: watches
   * that resume from an older resourceVersion then get `410 Expired` and their clients relist.
   */
  expireWatchHistory(resource?: string): void {
    this.expireHistoryFn(resource);
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The error a request must fail with, if a rule matches (consuming one use of it). @internal */
  check(target: FaultTarget): ApiError | undefined {
    const resource = target.subresource ? `${target.resource}/${target.subresource}` : target.resource;
    const rule = this.rules.find(
      r =>
        r.remaining > 0 &&
        (!r.verb || r.verb === target.verb) &&
        (!r.resource || r.resource === resource || r.resource === target.resource) &&
        (!r.namespace || r.namespace === target.namespace) &&
        (!r.name || r.name === target.name),
    );
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter(r => r !== rule);
    const reason = REASONS[rule.code] ?? 'InternalError';
    const message = rule.message ?? `injected fault: ${reason}`;
    return new ApiError(rule.code, reason, message, rule.code === 429 ? { retryAfterSeconds: 1 } : undefined);
  }
}
