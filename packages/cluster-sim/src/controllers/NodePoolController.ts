import { KubeObject } from '../types';
import { ControllerContext, scopeOf } from './ControllerContext';
import { KeyedLoop } from './KeyedLoop';

const NODEPOOLS = 'nodepools.karpenter.sh';
const NODECLAIMS = 'nodeclaims.karpenter.sh';
const POOL_LABEL = 'karpenter.sh/nodepool';
const MANAGER = 'karpenter';

function isDeleting(object: KubeObject): boolean {
  return Boolean(object.metadata.deletionTimestamp);
}

/** A NodeClaim for a pool, as Karpenter makes one: the template's labels, requirements and taints, owned by the pool. */
function claimFor(pool: KubeObject): KubeObject {
  const template = pool.spec?.template ?? {};
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodeClaim',
    metadata: {
      generateName: `${pool.metadata.name}-`,
      labels: { ...(template.metadata?.labels ?? {}), [POOL_LABEL]: pool.metadata.name! },
      annotations: { ...(template.metadata?.annotations ?? {}) },
      ownerReferences: [
        { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', name: pool.metadata.name!, uid: pool.metadata.uid!, blockOwnerDeletion: true },
      ],
    },
    spec: {
      ...(template.spec?.nodeClassRef ? { nodeClassRef: template.spec.nodeClassRef } : {}),
      requirements: template.spec?.requirements ?? [],
      ...(template.spec?.taints ? { taints: template.spec.taints } : {}),
      ...(template.spec?.startupTaints ? { startupTaints: template.spec.startupTaints } : {}),
    },
  };
}

/**
 * Karpenter's static NodePools (`spec.replicas`), as Kaito's Karpenter mode uses them: keeps that
 * many NodeClaims of the pool (which the simulated provisioner then launches), removing the
 * newest first when the pool shrinks. Pools without replicas (dynamic provisioning from pending
 * pods) get no claims here.
 * @internal
 */
export class NodePoolController {
  private readonly loop: KeyedLoop;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: ControllerContext) {
    this.loop = new KeyedLoop('nodepools', name => this.reconcile(name), ctx.clock, ctx.onError);
    this.unsubscribe = ctx.api.store.subscribe(event => {
      if (event.resource === NODEPOOLS) this.loop.enqueue(event.object.metadata.name!);
      const pool = event.object.metadata.labels?.[POOL_LABEL];
      if (event.resource === NODECLAIMS && pool) this.loop.enqueue(pool);
    });
    for (const pool of ctx.api.store.peekAll(NODEPOOLS)) this.loop.enqueue(pool.metadata.name!);
  }

  stop() {
    this.unsubscribe();
    this.loop.stop();
  }

  private reconcile(name: string) {
    const { api } = this.ctx;
    const pool = api.store.peek(NODEPOOLS, undefined, name);
    if (!pool || isDeleting(pool) || typeof pool.spec?.replicas !== 'number') return;
    const claims = api.store
      .peekAll(NODECLAIMS)
      .filter(c => c.metadata.labels?.[POOL_LABEL] === name && !isDeleting(c))
      .sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)));
    const scope = scopeOf(api, NODECLAIMS);
    for (let i = claims.length; i < pool.spec.replicas; i++) api.create(scope, claimFor(pool), { fieldManager: MANAGER });
    for (const extra of claims.slice(pool.spec.replicas).reverse()) api.delete(scope, extra.metadata.name!);
  }
}
