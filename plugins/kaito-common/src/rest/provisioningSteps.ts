import { Condition } from '../api/kubernetes';
import { Workspace } from '../api/workspace';
import { ProvisioningStep } from './types';

/** Pod facts the timeline needs (a subset of a Pod's status). @public */
export interface PodProgress {
  /** Every container image pulled (containers started or running). */
  imagesPulled: boolean;
  /** Some container is running. */
  running: boolean;
  ready: boolean;
}

const HINTS: Record<string, string> = {
  InvalidWorkspace: 'Fix the fields named in the message and apply the workspace again.',
  LaunchFailed: 'The cloud refused the node: request GPU quota for this instance type in the region, or pick another instance type.',
  InsufficientCapacityError: 'The region has no capacity for this instance type now: retry later or pick another instance type.',
  NodeClaimNotReady: 'Nodes take a few minutes to provision; if it stays here, check the NodeClaim events.',
  NodeNotReady: 'The node joined but is not Ready yet; check the node conditions.',
  NodePluginsNotReady: 'Waiting for the NVIDIA device plugin to advertise nvidia.com/gpu on the node.',
  ImagePullError: 'Check the image name and tag, and that the pull secret grants access to the registry.',
  ContainerCrashLoopBackOff: 'The model server keeps exiting: read the inference pod logs.',
  ContainerOOMKilled: 'The model ran out of memory: choose an instance type with more GPU memory or lower max-model-len.',
  ContainerStartError: 'The container could not start: check referenced Secrets and ConfigMaps exist.',
  Unschedulable: 'No node fits the pod: check GPU capacity, taints and the label selector.',
  PodEvicted: 'The node was under pressure: the pod will be recreated; consider a larger disk or instance.',
  WorkspaceTuningJobStatusFailed: 'The tuning job failed: read the tuning pod logs, check the dataset URLs and the push secret.',
};

/** What a user can do about a reason, if we know. @public */
export function hintFor(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  if (/quota/i.test(reason)) return HINTS.LaunchFailed;
  return HINTS[reason];
}

const find = (conditions: Condition[], type: string) => conditions.find(c => c.type === type);

/**
 * The provisioning timeline of a workspace from its conditions and pod
 * progress: node claim → node ready → GPU ready → image pulled → model loaded
 * → ready (or the tuning job's steps). The first step that is not done is
 * `active`, or `failed` with Kaito's reason, message and a hint.
 *
 * @public
 */
export function provisioningSteps(
  workspace: Workspace,
  pods: PodProgress = { imagesPulled: false, running: false, ready: false },
): ProvisioningStep[] {
  const conditions = workspace.status?.conditions ?? [];
  const resource = find(conditions, 'ResourceReady');
  const nodeClaim = find(conditions, 'NodeClaimReady');
  const nodes = find(conditions, 'NodesReady');
  const invalid = resource?.reason === 'InvalidWorkspace';
  const steps: Array<Omit<ProvisioningStep, 'status'> & { done: boolean; failing?: Condition }> = [
    { id: 'validated', title: 'Request validated', done: Boolean(conditions.length) && !invalid, failing: invalid ? resource : undefined },
    {
      id: 'nodeClaim',
      title: 'GPU node requested',
      done: nodeClaim ? nodeClaim.status === 'True' : nodes?.status === 'True' || resource?.status === 'True',
      failing: nodeClaim?.status === 'False' && nodeClaim.reason !== 'NodeClaimNotReady' ? nodeClaim : undefined,
    },
    {
      id: 'nodeReady',
      title: 'Node ready',
      done: nodes?.status === 'True' || nodes?.reason === 'NodePluginsNotReady',
      failing: undefined,
    },
    { id: 'gpuReady', title: 'GPUs ready', done: nodes?.status === 'True' },
  ];
  if (workspace.tuning) {
    const job = find(conditions, 'JobStarted');
    const succeeded = find(conditions, 'WorkspaceSucceeded');
    steps.push(
      {
        id: 'jobStarted',
        title: 'Tuning job running',
        done: job?.status === 'True' || succeeded?.status === 'True',
        failing: job?.status === 'False' && job.reason !== 'WorkspaceTuningJobStatusPending' ? job : undefined,
      },
      {
        id: 'jobSucceeded',
        title: 'Adapter pushed',
        done: succeeded?.status === 'True',
        failing: succeeded?.reason === 'workspaceFailed' ? succeeded : undefined,
      },
    );
  } else {
    const inference = find(conditions, 'InferenceReady');
    const failingInference =
      inference?.status === 'False' && inference.reason !== 'WorkspaceInferenceStatusPending' ? inference : undefined;
    const pullFailed = failingInference?.reason === 'ImagePullError';
    steps.push(
      {
        id: 'imagePulled',
        title: 'Serving image pulled',
        // A container that crashes or runs out of memory was pulled and started.
        done:
          pods.imagesPulled ||
          inference?.status === 'True' ||
          ['ContainerCrashLoopBackOff', 'ContainerOOMKilled'].includes(failingInference?.reason ?? ''),
        failing: pullFailed ? failingInference : undefined,
      },
      {
        id: 'modelLoaded',
        title: 'Model loaded',
        done: pods.ready || inference?.status === 'True',
        failing: pullFailed ? undefined : failingInference,
      },
      { id: 'ready', title: 'Ready to serve', done: workspace.status?.state === 'Ready' },
    );
  }
  // A finished tuning job gives its nodes back: the node steps went before, they stay done.
  const finished = Boolean(workspace.tuning) && find(conditions, 'WorkspaceSucceeded')?.status === 'True';
  let reachedCurrent = false;
  return steps.map(({ done, failing, ...step }) => {
    if ((done || finished) && !reachedCurrent) return { ...step, status: 'done' as const };
    if (reachedCurrent) return { ...step, status: 'pending' as const };
    reachedCurrent = true;
    if (failing) {
      return {
        ...step,
        status: 'failed' as const,
        reason: failing.reason,
        message: failing.message,
        hint: hintFor(failing.reason),
      };
    }
    const waiting = [resource, find(conditions, 'InferenceReady'), find(conditions, 'JobStarted')].find(c => c?.status === 'False');
    return { ...step, status: 'active' as const, reason: waiting?.reason, message: waiting?.message };
  });
}
