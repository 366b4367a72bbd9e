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
function unfitReason(pod: KubeObject, node: KubeObject, used: Record<string, number>): string | undefined {
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
  for (const [resource, amount] of Object.entries(podRequests(pod))) {
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

  constructor(private readonly ctx: ControllerContext) {
    this.loop = new KeyedLoop('scheduler', key => this.schedule(key), ctx.clock, ctx.onError);
    this.unsubscribe = ctx.api.store.subscribe(event => {
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

  private retryPending() {
    for (const pod of this.ctx.api.store.peekAll('pods')) {
      if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp) this.loop.enqueue(objectKey(pod));
    }
  }

  private schedule(key: string) {
    const { api, clock } = this.ctx;
    const { namespace, name } = splitKey(key);
    const pod = api.store.peek('pods', namespace, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
    if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
    const nodes = api.store.peekAll('nodes');
    const usage = new Map<string, Record<string, number>>();
    for (const other of api.store.peekAll('pods')) {
      const node = other.spec?.nodeName;
      if (!node || !isPodActive(other)) continue;
      const used = usage.get(node) ?? {};
      for (const [resource, amount] of Object.entries(podRequests(other))) used[resource] = (used[resource] ?? 0) + amount;
      usage.set(node, used);
    }
    const reasons = new Map<string, number>();
    let chosen: KubeObject | undefined;
    for (const node of nodes) {
      const reason = unfitReason(pod, node, usage.get(node.metadata.name!) ?? {});
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
