import { requirementMatches } from '../store/labelSelector';
import { deepCopy, formatTimestamp, KubeObject } from '../types';
import { ControllerContext, objectKey, scopeOf, setCondition, splitKey, writeStatus } from './ControllerContext';
import { KeyedLoop } from './KeyedLoop';
import { isPodActive, podRequests } from './podResources';
import { parseQuantity } from './quantity';

const MANAGER = 'default-scheduler';

function tolerates(pod: KubeObject, taint: any): boolean {
  return (pod.spec?.tolerations ?? []).some((t: any) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function matchesNodeSelectorTerm(term: any, node: KubeObject): boolean {
  const expressions = (term.matchExpressions ?? []).every((e: any) =>
    requirementMatches({ key: e.key, operator: e.operator, values: e.values ?? [] }, node.metadata.labels),
  );
  const fields = (term.matchFields ?? []).every((e: any) =>
    requirementMatches({ key: 'metadata.name', operator: e.operator, values: e.values ?? [] }, { 'metadata.name': node.metadata.name! }),
  );
  return expressions && fields;
}

/** Why a node cannot take a pod, worded as the scheduler's FailedScheduling message, or undefined if it can. */
function unfitReason(pod: KubeObject, requests: Record<string, number>, node: KubeObject, usage: () => Record<string, number>): string | undefined {
  // Readiness reaches the scheduler only as taints (admission's not-ready taint, kept or lifted by the
  // node lifecycle controller), so a pod that tolerates them may land on a node that is not Ready.
  if (node.metadata.deletionTimestamp) return 'node(s) were being deleted';
  if (node.spec?.unschedulable) return 'node(s) were unschedulable';
  const taint = (node.spec?.taints ?? []).find((t: any) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod, t));
  if (taint) return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
  const selector = pod.spec?.nodeSelector ?? {};
  if (!Object.entries(selector).every(([k, v]) => node.metadata.labels?.[k] === v)) return "node(s) didn't match Pod's node affinity/selector";
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms?.length && !terms.some((term: any) => matchesNodeSelectorTerm(term, node))) {
    return "node(s) didn't match Pod's node affinity/selector";
  }
  const allocatable = node.status?.allocatable ?? {};
  const used = usage();
  for (const [resource, amount] of Object.entries(requests)) {
    if (amount <= 0) continue;
    const available = parseQuantity(allocatable[resource] ?? 0) - (used[resource] ?? 0);
    if (amount > available) return `Insufficient ${resource}`;
  }
  return undefined;
}

/**
 * Binds pending pods to nodes that fit: node selector, required node affinity, taints and
 * tolerations, and resource requests (GPUs included). A pod nothing fits stays Pending with
 * PodScheduled=False/Unschedulable and a FailedScheduling event; node changes retry it.
 * @internal
 */
export class Scheduler {
  private readonly loop: KeyedLoop;
  private readonly unsubscribe: () => void;
  private readonly lastMessage = new Map<string, string>();
  /** Pods waiting for a node, by key: what a node change retries. */
  private readonly pending = new Set<string>();
  /** Each bound, active pod's node and requests (the scheduler's cache, as kube-scheduler keeps one). */
  private readonly placed = new Map<string, { node: string; requests: Record<string, number> }>();
  /** The keys of the pods placed on each node. */
  private readonly podsOnNode = new Map<string, Set<string>>();
  /** Node names in the order nodes are tried (by name); undefined once a node came or went. */
  private nodeOrder: string[] | undefined;

  constructor(private readonly ctx: ControllerContext) {
    this.loop = new KeyedLoop('scheduler', key => this.schedule(key), ctx.clock, ctx.onError);
    for (const pod of ctx.api.store.peekAll('pods')) this.track(objectKey(pod));
    this.unsubscribe = ctx.api.store.subscribe(event => {
      if (event.resource === 'pods') this.track(objectKey(event.object));
      if (event.resource === 'nodes' && event.type !== 'MODIFIED') this.nodeOrder = undefined;
      if (event.resource === 'pods' && event.type !== 'DELETED' && !event.object.spec?.nodeName) {
        this.loop.enqueue(objectKey(event.object));
      } else if (event.resource === 'nodes' || (event.resource === 'pods' && event.type === 'DELETED')) {
        this.retryPending();
      }
    });
    this.retryPending();
  }

