import { Knex } from 'knex';
import { GroupCommit } from './groupCommit';

const WINDOW_MS = 60_000;

type DbRateRow = { user_ref: string; window_start: number | string; hits: number };

/** The answer to {@link ChatRateLimiter.tryTake}. @internal */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * At most `perMinute` chat requests per user in each fixed one-minute window,
 * counted in the plugin's database so every backend replica sees the same
 * count. One atomic upsert per request, or per group of a user's requests that
 * arrived while the last ran (`INSERT … ON CONFLICT DO UPDATE SET hits = hits + n
 * RETURNING hits`): no read-then-write race between replicas.
 * A fixed window lets a user send up to twice the limit across a window
 * boundary; that is the price of one row and one statement per request.
 *
 * @internal
 */
export class ChatRateLimiter {
  /** A user's requests that arrive while their upsert runs are counted together in the next one. */
  readonly #batches = new GroupCommit<null, RateDecision>((user, requests) => this.#take(user, requests.length));

  constructor(
    private readonly knex: Knex,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request; returns the seconds to wait when over the limit. */
  tryTake(user: string): Promise<RateDecision> {
    return this.#batches.run(user, null);
  }

  /** Counts `count` requests in one upsert; the k-th of them is request number hits - count + k. */
  async #take(user: string, count: number): Promise<RateDecision[]> {
    const now = this.now();
    const windowStart = now - (now % WINDOW_MS);
    const [row] = await this.knex<DbRateRow>('kaito_chat_rate')
      .insert({ user_ref: user, window_start: windowStart, hits: count })
      .onConflict(['user_ref', 'window_start'])
      .merge({ hits: this.knex.raw('?? + ?', ['kaito_chat_rate.hits', count]) })
      .returning('hits');
    const first = Number(row.hits) - count + 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    return Array.from({ length: count }, (_, k): RateDecision => (first + k <= this.perMinute ? { ok: true } : { ok: false, retryAfterSeconds }));
  }

  /** Deletes the counters of windows that have ended; returns how many. */
  async prune(): Promise<number> {
    const now = this.now();
    return this.knex('kaito_chat_rate').where('window_start', '<', now - (now % WINDOW_MS)).delete();
  }
}
