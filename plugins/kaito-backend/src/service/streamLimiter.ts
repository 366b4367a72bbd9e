import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { GroupCommit } from './groupCommit';

type DbStreamRow = { user_ref: string; slot: number; holder: string; expires_at: number | string };

/** How long a slot stays held without renewal: the most a crashed replica's slots stay taken. */
const DEFAULT_LEASE_MS = 60_000;

/**
 * At most `perUser` chats in flight per user, across every backend replica.
 * A user has `perUser` numbered slots in the plugin's database; a chat takes
 * a free one (or one whose lease ran out) with an atomic upsert of the slots
 * tried (`INSERT … ON CONFLICT DO UPDATE … WHERE expires_at < now RETURNING`;
 * chats of one user that arrive together try their slots in one statement),
 * renews the lease while it streams, and deletes it when it ends. Two
 * replicas racing for the last slot cannot both win it.
 *
 * @internal
 */
export class StreamLimiter {
  /** user → slots this replica holds or is taking right now (bounded by perUser per user in flight). */
  readonly #heldHere = new Map<string, Set<number>>();
  /** A user's chats that arrive while their upsert runs take their slots together in the next one. */
  readonly #batches = new GroupCommit<null, (() => Promise<void>) | undefined>((user, chats) => this.#acquire(user, chats.length));
  /** A user's chats that end while their slots are deleted give theirs back together in the next delete. */
  readonly #releases = new GroupCommit<string, void>((user, holders) => this.#deleteHeld(user, holders));
  constructor(
    private readonly knex: Knex,
    private readonly perUser: number,
    private readonly options: { leaseMs?: number; now?: () => number } = {},
  ) {}

  /** Takes a slot; returns its release (safe to call twice), or undefined when the user holds them all. */
  tryAcquire(user: string): Promise<(() => Promise<void>) | undefined> {
    return this.#batches.run(user, null);
  }

  /**
   * Takes a slot for each of `count` chats of one user with as few upserts as
   * it can: one multi-row upsert of the lowest slots this replica does not
   * hold, then again over the rest for those that lost a race.
   */
  async #acquire(user: string, count: number): Promise<Array<(() => Promise<void>) | undefined>> {
    const here = this.#here(user);
    const candidates = [...Array(this.perUser).keys()].filter(slot => !here.has(slot));
    const releases: Array<() => Promise<void>> = [];
    while (releases.length < count && candidates.length > 0) {
      const tried = candidates.splice(0, count - releases.length);
      tried.forEach(slot => here.add(slot));
      const holders = new Map(tried.map(slot => [slot, randomUUID()]));
      let won = new Set<number>();
      try {
        won = await this.#take(user, holders);
      } finally {
        tried.filter(slot => !won.has(slot)).forEach(slot => this.#free(user, slot));
      }
      for (const slot of tried) if (won.has(slot)) releases.push(this.#hold(user, slot, holders.get(slot)!));
    }
    return Array.from({ length: count }, (_, i) => releases[i]);
  }

  /** The slots of a user this replica holds or is taking. */
  #here(user: string): Set<number> {
    let slots = this.#heldHere.get(user);
    if (!slots) this.#heldHere.set(user, (slots = new Set()));
    return slots;
  }

  #free(user: string, slot: number): void {
    const slots = this.#heldHere.get(user);
    slots?.delete(slot);
    if (slots?.size === 0) this.#heldHere.delete(user);
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

  /** One upsert of several slots; answers the slots this call won. */
  async #take(user: string, holders: Map<number, string>): Promise<Set<number>> {
    const now = this.#now();
    const rows = await this.knex<DbStreamRow>('kaito_chat_streams')
      .insert([...holders].map(([slot, holder]) => ({ user_ref: user, slot, holder, expires_at: now + this.#leaseMs })))
      .onConflict(['user_ref', 'slot'])
      .merge(['holder', 'expires_at'])
      .where('kaito_chat_streams.expires_at', '<', now)
      .returning(['slot', 'holder']);
    return new Set(rows.filter(row => holders.get(Number(row.slot)) === row.holder).map(row => Number(row.slot)));
  }

  /** One delete of the slots a user's ended chats held (each hold has its own holder id). */
  async #deleteHeld(user: string, holders: string[]): Promise<void[]> {
    await this.knex<DbStreamRow>('kaito_chat_streams').where({ user_ref: user }).whereIn('holder', holders).delete();
    return holders.map(() => undefined);
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
        try {
          await this.#releases.run(user, holder);
        } finally {
          this.#free(user, slot);
        }
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
