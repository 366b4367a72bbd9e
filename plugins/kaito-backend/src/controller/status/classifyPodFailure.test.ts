import { V1Pod } from '@kubernetes/client-node';
import { classifyPodFailure } from './classifyPodFailure';

const pod = (name: string, status: V1Pod['status']): V1Pod => ({ metadata: { name }, status });
const waiting = (reason: string, message = 'details') => ({
  containerStatuses: [
    {
      name: 'phi',
      image: 'mcr.microsoft.com/aks/kaito/kaito-base:0.5.0',
      imageID: '',
      ready: false,
      restartCount: 3,
      state: { waiting: { reason, message } },
    },
  ],
});
const oom = {
  containerStatuses: [
    {
      name: 'phi',
      image: 'x',
      imageID: '',
      ready: false,
      restartCount: 2,
      lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
      state: { waiting: { reason: 'CrashLoopBackOff' } },
    },
  ],
};
const unschedulable = {
  conditions: [
    { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.' },
  ],
};

describe('classifyPodFailure', () => {
  it.each([
    ['healthy pods', [pod('a-0', { phase: 'Running' })], undefined],
    ['an image pull back-off', [pod('a-0', waiting('ImagePullBackOff'))], 'ImagePullError'],
    ['an image pull error', [pod('a-0', waiting('ErrImagePull'))], 'ImagePullError'],
    ['a config error', [pod('a-0', waiting('CreateContainerConfigError'))], 'ContainerStartError'],
    ['a crash loop', [pod('a-0', waiting('CrashLoopBackOff'))], 'ContainerCrashLoopBackOff'],
    ['an OOM kill shown as a crash loop', [pod('a-0', oom)], 'ContainerOOMKilled'],
    ['an eviction', [pod('a-0', { reason: 'Evicted', message: 'disk pressure' })], 'PodEvicted'],
    ['an unschedulable pod', [pod('a-0', unschedulable)], 'Unschedulable'],
    [
      'OOM on one pod and unschedulable on another',
      [pod('a-1', unschedulable), pod('a-0', oom)],
      'ContainerOOMKilled',
    ],
    [
      'a crash loop and an image pull error',
      [pod('a-0', waiting('CrashLoopBackOff')), pod('a-1', waiting('ImagePullBackOff'))],
      'ImagePullError',
    ],
  ])('classifies %s', (_, pods, reason) => {
    expect(classifyPodFailure(pods)?.reason).toBe(reason);
  });

  it('names the pod and the scheduler message', () => {
    expect(classifyPodFailure([pod('phi-0', unschedulable)])?.message).toBe(
      'pod phi-0 is unschedulable: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
    );
  });

  it('caps messages at 256 characters as Kaito does', () => {
    const failure = classifyPodFailure([pod('a-0', waiting('CrashLoopBackOff', 'x'.repeat(500)))]);
    expect(failure?.message).toHaveLength(256);
  });
});
