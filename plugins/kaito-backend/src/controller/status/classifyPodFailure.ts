import { V1Pod } from '@kubernetes/client-node';
import { ConditionReasons } from '@kaito-backstage/plugin-kaito-common';

/** A pod problem as Kaito reports it on InferenceReady. @internal */
export interface PodFailure {
  reason: string;
  message: string;
}

const IMAGE_PULL = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);
const START_ERRORS = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);
const MAX_MESSAGE = 256;

function cap(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
}

/**
 * The most important failure among a workspace's pods, in Kaito's order:
 * OOM > image pull > container start > crash loop > evicted > unschedulable.
 * Messages name the pod and are capped at 256 characters as Kaito's are.
 *
 * @internal
 */
export function classifyPodFailure(pods: V1Pod[]): PodFailure | undefined {
  const found: Array<PodFailure & { rank: number }> = [];
  for (const pod of pods) {
    const name = pod.metadata?.name;
    const statuses = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ];
    for (const status of statuses) {
      const terminated = status.state?.terminated ?? status.lastState?.terminated;
      const waiting = status.state?.waiting;
      if (terminated?.reason === 'OOMKilled') {
        found.push({
          rank: 0,
          reason: ConditionReasons.ContainerOOMKilled,
          message: `pod ${name}: container ${status.name} was OOMKilled (restarts ${status.restartCount}); use an instance type with more memory or lower max-model-len`,
        });
      } else if (waiting?.reason && IMAGE_PULL.has(waiting.reason)) {
        found.push({
          rank: 1,
          reason: ConditionReasons.ImagePullError,
          message: `pod ${name}: ${waiting.reason} for image ${status.image}: ${waiting.message ?? 'the image could not be pulled'}`,
        });
      } else if (waiting?.reason && START_ERRORS.has(waiting.reason)) {
        found.push({
          rank: 2,
          reason: ConditionReasons.ContainerStartError,
          message: `pod ${name}: ${waiting.reason}: ${waiting.message ?? ''}`.trim(),
        });
      } else if (waiting?.reason === 'CrashLoopBackOff') {
        found.push({
          rank: 3,
          reason: ConditionReasons.ContainerCrashLoopBackOff,
          message: `pod ${name}: container ${status.name} is crash-looping (restarts ${status.restartCount}): ${waiting.message ?? ''}`.trim(),
        });
      }
    }
    if (pod.status?.reason === 'Evicted') {
      found.push({
        rank: 4,
        reason: ConditionReasons.PodEvicted,
        message: `pod ${name} was evicted: ${pod.status.message ?? ''}`.trim(),
      });
    }
    const scheduled = pod.status?.conditions?.find(c => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      found.push({
        rank: 5,
        reason: ConditionReasons.Unschedulable,
        message: `pod ${name} is unschedulable: ${scheduled.message ?? ''}`.trim(),
      });
    }
  }
  found.sort((a, b) => a.rank - b.rank);
  const first = found[0];
  return first && { reason: first.reason, message: cap(first.message) };
}
