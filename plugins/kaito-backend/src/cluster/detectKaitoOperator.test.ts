import { V1Container, V1Deployment, V1ValidatingWebhookConfiguration } from '@kubernetes/client-node';
import { kaitoOperatorObjects } from '../__testUtils__/kaitoOperator';
import { chooseMode, kaitoControllerOf, kaitoWebhooksOf } from './detectKaitoOperator';

const chartObjects = (release = {}) => kaitoOperatorObjects(release);
const chartDeployment = (release = {}) => chartObjects(release).find(o => o.kind === 'Deployment') as V1Deployment;
const chartWebhooks = (release = {}) =>
  chartObjects(release).filter(o => o.kind === 'ValidatingWebhookConfiguration') as V1ValidatingWebhookConfiguration[];

function deployment(name: string, containers: V1Container[]): V1Deployment {
  return {
    metadata: { name, namespace: 'apps', labels: { 'app.kubernetes.io/name': 'workspace' } },
    spec: { selector: {}, template: { spec: { containers } } },
  };
}

describe('kaitoWebhooksOf', () => {
  it('finds Kaito’s workspace webhook and the Service it calls, as the chart installs it', () => {
    expect(kaitoWebhooksOf(chartWebhooks({ release: 'ai-operator', namespace: 'ai' }))).toEqual([
      { webhookConfiguration: 'validation.workspace.kaito.sh', service: { namespace: 'ai', name: 'ai-operator-workspace-svc' } },
    ]);
  });

  it('ignores other webhooks, including Kaito’s InferenceSet webhook alone', () => {
    const inferenceSetOnly = chartWebhooks().filter(c => c.metadata?.name !== 'validation.workspace.kaito.sh');
    const other: V1ValidatingWebhookConfiguration = {
      metadata: { name: 'policy.example.com' },
      webhooks: [{ name: 'validate.policy.example.com', clientConfig: { url: 'https://policy.example.com' }, sideEffects: 'None', admissionReviewVersions: ['v1'] }],
    };
    expect(kaitoWebhooksOf([...inferenceSetOnly, other])).toEqual([]);
  });
});

describe('kaitoControllerOf', () => {
  it.each<[string, V1Deployment, string | undefined]>([
    ['the chart as Kaito documents it', chartDeployment(), 'kaito-workspace/kaito-workspace'],
    ['the chart from a renamed image, by its WEBHOOK_SERVICE', chartDeployment({ image: 'example.com/custom:1' }), 'kaito-workspace/kaito-workspace'],
    ['Kaito’s image pinned by digest', deployment('ctl', [{ name: 'manager', image: `mcr.microsoft.com/aks/kaito/workspace@sha256:${'a'.repeat(64)}` }]), 'apps/ctl'],
    ['someone else’s app labelled workspace', deployment('workspace', [{ name: 'workspace', image: 'example.com/team/workspace:2' }]), undefined],
    ['a container naming another webhook Service', deployment('ctl', [{ name: 'workspace', image: 'example.com/c:1', env: [{ name: 'WEBHOOK_SERVICE', value: 'other-svc' }] }]), undefined],
    ['a Deployment with no pod template', { metadata: { name: 'kaito-workspace', namespace: 'x' } }, undefined],
  ])('%s', (_, object, found) => {
    const controller = kaitoControllerOf(object, 'kaito-workspace-svc');
    expect(controller ? `${controller.namespace}/${controller.name}` : undefined).toBe(found);
  });

  it('reports the replicas and how many are ready', () => {
    const object = { ...chartDeployment({ replicas: 2 }), status: { readyReplicas: 1 } };
    expect(kaitoControllerOf(object, 'kaito-workspace-svc')).toEqual({
      namespace: 'kaito-workspace',
      name: 'kaito-workspace',
      image: 'mcr.microsoft.com/aks/kaito/workspace:0.12.0',
      replicas: 2,
      readyReplicas: 1,
    });
  });
});

describe('chooseMode', () => {
  it('is builtin with no Kaito webhook, naming what it looked for', () => {
    const decision = chooseMode([]);
    expect(decision.mode).toBe('builtin');
    expect(decision.reason).toContain('validation.workspace.kaito.sh');
  });

  it('is observe with Kaito’s webhook, even with none of its pods ready', () => {
    const decision = chooseMode([
      {
        webhookConfiguration: 'validation.workspace.kaito.sh',
        service: { namespace: 'kaito-workspace', name: 'kaito-workspace-svc' },
        deployment: { namespace: 'kaito-workspace', name: 'kaito-workspace', image: 'mcr.microsoft.com/aks/kaito/workspace:0.12.0', replicas: 1, readyReplicas: 0 },
      },
    ]);
    expect(decision).toEqual({
      mode: 'observe',
      reason: expect.stringContaining(
        'ValidatingWebhookConfiguration validation.workspace.kaito.sh calls Service kaito-workspace/kaito-workspace-svc; Deployment kaito-workspace/kaito-workspace, image mcr.microsoft.com/aks/kaito/workspace:0.12.0, 0/1 ready',
      ),
    });
  });
});
