import { Condition } from '../api/kubernetes';
import { Workspace } from '../api/workspace';
import { provisioningSteps } from './provisioningSteps';

const c = (type: string, status: string, reason: string, message = ''): Condition => ({
  type,
  status: status as Condition['status'],
  reason,
  message,
  lastTransitionTime: '2026-11-22T10:00:00Z',
});
const inference = (conditions: Condition[], state?: 'Ready'): Workspace => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name: 'phi' },
  resource: { instanceType: 'Standard_NV36ads_A10_v5', labelSelector: { matchLabels: {} } },
  inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
  status: { conditions, state },
});
const statuses = (steps: ReturnType<typeof provisioningSteps>) => steps.map(s => `${s.id}:${s.status}`).join(' ');

describe('provisioningSteps', () => {
  it.each<[string, Workspace, string]>([
    ['a new workspace', inference([]), 'validated:active nodeClaim:pending nodeReady:pending gpuReady:pending imagePulled:pending modelLoaded:pending ready:pending'],
    [
      'a node being provisioned',
      inference([c('NodeClaimReady', 'False', 'NodeClaimNotReady'), c('ResourceReady', 'False', 'NodeClaimNotReady')]),
      'validated:done nodeClaim:active nodeReady:pending gpuReady:pending imagePulled:pending modelLoaded:pending ready:pending',
    ],
    [
      'a quota failure',
      inference([c('NodeClaimReady', 'False', 'LaunchFailed', 'quota exceeded'), c('ResourceReady', 'False', 'LaunchFailed')]),
      'validated:done nodeClaim:failed nodeReady:pending gpuReady:pending imagePulled:pending modelLoaded:pending ready:pending',
    ],
    [
      'a crash-looping model',
      inference([
        c('NodeClaimReady', 'True', 'NodeClaimsReady'),
        c('NodesReady', 'True', 'NodesReady'),
        c('ResourceReady', 'True', 'ok'),
        c('InferenceReady', 'False', 'ContainerCrashLoopBackOff', 'pod phi-0 is crash-looping'),
      ]),
      'validated:done nodeClaim:done nodeReady:done gpuReady:done imagePulled:done modelLoaded:failed ready:pending',
    ],
    [
      'a ready workspace',
      inference(
        [c('NodeClaimReady', 'True', 'a'), c('NodesReady', 'True', 'a'), c('ResourceReady', 'True', 'a'), c('InferenceReady', 'True', 'a')],
        'Ready',
      ),
      'validated:done nodeClaim:done nodeReady:done gpuReady:done imagePulled:done modelLoaded:done ready:done',
    ],
  ])('for %s', (_, workspace, expected) => {
    expect(statuses(provisioningSteps(workspace))).toBe(expected);
  });

  it('gives the reason, the message and a hint where it is stuck', () => {
    const steps = provisioningSteps(
      inference([c('NodeClaimReady', 'False', 'LaunchFailed', 'quota exceeded for Standard_NV36ads_A10_v5'), c('ResourceReady', 'False', 'LaunchFailed')]),
    );
    expect(steps.find(s => s.status === 'failed')).toEqual({
      id: 'nodeClaim',
      title: 'GPU node requested',
      status: 'failed',
      reason: 'LaunchFailed',
      message: 'quota exceeded for Standard_NV36ads_A10_v5',
      hint: expect.stringContaining('request GPU quota'),
    });
  });

  it('uses the tuning steps for a tuning workspace', () => {
    const tuning: Workspace = {
      ...inference([c('ResourceReady', 'True', 'a'), c('NodesReady', 'True', 'a'), c('NodeClaimReady', 'True', 'a'), c('JobStarted', 'True', 'a'), c('WorkspaceSucceeded', 'True', 'workspaceSucceeded')]),
      inference: undefined,
      tuning: { preset: { name: 'phi-3-mini-4k-instruct' }, method: 'lora', input: { urls: [] }, output: {} },
    };
    expect(statuses(provisioningSteps(tuning))).toBe('validated:done nodeClaim:done nodeReady:done gpuReady:done jobStarted:done jobSucceeded:done');
  });

  it('keeps every step done once tuning succeeded and its nodes were released', () => {
    const released: Workspace = {
      ...inference([c('ResourceReady', 'False', 'NodeClaimNotReady'), c('NodesReady', 'False', 'NodeNotReady'), c('NodeClaimReady', 'False', 'NodeClaimNotReady'), c('JobStarted', 'True', 'a'), c('WorkspaceSucceeded', 'True', 'workspaceSucceeded')]),
      inference: undefined,
      tuning: { preset: { name: 'phi-3-mini-4k-instruct' }, method: 'lora', input: { urls: [] }, output: {} },
    };
    expect(statuses(provisioningSteps(released))).toBe('validated:done nodeClaim:done nodeReady:done gpuReady:done jobStarted:done jobSucceeded:done');
  });
});
