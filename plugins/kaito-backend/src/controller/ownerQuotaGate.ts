import { KaitoAnnotations, KaitoCatalog, Workspace, lookupSku } from '@kaito-backstage/plugin-kaito-common';
import { QuotaLimits } from '../config';
import { QuotaStore } from '../database/QuotaStore';

/** Decides whether a workspace may be provisioned under its owner's quota. @internal */
export interface OwnerQuotaAdmission {
  /** Undefined when the workspace may be provisioned; otherwise why not, and what to do. */
  admit(workspace: Workspace, targetNodeCount: number): Promise<string | undefined>;
  /** Drops what is remembered of a workspace that is gone. */
  forget(namespacedName: string): void;
}

/** What OwnerQuotaGate needs. @internal */
export interface OwnerQuotaGateOptions {
  cluster: string;
  store: Pick<QuotaStore, 'get' | 'reserve'>;
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
  readonly #admitted = new Set<string>();

  constructor(private readonly options: OwnerQuotaGateOptions) {}

  async admit(workspace: Workspace, targetNodeCount: number): Promise<string | undefined> {
    const owner = workspace.metadata.annotations?.[KaitoAnnotations.backstageOwner]?.toLowerCase();
    // A workspace that names no owner group is charged to nobody.
    if (!owner) return undefined;
    const namespacedName = `${workspace.metadata.namespace ?? 'default'}/${workspace.metadata.name}`;
    if (this.#admitted.has(namespacedName)) return undefined;
    const key = `${this.options.cluster}/${namespacedName}`;
    if (!(await this.options.store.get(key))) {
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
    }
    this.#admitted.add(namespacedName);
    return undefined;
  }

  forget(namespacedName: string): void {
    this.#admitted.delete(namespacedName);
  }
}
