import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { listPlaceholders, runStatement, textPerSize, valuesPlaceholders } from '../database/fixedStatement';
import { GroupCommit } from './groupCommit';

type DbStreamRow = { user_ref: string; slot: number; holder: string; expires_at: number | string };

/** Takes each slot tried that is free or whose lease ran out (the last value is now); answers the holders that won. */
const takeSlots = textPerSize(
  slots =>
    `insert into "kaito_chat_streams" ("user_ref", "slot", "holder", "expires_at") values ${valuesPlaceholders(slots, 4)} ` +
    `on conflict ("user_ref", "slot") do update set "holder" = excluded."holder", "expires_at" = excluded."expires_at" ` +
    `where "kaito_chat_streams"."expires_at" < ? returning "holder"`,
);

/** Gives back the slots of these holders (the users first, so the primary key narrows the search). */
const deleteHeld = textPerSize(
  (users, holders) => `delete from "kaito_chat_streams" where "user_ref" in (${listPlaceholders(users)}) and "holder" in (${listPlaceholders(holders)})`,
);

/** How long a slot stays held without renewal: the most a crashed replica's slots stay taken. */
const DEFAULT_LEASE_MS = 60_000;

/**
 * At most `perUser` chats in flight per user, across every backend replica.
 * A user has `perUser` numbered slots in the plugin's database; a chat takes
 * a free one (or one whose lease ran out) with an atomic upsert of the slots
 * tried (`INSERT … ON CONFLICT DO UPDATE … WHERE expires_at < now RETURNING`;
 * chats that arrive together, whoever sent them, try their slots in one statement),
 * renews the lease while it streams, and deletes it when it ends. Two
 * replicas racing for the last slot cannot both win it.
 *
 * @internal
 */
export class StreamLimiter {
  /** user → slots this replica holds or is taking right now (bounded by perUser per user in flight). */
  readonly #heldHere = new Map<string, Set<number>>();
  /** Chats that arrive together (whoever sent them), or while the last upsert runs, take their slots in one upsert. */
  readonly #batches = new GroupCommit<string, (() => Promise<void>) | undefined>(users => this.#acquire(users));
  /** Chats that end together give their slots back in one delete. */
  readonly #releases = new GroupCommit<{ user: string; holder: string }, void>(holds => this.#deleteHeld(holds), { background: true });
  constructor(
    private readonly knex: Knex,
    private readonly perUser: number,
    private readonly options: { leaseMs?: number; now?: () => number } = {},
  ) {}

  /** Takes a slot; returns its release (safe to call twice), or undefined when the user holds them all. */
  tryAcquire(user: string): Promise<(() => Promise<void>) | undefined> {
    return this.#batches.run(user);
  }

  /**
   * Takes a slot for each chat (one entry per chat, users repeated) with as
   * few upserts as it can: one multi-row upsert of each user's lowest slots
   * this replica does not hold, then again over the rest for those that lost
   * a race with another replica.
   */
  async #acquire(users: string[]): Promise<Array<(() => Promise<void>) | undefined>> {
    const wanted = new Map<string, number>();
    for (const user of users) wanted.set(user, (wanted.get(user) ?? 0) + 1);
    // The next slot number each user's search goes on from (slots this replica holds are skipped).
    const nextSlot = new Map([...wanted.keys()].map(user => [user, 0]));
    const won = new Map<string, Array<() => Promise<void>>>([...wanted.keys()].map(user => [user, []]));
    const short = () => [...wanted].filter(([user, count]) => won.get(user)!.length < count && nextSlot.get(user)! < this.perUser);
    for (let round = short(); round.length > 0; round = short()) {
      const tried = round.flatMap(([user, count]) =>
        this.#freeSlots(user, nextSlot, count - won.get(user)!.length).map(slot => ({ user, slot, holder: randomUUID() })),
      );
      if (tried.length === 0) continue; // every slot left is held here: none to try
      tried.forEach(({ user, slot }) => this.#here(user).add(slot));
      let taken = new Set<string>();
      try {
        taken = await this.#take(tried);
      } catch (error) {
        // Slots won in an earlier round go back too: no one would release them.
        await Promise.all([...won.values()].flat().map(release => release().catch(() => undefined)));
        throw error;
      } finally {
        tried.filter(({ holder }) => !taken.has(holder)).forEach(({ user, slot }) => this.#free(user, slot));
      }
      for (const { user, slot, holder } of tried) if (taken.has(holder)) won.get(user)!.push(this.#hold(user, slot, holder));
    }
    return users.map(user => won.get(user)!.shift());
  }

  /** Up to `count` of a user's slots from `next` on that this replica does not hold; moves `next` past them. */
  #freeSlots(user: string, next: Map<string, number>, count: number): number[] {
    const here = this.#here(user);
    const slots: number[] = [];
    let slot = next.get(user)!;
    for (; slot < this.perUser && slots.length < count; slot++) if (!here.has(slot)) slots.push(slot);
    next.set(user, slot);
    return slots;
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

  /** One upsert of several users' slots; answers the holder ids that won theirs. */
  async #take(tried: Array<{ user: string; slot: number; holder: string }>): Promise<Set<string>> {
    const now = this.#now();
    // In key order on every replica, so two replicas' upserts cannot wait on each other's rows (PostgreSQL deadlocks).
    const ordered = [...tried].sort((a, b) => a.user.localeCompare(b.user, 'en') || a.slot - b.slot);
    const expiresAt = now + this.#leaseMs;
    const rows = await runStatement<Pick<DbStreamRow, 'holder'>>(this.knex, takeSlots(ordered.length), [
      ...ordered.flatMap(({ user, slot, holder }) => [user, slot, holder, expiresAt]),
      now,
    ]);
    const ours = new Set(tried.map(({ holder }) => holder));
    return new Set(rows.map(row => row.holder).filter(holder => ours.has(holder)));
  }

  /** One delete of the slots that ended chats held (each hold has its own holder id). */
  async #deleteHeld(holds: Array<{ user: string; holder: string }>): Promise<void[]> {
    const users = [...new Set(holds.map(({ user }) => user))];
    await runStatement(this.knex, deleteHeld(users.length, holds.length), [...users, ...holds.map(({ holder }) => holder)]);
    return holds.map(() => undefined);
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
          await this.#releases.run({ user, holder });
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
