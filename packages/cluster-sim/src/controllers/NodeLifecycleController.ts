import { deepCopy, KubeObject } from '../types';
import { ControllerContext, scopeOf } from './ControllerContext';
import { KeyedLoop, ReconcileResult } from './KeyedLoop';

const MANAGER = 'kube-controller-manager';

/** The NoSchedule taint each node condition status maps to, as the node lifecycle controller has them. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: 'node.kubernetes.io/not-ready', Unknown: 'node.kubernetes.io/unreachable' },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
};
const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const MANAGED_KEYS = new Set([...Object.values(CONDITION_TAINTS).flatMap(m => Object.values(m)), UNSCHEDULABLE_TAINT]);

/**
 * The NoSchedule condition taints a node should carry. A node that has not reported Ready yet
 * keeps the not-ready taint admission gave it, so nothing lands on it before its kubelet is up.
 * @internal
 */
export function desiredConditionTaints(node: KubeObject): string[] {
  const conditions: any[] = node.status?.conditions ?? [];
  const keys = new Set<string>();
  for (const condition of conditions) {
    const key = CONDITION_TAINTS[condition.type]?.[condition.status];
    if (key) keys.add(key);
  }
  const hasReady = conditions.some(c => c.type === 'Ready');
  const hadNotReady = (node.spec?.taints ?? []).some((t: any) => t.key === NOT_READY && t.effect === 'NoSchedule');
  if (!hasReady && hadNotReady) keys.add(NOT_READY);
  if (node.spec?.unschedulable) keys.add(UNSCHEDULABLE_TAINT);
  return [...keys];
}

/**
 * The NoSchedule half of kube-controller-manager's node lifecycle controller: keeps each node's
 * condition taints in step with its conditions, which lifts the `node.kubernetes.io/not-ready`
 * taint from a new node once it reports Ready=True.
 * @internal
 */
export class NodeLifecycleController {
  private readonly loop: KeyedLoop;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: ControllerContext) {
    this.loop = new KeyedLoop('node-lifecycle', name => this.reconcile(name), ctx.clock, ctx.onError);
    this.unsubscribe = ctx.api.store.subscribe(event => {
      if (event.resource === 'nodes' && event.type !== 'DELETED') this.loop.enqueue(event.object.metadata.name!);
    });
    for (const node of ctx.api.store.peekAll('nodes')) this.loop.enqueue(node.metadata.name!);
  }

  stop() {
    this.unsubscribe();
    this.loop.stop();
  }

  private reconcile(name: string): ReconcileResult {
    const { api } = this.ctx;
    const node = api.store.peek('nodes', undefined, name);
    if (!node || node.metadata.deletionTimestamp) return undefined;
    const desired = desiredConditionTaints(node);
    const taints: any[] = node.spec?.taints ?? [];
    const managed = (t: any) => t.effect === 'NoSchedule' && MANAGED_KEYS.has(t.key);
    const kept = taints.filter(t => !managed(t) || desired.includes(t.key));
    const added = desired.filter(key => !taints.some(t => managed(t) && t.key === key));
    if (kept.length === taints.length && !added.length) return undefined;
    const next = deepCopy(node);
    next.spec = { ...(next.spec ?? {}), taints: [...kept, ...added.map(key => ({ key, effect: 'NoSchedule' }))] };
    if (!next.spec.taints.length) delete next.spec.taints;
    api.update(scopeOf(api, 'nodes'), name, next, { fieldManager: MANAGER });
    return undefined;
  }
}
