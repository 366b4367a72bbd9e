import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';

type DbStreamRow = { user_ref: string; slot: number; holder: string; expires_at: number | string };

/** How long a slot stays held without renewal: the most a crashed replica's slots stay taken. */
const DEFAULT_LEASE_MS = 60_000;

/**
 * At most `perUser` chats in flight per user, across every backend replica.
 * A user has `perUser` numbered slots in the plugin's database; a chat takes
 * a free one (or one whose lease ran out) with one atomic upsert per slot
 * tried (`INSERT … ON CONFLICT DO UPDATE … WHERE expires_at < now RETURNING`),
 * renews the lease while it streams, and deletes it when it ends. Two
 * replicas racing for the last slot cannot both win it.
 *
 * @internal
 */
export class StreamLimiter {
  constructor(
    private readonly knex: Knex,
    private readonly perUser: number,
    private readonly options: { leaseMs?: number; now?: () => number } = {},
  ) {}

  /** Takes a slot; returns its release (safe to call twice), or undefined when the user holds them all. */
  async tryAcquire(user: string): Promise<(() => Promise<void>) | undefined> {
    const holder = randomUUID();
    for (let slot = 0; slot < this.perUser; slot++) {
      if (await this.#take(user, slot, holder)) return this.#hold(user, slot, holder);
    }
    return undefined;
  }

  /** Chats in flight for a user (slots with a live lease). */
  async held(user: string): Promise<number> {
    const [row] = await this.knex<DbStreamRow>('kaito_chat_streams')
      .where({ user_ref: user })
      .andWhere('expires_at', '>=', this.#now())
      .count({ count: '*' });
    return Number(row.count);
  }

  /** Deletes slots whose lease ran out (their replica is gone); returns how many. */
  async prune(): Promise<number> {
    return this.knex('kaito_chat_streams').where('expires_at', '<', this.#now()).delete();
  }

  async #take(user: string, slot: number, holder: string): Promise<boolean> {
    const now = this.#now();
    const rows = await this.knex<DbStreamRow>('kaito_chat_streams')
      .insert({ user_ref: user, slot, holder, expires_at: now + this.#leaseMs })
      .onConflict(['user_ref', 'slot'])
      .merge(['holder', 'expires_at'])
      .where('kaito_chat_streams.expires_at', '<', now)
      .returning('holder');
    return rows.some(row => row.holder === holder);
  }

  #hold(user: string, slot: number, holder: string): () => Promise<void> {
    const mine = () => this.knex<DbStreamRow>('kaito_chat_streams').where({ user_ref: user, slot, holder });
    // Renew well before the lease ends; a failed renewal is retried on the next tick.
    const renewal = setInterval(() => {
      mine()
        .update({ expires_at: this.#now() + this.#leaseMs })
        .catch(() => undefined);
    }, this.#leaseMs / 3);
    renewal.unref();
    let released: Promise<void> | undefined;
    return () => {
      released ??= (async () => {
        clearInterval(renewal);
        await mine().delete();
      })();
      return released;
    };
  }

  get #leaseMs(): number {
    return this.options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
