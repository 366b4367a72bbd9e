import { V1Container, V1Deployment } from '@kubernetes/client-node';
import { kaitoOperatorObjects } from '../__testUtils__/kaitoOperator';
import { chooseMode, kaitoOperatorOf } from './detectKaitoOperator';

const chartDeployment = (release = {}) =>
  kaitoOperatorObjects(release).find(o => o.kind === 'Deployment') as V1Deployment;

function deployment(name: string, containers: V1Container[]): V1Deployment {
  return {
    metadata: { name, namespace: 'apps', labels: { 'app.kubernetes.io/name': 'workspace' } },
    spec: { selector: {}, template: { spec: { containers } } },
  };
}

describe('kaitoOperatorOf', () => {
  it.each<[string, V1Deployment, string | undefined]>([
    ['the chart as Kaito documents it', chartDeployment(), 'kaito-workspace/kaito-workspace'],
    ['the chart from a mirror', chartDeployment({ image: 'myregistry.example.com/mcr/aks/kaito/workspace:0.12.0' }), 'kaito-workspace/kaito-workspace'],
    ['Kaito’s image pinned by digest', deployment('ctl', [{ name: 'manager', image: `mcr.microsoft.com/aks/kaito/workspace@sha256:${'a'.repeat(64)}` }]), 'apps/ctl'],
    ['Kaito’s image from a registry with a port', deployment('ctl', [{ name: 'manager', image: 'registry.local:5000/kaito/workspace:0.12.0' }]), 'apps/ctl'],
    ['the chart’s workspace container with the webhook Service, from a renamed image', deployment('ctl', [{ name: 'workspace', image: 'example.com/custom:1', env: [{ name: 'WEBHOOK_SERVICE', value: 'x-svc' }] }]), 'apps/ctl'],
    ['someone else’s app labelled workspace', deployment('workspace', [{ name: 'workspace', image: 'example.com/team/workspace:2' }]), undefined],
    ['an image whose name only ends in workspace', deployment('ctl', [{ name: 'manager', image: 'example.com/notkaito/workspace:1' }]), undefined],
    ['a Deployment with no pod template', { metadata: { name: 'kaito-workspace', namespace: 'x' } }, undefined],
  ])('%s', (_, object, found) => {
    const operator = kaitoOperatorOf(object);
    expect(operator ? `${operator.namespace}/${operator.name}` : undefined).toBe(found);
  });

  it('reports the replicas and how many are ready', () => {
    const object = { ...chartDeployment({ replicas: 2 }), status: { readyReplicas: 1 } };
    expect(kaitoOperatorOf(object)).toEqual({
      namespace: 'kaito-workspace',
      name: 'kaito-workspace',
      image: 'mcr.microsoft.com/aks/kaito/workspace:0.12.0',
      replicas: 2,
      readyReplicas: 1,
    });
  });
});

describe('chooseMode', () => {
  it('is builtin with no Kaito operator, naming what it looked for', () => {
    const decision = chooseMode([]);
    expect(decision.mode).toBe('builtin');
    expect(decision.reason).toContain('app.kubernetes.io/name=workspace');
    expect(decision.reason).toContain('kaito-workspace');
  });

  it('is observe with one, even with none of its pods ready', () => {
    const decision = chooseMode([{ namespace: 'kaito-workspace', name: 'kaito-workspace', image: 'mcr.microsoft.com/aks/kaito/workspace:0.12.0', replicas: 1, readyReplicas: 0 }]);
    expect(decision).toEqual({
      mode: 'observe',
      reason: expect.stringContaining('Deployment kaito-workspace/kaito-workspace, image mcr.microsoft.com/aks/kaito/workspace:0.12.0, 0/1 ready'),
    });
  });
});
