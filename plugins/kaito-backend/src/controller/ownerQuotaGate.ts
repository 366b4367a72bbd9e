import { KaitoAnnotations, KaitoCatalog, Workspace, lookupSku } from '@kaito-backstage/plugin-kaito-common';
import { QuotaLimits } from '../config';
import { QuotaStore } from '../database/QuotaStore';

/** Decides whether a workspace may be provisioned under its owner's quota. @internal */
export interface OwnerQuotaAdmission {
  /** Undefined when the workspace may be provisioned; otherwise why not, and what to do. */
  admit(workspace: Workspace, targetNodeCount: number): Promise<string | undefined>;
  /**
   * Drops what is remembered of a workspace that is gone, and frees the reservation it held
   * when admitted (an InferenceSet's replica goes by garbage collection, past the portal's
   * delete route). Never rejects: the periodic sweep frees what this misses.
   */
  forget(namespacedName: string): void | Promise<void>;
}

/** What OwnerQuotaGate needs. @internal */
export interface OwnerQuotaGateOptions {
  cluster: string;
  store: Pick<QuotaStore, 'get' | 'reserve' | 'release'>;
  limitsOf(owner: string): QuotaLimits;
  catalog?: KaitoCatalog;
}

/**
 * The controller's quota check, for workspaces written to the cluster past
 * the portal (kubectl, GitOps): a workspace the portal created holds a
 * reservation already; any other one reserves now, in the same transaction
 * as portal creates, and is not provisioned when its owner group is over
 * quota. Admitted keys are remembered, so a resync costs no query.
 *
 * @internal
 */
export class OwnerQuotaGate implements OwnerQuotaAdmission {
  /** Admitted keys and their reservation's time: a later one is a new create of the same name. */
  readonly #admitted = new Map<string, Date>();

  constructor(private readonly options: OwnerQuotaGateOptions) {}

  async admit(workspace: Workspace, targetNodeCount: number): Promise<string | undefined> {
    const owner = workspace.metadata.annotations?.[KaitoAnnotations.backstageOwner]?.toLowerCase();
    // A workspace that names no owner group is charged to nobody.
    if (!owner) return undefined;
    const namespacedName = `${workspace.metadata.namespace ?? 'default'}/${workspace.metadata.name}`;
    if (this.#admitted.has(namespacedName)) return undefined;
    const key = `${this.options.cluster}/${namespacedName}`;
    let reservedAt = (await this.options.store.get(key))?.reservedAt;
    if (!reservedAt) {
      const sku = workspace.resource.instanceType
        ? lookupSku(workspace.resource.instanceType, { customSkus: this.options.catalog?.customSkus })
        : undefined;
      const gpus = targetNodeCount * (sku?.gpuCount ?? 0);
      const limits = this.options.limitsOf(owner);
      const reserved = await this.options.store.reserve({ owner, workspace: key, gpus, bounds: limits });
      if (!reserved.ok) {
        const used =
          reserved.limit === 'maxGpus'
            ? `maxGpus is ${limits.maxGpus}, ${reserved.held.gpus} are in use and this workspace needs ${gpus}`
            : `maxWorkspaces is ${limits.maxWorkspaces} and ${reserved.held.workspaces} are in use`;
        return `Quota exceeded for ${owner}: ${used}. This workspace was not created through the portal, so nothing was reserved for it; it is not provisioned until the quota has room (delete a workspace of ${owner} or ask for a higher quota)`;
      }
      reservedAt = (await this.options.store.get(key))?.reservedAt ?? new Date();
    }
    this.#admitted.set(namespacedName, reservedAt);
    return undefined;
  }

  async forget(namespacedName: string): Promise<void> {
    const admittedAt = this.#admitted.get(namespacedName);
    this.#admitted.delete(namespacedName);
    if (!admittedAt) return;
    const key = `${this.options.cluster}/${namespacedName}`;
    try {
      // A reservation taken after the admission belongs to a new create of the name, not to the one gone.
      const reservation = await this.options.store.get(key);
      if (reservation && reservation.reservedAt.getTime() <= admittedAt.getTime()) await this.options.store.release(key);
    } catch {
      // The database is unreachable: the periodic sweep of vanished workspaces frees it later.
    }
  }
}
