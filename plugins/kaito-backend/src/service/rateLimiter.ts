import { Knex } from 'knex';
import { runStatement, textPerSize, valuesPlaceholders } from '../database/fixedStatement';
import { GroupCommit } from './groupCommit';

const WINDOW_MS = 60_000;

type DbRateRow = { user_ref: string; window_start: number | string; hits: number };

/** Adds each user's requests to their count in the window; answers the counts after. */
const countHits = textPerSize(
  users =>
    `insert into "kaito_chat_rate" ("user_ref", "window_start", "hits") values ${valuesPlaceholders(users, 3)} ` +
    `on conflict ("user_ref", "window_start") do update set "hits" = "kaito_chat_rate"."hits" + excluded."hits" returning "user_ref", "hits"`,
);

/** The answer to {@link ChatRateLimiter.tryTake}. @internal */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * At most `perMinute` chat requests per user in each fixed one-minute window,
 * counted in the plugin's database so every backend replica sees the same
 * count. One atomic upsert per request, or per group of requests that arrived
 * together, whoever sent them (`INSERT … VALUES (user, n), … ON CONFLICT DO
 * UPDATE SET hits = hits + excluded.hits RETURNING user_ref, hits`): no
 * read-then-write race between replicas.
 * A fixed window lets a user send up to twice the limit across a window
 * boundary; that is the price of one row and one statement per request.
 *
 * @internal
 */
export class ChatRateLimiter {
  /** Requests that arrive together, or while the last upsert runs, are counted in one upsert. */
  readonly #batches = new GroupCommit<string, RateDecision>(users => this.#take(users));

  constructor(
    private readonly knex: Knex,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request; returns the seconds to wait when over the limit. */
  tryTake(user: string): Promise<RateDecision> {
    return this.#batches.run(user);
  }

  /**
   * Counts the requests (one per entry, users repeated) in one upsert of a
   * row per user; a user's k-th request of the batch is their request number
   * hits - count + k of the window.
   */
  async #take(users: string[]): Promise<RateDecision[]> {
    const now = this.now();
    const windowStart = now - (now % WINDOW_MS);
    const counts = new Map<string, number>();
    for (const user of users) counts.set(user, (counts.get(user) ?? 0) + 1);
    // In key order on every replica, so two replicas' upserts cannot wait on each other's rows (PostgreSQL deadlocks).
    const ordered = [...counts].sort(([a], [b]) => (a < b ? -1 : 1));
    const rows = await runStatement<Pick<DbRateRow, 'user_ref' | 'hits'>>(
      this.knex,
      countHits(ordered.length),
      ordered.flatMap(([user, hits]) => [user, windowStart, hits]),
    );
    const next = new Map(rows.map(row => [row.user_ref, Number(row.hits) - counts.get(row.user_ref)! + 1]));
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    return users.map((user): RateDecision => {
      const number = next.get(user)!;
      next.set(user, number + 1);
      return number <= this.perMinute ? { ok: true } : { ok: false, retryAfterSeconds };
    });
  }

  /** Deletes the counters of windows that have ended; returns how many. */
  async prune(): Promise<number> {
    const now = this.now();
    return this.knex('kaito_chat_rate').where('window_start', '<', now - (now % WINDOW_MS)).delete();
  }
}
