import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { migrate } from './migrate';

type DbReservationRow = {
  workspace: string;
  owner: string;
  gpus: number;
  reserved_at: Date | string;
};

/** The limits a reservation is checked against; an unset limit does not bound. @internal */
export interface QuotaBounds {
  maxGpus?: number;
  maxWorkspaces?: number;
}

/** What an owner group holds. @internal */
export interface QuotaHeld {
  gpus: number;
  workspaces: number;
}

/** The answer to a reservation: taken, or refused with the limit that is in the way and the use before it. @internal */
export type ReserveResult =
  | { ok: true; held: QuotaHeld }
  | { ok: false; limit: 'maxGpus' | 'maxWorkspaces'; held: QuotaHeld };

/** One reservation. @internal */
export interface QuotaReservation {
  workspace: string;
  owner: string;
  gpus: number;
  reservedAt: Date;
}


/**
 * Quota reservations in the plugin's database. `reserve` sums an owner's
 * reservations and adds one in a single transaction: on PostgreSQL the
 * owner's row in `kaito_quota_owners` is locked first (`SELECT … FOR
 * UPDATE`), so two replicas reserving for one owner take turns; SQLite runs
 * one transaction at a time anyway.
 *
 * @internal
 */
export class QuotaStore {
  static async create(database: DatabaseService): Promise<QuotaStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) await migrate(knex);
    return new QuotaStore(knex);
  }

  static async fromKnex(knex: Knex): Promise<QuotaStore> {
    await migrate(knex);
    return new QuotaStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  /**
   * Reserves `gpus` and one workspace for `workspace` against `owner`'s
   * bounds. Throws a ConflictError when the workspace already holds a
   * reservation (a create of the same key is in flight or done).
   */
  async reserve(request: { owner: string; workspace: string; gpus: number; bounds: QuotaBounds }): Promise<ReserveResult> {
    const { owner, workspace, gpus, bounds } = request;
    return this.knex.transaction(async tx => {
      await this.#lockOwner(tx, owner);
      const existing = await tx<DbReservationRow>('kaito_quota_reservations').where({ workspace }).first();
      if (existing) {
        throw new ConflictError(`Workspace ${workspace} already holds a quota reservation of ${existing.owner}; choose another name`);
      }
      const held = await heldBy(tx, owner);
      if (bounds.maxWorkspaces !== undefined && held.workspaces + 1 > bounds.maxWorkspaces) {
        return { ok: false, limit: 'maxWorkspaces', held };
      }
      if (bounds.maxGpus !== undefined && held.gpus + gpus > bounds.maxGpus) {
        return { ok: false, limit: 'maxGpus', held };
      }
      await tx<DbReservationRow>('kaito_quota_reservations').insert({ workspace, owner, gpus });
      return { ok: true, held: { gpus: held.gpus + gpus, workspaces: held.workspaces + 1 } };
    });
  }

  /**
   * Changes how many GPUs `workspace` holds (an edit to another instance
   * type or node count), checked against `owner`'s bounds with the
   * workspace's own reservation left out, in one transaction as `reserve`
   * does. A workspace without a reservation (created past the portal, or
   * before quotas) gets one.
   */
  async resize(request: { owner: string; workspace: string; gpus: number; bounds: QuotaBounds }): Promise<ReserveResult> {
    const { owner, workspace, gpus, bounds } = request;
    return this.knex.transaction(async tx => {
      await this.#lockOwner(tx, owner);
      const existing = await tx<DbReservationRow>('kaito_quota_reservations').where({ workspace }).first();
      const held = await heldBy(tx, owner);
      const others = existing && existing.owner === owner
        ? { gpus: held.gpus - existing.gpus, workspaces: held.workspaces - 1 }
        : held;
      if (bounds.maxWorkspaces !== undefined && others.workspaces + 1 > bounds.maxWorkspaces) {
        return { ok: false, limit: 'maxWorkspaces', held: others };
      }
      if (bounds.maxGpus !== undefined && others.gpus + gpus > bounds.maxGpus) {
        return { ok: false, limit: 'maxGpus', held: others };
      }
      // A fresh reserved_at: a replacement's brief gap without a workspace is inside the vanished-reservation grace.
      if (existing) await tx('kaito_quota_reservations').where({ workspace }).update({ owner, gpus, reserved_at: tx.fn.now() });
      else await tx<DbReservationRow>('kaito_quota_reservations').insert({ workspace, owner, gpus });
      return { ok: true, held: { gpus: others.gpus + gpus, workspaces: others.workspaces + 1 } };
    });
  }

  /**
   * Keeps a workspace's slot but gives back its GPUs: a failed workspace or a
   * finished tuning one holds no GPU node. True when something changed.
   */
  async releaseGpus(workspace: string): Promise<boolean> {
    return (await this.knex('kaito_quota_reservations').where({ workspace }).where('gpus', '>', 0).update({ gpus: 0 })) > 0;
  }

  /**
   * Sets the GPUs of a workspace that holds 0 and runs again (a failed launch
   * that a later retry got through), without a bound check: its nodes exist
   * already. True when something changed.
   */
  async reclaimGpus(workspace: string, gpus: number): Promise<boolean> {
    return (await this.knex('kaito_quota_reservations').where({ workspace, gpus: 0 }).update({ gpus })) > 0;
  }

  /** Frees a workspace's reservation; true when there was one. */
  async release(workspace: string): Promise<boolean> {
    return (await this.knex('kaito_quota_reservations').where({ workspace }).delete()) > 0;
  }

  /** The reservation of one workspace, if any. */
  async get(workspace: string): Promise<QuotaReservation | undefined> {
    const row = await this.knex<DbReservationRow>('kaito_quota_reservations').where({ workspace }).first();
    return row && toReservation(row);
  }

  /** What an owner holds now. */
  async held(owner: string): Promise<QuotaHeld> {
    return heldBy(this.knex, owner);
  }

  /** Every reservation, oldest first. */
  async list(): Promise<QuotaReservation[]> {
    const rows = await this.knex<DbReservationRow>('kaito_quota_reservations').orderBy('reserved_at', 'asc');
    return rows.map(toReservation);
  }

  /** On PostgreSQL, holds the owner's row for the transaction, so two checks of one owner run one after the other. */
  async #lockOwner(tx: Knex.Transaction, owner: string): Promise<void> {
    if (!this.#isPostgres()) return;
    await tx('kaito_quota_owners').insert({ owner }).onConflict('owner').ignore();
    await tx('kaito_quota_owners').where({ owner }).forUpdate().select('owner');
  }

  #isPostgres(): boolean {
    return String(this.knex.client.config.client).startsWith('pg');
  }
}

async function heldBy(knex: Knex | Knex.Transaction, owner: string): Promise<QuotaHeld> {
  const [row] = await knex('kaito_quota_reservations')
    .where({ owner })
    .select(knex.raw('coalesce(sum(gpus), 0) as gpus'), knex.raw('count(*) as workspaces'));
  return { gpus: Number(row?.gpus ?? 0), workspaces: Number(row?.workspaces ?? 0) };
}

function toReservation(row: DbReservationRow): QuotaReservation {
  return { workspace: row.workspace, owner: row.owner, gpus: Number(row.gpus), reservedAt: new Date(row.reserved_at) };
}
