import { Knex } from 'knex';

const WINDOW_MS = 60_000;

type DbRateRow = { user_ref: string; window_start: number | string; hits: number };

/** The answer to {@link ChatRateLimiter.tryTake}. @internal */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * At most `perMinute` chat requests per user in each fixed one-minute window,
 * counted in the plugin's database so every backend replica sees the same
 * count. One atomic upsert per request (`INSERT … ON CONFLICT DO UPDATE SET
 * hits = hits + 1 RETURNING hits`): no read-then-write race between replicas.
 * A fixed window lets a user send up to twice the limit across a window
 * boundary; that is the price of one row and one statement per request.
 *
 * @internal
 */
export class ChatRateLimiter {
  constructor(
    private readonly knex: Knex,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request; returns the seconds to wait when over the limit. */
  async tryTake(user: string): Promise<RateDecision> {
    const now = this.now();
    const windowStart = now - (now % WINDOW_MS);
    const [row] = await this.knex<DbRateRow>('kaito_chat_rate')
      .insert({ user_ref: user, window_start: windowStart, hits: 1 })
      .onConflict(['user_ref', 'window_start'])
      .merge({ hits: this.knex.raw('?? + 1', ['kaito_chat_rate.hits']) })
      .returning('hits');
    if (Number(row.hits) <= this.perMinute) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000)) };
  }

  /** Deletes the counters of windows that have ended; returns how many. */
  async prune(): Promise<number> {
    const now = this.now();
    return this.knex('kaito_chat_rate').where('window_start', '<', now - (now % WINDOW_MS)).delete();
  }
}