  stop() {
    this.unsubscribe();
    this.loop.stop();
  }

  /**
   * Keeps the pending set and the per-node placements current with one pod as stored now (a
   * listener may see a change after a later one made by another listener, so never the event's copy).
   */
  private track(key: string) {
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.api.store.peek('pods', namespace, name);
    const before = this.placed.get(key);
    if (before) {
      this.placed.delete(key);
      const onNode = this.podsOnNode.get(before.node)!;
      onNode.delete(key);
      if (onNode.size === 0) this.podsOnNode.delete(before.node);
    }
    const node = pod?.spec?.nodeName;
    if (pod && !node && !pod.metadata.deletionTimestamp) this.pending.add(key);
    else this.pending.delete(key);
    if (!pod || !node || !isPodActive(pod)) return;
    this.placed.set(key, { node, requests: podRequests(pod) });
    let onNode = this.podsOnNode.get(node);
    if (!onNode) this.podsOnNode.set(node, (onNode = new Set()));
    onNode.add(key);
  }

  /** What the pods on a node request, summed. */
  private usageOf(node: string): Record<string, number> {
    const used: Record<string, number> = {};
    for (const key of this.podsOnNode.get(node) ?? []) {
      for (const [resource, amount] of Object.entries(this.placed.get(key)!.requests)) used[resource] = (used[resource] ?? 0) + amount;
    }
    return used;
  }

  private nodes(): KubeObject[] {
    const { store } = this.ctx.api;
    this.nodeOrder ??= store.peekAll('nodes').map(node => node.metadata.name!);
    return this.nodeOrder.map(name => store.peek('nodes', undefined, name)).filter((node): node is KubeObject => node !== undefined);
  }

  private retryPending() {
    // In key order, as a listing would give them.
    for (const key of [...this.pending].sort()) this.loop.enqueue(key);
  }

  private schedule(key: string) {
    const { api, clock } = this.ctx;
    const { namespace, name } = splitKey(key);
    const pod = api.store.peek('pods', namespace, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
    if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
    const nodes = this.nodes();
    const requests = podRequests(pod);
    const reasons = new Map<string, number>();
    let chosen: KubeObject | undefined;
    for (const node of nodes) {
      const reason = unfitReason(pod, requests, node, () => this.usageOf(node.metadata.name!));
      if (!reason) {
        chosen = node;
        break;
      }
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const time = formatTimestamp(clock.now());
    if (chosen) {
      const next = deepCopy(pod);
      next.spec.nodeName = chosen.metadata.name;
      api.update(scopeOf(api, 'pods', namespace), name, next, { fieldManager: MANAGER });
      const bound = api.store.peek('pods', namespace, name)!;
      const status = { ...(bound.status ?? {}) };
      status.conditions = setCondition(status.conditions, { type: 'PodScheduled', status: 'True' }, time, { lastProbeTime: null });
      writeStatus(api, 'pods', bound, status, MANAGER);
      this.lastMessage.delete(key);
      this.ctx.events.record({ ...bound, kind: 'Pod', apiVersion: 'v1' }, 'Normal', 'Scheduled', `Successfully assigned ${key} to ${chosen.metadata.name}`, MANAGER);
      return;
    }
    const details = [...reasons].sort((a, b) => a[0].localeCompare(b[0])).map(([reason, count]) => `${count} ${reason}`);
    const message = `0/${nodes.length} nodes are available${details.length ? `: ${details.join(', ')}` : ''}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`;
    const status = { ...(pod.status ?? {}) };
    status.conditions = setCondition(status.conditions, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }, time, { lastProbeTime: null });
    writeStatus(api, 'pods', pod, status, MANAGER);
    if (this.lastMessage.get(key) !== message) {
      this.lastMessage.set(key, message);
      this.ctx.events.record({ ...pod, kind: 'Pod', apiVersion: 'v1' }, 'Warning', 'FailedScheduling', message, MANAGER);
    }
  }
}
