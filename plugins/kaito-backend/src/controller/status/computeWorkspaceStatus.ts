import { V1Job, V1Node, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import {
  Condition,
  ConditionReasons,
  ConditionTypes,
  NodeClaim,
  Workspace,
  WorkspaceState,
  WorkspaceStatus,
} from '@kaito-backstage/plugin-kaito-common';
import { classifyPodFailure } from './classifyPodFailure';

/** What the controller saw of one workspace, the input of its status. @internal */
export interface WorkspaceObservation {
  workspace: Workspace;
  provisioner: 'gpu-provisioner' | 'karpenter' | 'byo';
  /** Estimated node count (status.targetNodeCount or the fresh estimate). */
  targetNodeCount: number;
  /** Why the workspace cannot be provisioned (validation, unknown preset…). */
  invalid?: { reason: string; message: string };
  /** The workspace's NodeClaims (gpu-provisioner mode). */
  nodeClaims: NodeClaim[];
  /** Nodes that count for the workspace: its own and matching BYO nodes. */
  nodes: V1Node[];
  /** Names of nodes among `nodes` whose GPU plugins are not ready, with why. */
  nodesMissingGpu: string[];
  /** The GPU resource those nodes lack: `nvidia.com/gpu`, or a MIG slice's `nvidia.com/mig-<profile>`. */
  gpuResource?: string;
  statefulSet?: V1StatefulSet;
  pods: V1Pod[];
  job?: V1Job;
  /** A problem with the serving image (e.g. an adapter image that does not exist). */
  imageProblem?: { reason: string; message: string };
  /** An object in a child's way that the workspace does not control: which, and how to resolve it. */
  conflict?: string;
  /**
   * The post-load benchmark's result, read from the leader's log once it is ready (Kaito
   * v0.12): the figures, or why there are none. Once recorded it is kept (write-once) until a
   * base-image upgrade resets it.
   */
  benchmark?: { performance: NonNullable<WorkspaceStatus['performance']> } | { failed: string } | { reset: true };
  now: Date;
}

type Status = 'True' | 'False' | 'Unknown';

/**
 * Karpenter/gpu-provisioner launch reasons that mean the cloud refused the
 * instance type (regional quota, no capacity): waiting does not help, another
 * instance type might. The workspace is Failed until its spec changes.
 */
const TERMINAL_LAUNCH_REASONS = new Set(['LaunchFailed', 'InsufficientCapacityError', 'InsufficientCapacity']);

/** The first NodeClaim of the workspace whose launch the cloud refused, with why. */
function terminalLaunchFailure(o: WorkspaceObservation): string | undefined {
  for (const claim of o.nodeClaims.filter(c => !c.metadata?.deletionTimestamp)) {
    const launched = conditionOf(claim, 'Launched');
    if (launched?.status === 'False' && TERMINAL_LAUNCH_REASONS.has(launched.reason)) {
      return `NodeClaim ${claim.metadata?.name} could not launch ${o.workspace.resource.instanceType ?? ''}: ${launched.message ?? launched.reason}`.replace(/\s+:/, ':');
    }
  }
  return undefined;
}

function isNodeReady(node: V1Node): boolean {
  return (
    !node.metadata?.deletionTimestamp &&
    node.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') === true
  );
}

function conditionOf(obj: { status?: { conditions?: Condition[] } }, type: string) {
  return obj.status?.conditions?.find(c => c.type === type);
}

/** NodeClaimReady from the Karpenter conditions of the workspace's claims. */
function nodeClaimCondition(o: WorkspaceObservation): [Status, string, string] {
  const live = o.nodeClaims.filter(c => !c.metadata?.deletionTimestamp);
  const ready = live.filter(c => conditionOf(c, 'Ready')?.status === 'True');
  if (ready.length >= o.targetNodeCount && o.targetNodeCount > 0) {
    return ['True', ConditionReasons.NodeClaimsReady, `${ready.length} of ${o.targetNodeCount} NodeClaims are ready`];
  }
  for (const claim of live) {
    for (const stage of ['Launched', 'Registered', 'Initialized']) {
      const c = conditionOf(claim, stage);
      if (c?.status === 'False') {
        return [
          'False',
          c.reason || ConditionReasons.NodeClaimNotReady,
          `NodeClaim ${claim.metadata?.name} ${stage}=False: ${c.message ?? ''}`.trim(),
        ];
      }
    }
  }
  if (live.length === 0) {
    return ['False', ConditionReasons.NodeClaimNotReady, `waiting for ${o.targetNodeCount} NodeClaim(s) to be created`];
  }
  return [
    'False',
    ConditionReasons.NodeClaimNotReady,
    `${ready.length} of ${o.targetNodeCount} NodeClaims are ready`,
  ];
}

function nodesCondition(o: WorkspaceObservation): [Status, string, string] {
  const ready = o.nodes.filter(isNodeReady);
  if (ready.length < o.targetNodeCount) {
    return [
      'False',
      ConditionReasons.NodeNotReady,
      `${ready.length} of ${o.targetNodeCount} nodes are ready`,
    ];
  }
  if (o.nodesMissingGpu.length > 0) {
    return [
      'False',
      ConditionReasons.NodePluginsNotReady,
      `waiting for the NVIDIA device plugin on node(s) ${o.nodesMissingGpu.join(', ')} (${o.gpuResource ?? 'nvidia.com/gpu'} capacity and the accelerator=nvidia label)`,
    ];
  }
  return ['True', ConditionReasons.NodesReady, `${ready.length} of ${o.targetNodeCount} nodes are ready`];
}

/**
 * A workspace's whole status, recomputed from what was observed, as Kaito's
 * `syncWorkspaceStatus` does: node conditions, ResourceReady, then
 * InferenceReady (with pod failures classified) or the tuning job's
 * conditions, WorkspaceSucceeded, `state` and `workerNodes`. Conditions keep
 * their `lastTransitionTime` while their status does not change.
 *
 * @internal
 */
export function computeWorkspaceStatus(o: WorkspaceObservation): WorkspaceStatus {
  const previous = o.workspace.status ?? {};
  const generation = o.workspace.metadata.generation ?? 0;
  const conditions: Condition[] = [];
  const set = (type: string, status: Status, reason: string, message: string) => {
    const before = previous.conditions?.find(c => c.type === type);
    conditions.push({
      type,
      status,
      reason,
      message,
      observedGeneration: generation,
      lastTransitionTime:
        before && before.status === status && before.lastTransitionTime
          ? before.lastTransitionTime
          : o.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  };
  const isTuning = Boolean(o.workspace.tuning);
  const workerNodes = o.nodes.map(n => n.metadata!.name!).sort();
  const targetNodeCount = o.targetNodeCount;

  if (o.workspace.metadata.deletionTimestamp) {
    set(ConditionTypes.WorkspaceDeleting, 'True', ConditionReasons.WorkspaceDeleted, 'the workspace is being deleted');
    return finish(previous.state ?? 'Pending');
  }

  if (o.invalid) {
    set(ConditionTypes.ResourceReady, 'False', o.invalid.reason, o.invalid.message);
    if (isTuning) {
      set(ConditionTypes.JobStarted, 'False', ConditionReasons.TuningJobStatusPending, o.invalid.message);
    } else {
      set(ConditionTypes.InferenceReady, 'False', ConditionReasons.InferenceStatusPending, o.invalid.message);
    }
    // An invalid spec never provisions: Failed, until the spec changes. Over the owner's
    // quota is only a wait (room may free up), so it stays Pending.
    const waits = o.invalid.reason === ConditionReasons.OwnerQuotaExceeded;
    set(ConditionTypes.WorkspaceSucceeded, 'False', waits ? ConditionReasons.WorkspacePending : ConditionReasons.WorkspaceFailed, o.invalid.message);
    return finish(waits ? 'Pending' : 'Failed');
  }

  const resource: Array<[Status, string, string]> = [];
  if (o.provisioner === 'gpu-provisioner') {
    const claim = nodeClaimCondition(o);
    set(ConditionTypes.NodeClaimReady, ...claim);
    resource.push(claim);
  }
  const nodes = nodesCondition(o);
  set(ConditionTypes.NodesReady, ...nodes);
  resource.push(nodes);
  const failing = resource.find(([status]) => status !== 'True');
  const resourceReady = !failing;
  if (o.conflict) {
    // Never Ready behind someone else's object: chat would reach whatever that object serves.
    set(ConditionTypes.ResourceReady, 'False', ConditionReasons.ResourceConflict, o.conflict);
    set(isTuning ? ConditionTypes.JobStarted : ConditionTypes.InferenceReady, 'False', ConditionReasons.ResourceConflict, o.conflict);
    set(ConditionTypes.WorkspaceSucceeded, 'False', ConditionReasons.WorkspacePending, o.conflict);
    return finish(previous.state === 'Ready' || previous.state === 'NotReady' ? 'NotReady' : 'Pending');
  }
  if (failing) {
    set(ConditionTypes.ResourceReady, 'False', failing[1], failing[2]);
  } else {
    set(ConditionTypes.ResourceReady, 'True', ConditionReasons.ResourceStatusSuccess, 'workspace resources are ready');
  }

  if (isTuning) return finish(tuningStatus(resourceReady));
  const launchFailure = terminalLaunchFailure(o);
  if (launchFailure) {
    set(ConditionTypes.InferenceReady, 'False', ConditionReasons.InferenceStatusPending, 'no GPU node could be launched');
    set(ConditionTypes.WorkspaceSucceeded, 'False', ConditionReasons.WorkspaceFailed, launchFailure);
    return finish('Failed');
  }
  return finish(inferenceStatus(resourceReady));

  function tuningStatus(ready: boolean): WorkspaceState {
    const job = o.job;
    const failed = (job?.status?.failed ?? 0) > 0 &&
      job?.status?.conditions?.some(c => c.type === 'Failed' && c.status === 'True') !== false;
    // A finished Job removed afterwards (TTL, by hand) leaves the workspace finished.
    const succeeded = (job?.status?.succeeded ?? 0) > 0 || (!job && previous.state === 'Succeeded');
    const started = succeeded || (job?.status?.ready ?? 0) > 0 || (job?.status?.active ?? 0) > 0;
    if (job && failed && !succeeded) {
      const why = job.status?.conditions?.find(c => c.type === 'Failed')?.message ?? 'the tuning job failed';
      set(ConditionTypes.JobStarted, 'False', ConditionReasons.TuningJobStatusFailed, why);
      set(ConditionTypes.WorkspaceSucceeded, 'False', ConditionReasons.WorkspaceFailed, why);
      return 'Failed';
    }
    const refusedLaunch = started ? undefined : terminalLaunchFailure(o);
    if (refusedLaunch) {
      set(ConditionTypes.JobStarted, 'False', ConditionReasons.TuningJobStatusPending, 'no GPU node could be launched');
      set(ConditionTypes.WorkspaceSucceeded, 'False', ConditionReasons.WorkspaceFailed, refusedLaunch);
      return 'Failed';
    }
    const podFailure = classifyPodFailure(o.pods);
    if (started) {
      set(ConditionTypes.JobStarted, 'True', ConditionReasons.TuningJobStatusStarted, 'the tuning job has started');
    } else {
      set(
        ConditionTypes.JobStarted,
        'False',
        podFailure?.reason ?? ConditionReasons.TuningJobStatusPending,
        podFailure?.message ?? (ready ? 'waiting for the tuning job to start' : 'waiting for GPU nodes'),
      );
    }
    if (succeeded) {
      set(ConditionTypes.WorkspaceSucceeded, 'True', ConditionReasons.WorkspaceSucceeded, 'the tuning job succeeded');
      return 'Succeeded';
    }
    set(ConditionTypes.WorkspaceSucceeded, 'False', ConditionReasons.WorkspacePending, 'the tuning job has not finished');
    return started ? 'Running' : 'Pending';
  }

  function inferenceStatus(ready: boolean): WorkspaceState {
    const sts = o.statefulSet;
    const wanted = sts?.spec?.replicas ?? 0;
    const inferenceReady =
      Boolean(sts) && wanted > 0 && (sts!.status?.readyReplicas ?? 0) === wanted;
    const wasServing = previous.state === 'Ready' || previous.state === 'NotReady';
    if (ready && inferenceReady && !o.imageProblem) {
      set(ConditionTypes.InferenceReady, 'True', ConditionReasons.InferenceStatusSuccess, 'inference has been deployed successfully');
      set(ConditionTypes.WorkspaceSucceeded, 'True', ConditionReasons.WorkspaceSucceeded, 'workspace succeeds');
      return 'Ready';
    }
    const failure = o.imageProblem ?? classifyPodFailure(o.pods);
    const pendingMessage = !ready
      ? 'waiting for GPU nodes'
      : `${sts?.status?.readyReplicas ?? 0} of ${wanted || targetNodeCount} inference pods are ready`;
    set(
      ConditionTypes.InferenceReady,
      'False',
      failure?.reason ?? ConditionReasons.InferenceStatusPending,
      failure?.message ?? pendingMessage,
    );
    set(ConditionTypes.WorkspaceSucceeded, 'False', ConditionReasons.WorkspacePending, failure?.message ?? pendingMessage);
    return wasServing ? 'NotReady' : 'Pending';
  }

  function finish(state: WorkspaceState): WorkspaceStatus {
    const status: WorkspaceStatus = { ...previous };
    const recorded = previous.conditions?.find(c => c.type === ConditionTypes.BenchmarkCompleted);
    if (o.benchmark && 'reset' in o.benchmark) {
      // A base-image upgrade: the result and its condition go, and the benchmark runs again.
      delete status.performance;
    } else if (recorded?.status === 'True') {
      conditions.push({ ...recorded, observedGeneration: generation });
    } else if (o.benchmark && 'performance' in o.benchmark) {
      set(ConditionTypes.BenchmarkCompleted, 'True', ConditionReasons.BenchmarkCompleted, 'benchmark result has been recorded');
      status.performance = o.benchmark.performance;
    } else if (o.benchmark) {
      set(ConditionTypes.BenchmarkCompleted, 'False', ConditionReasons.BenchmarkFailed, o.benchmark.failed);
    } else if (recorded) {
      conditions.push({ ...recorded, observedGeneration: generation });
    }
    status.conditions = conditions.sort((a, b) => a.type.localeCompare(b.type));
    status.workerNodes = workerNodes;
    status.state = state;
    status.targetNodeCount = targetNodeCount;
    return status;
  }
}
