import { AdmissionregistrationV1Api, KubeConfig, V1ValidatingWebhookConfiguration } from '@kubernetes/client-node';
import { ClusterSimulator, startClusterSimulator } from '../../ClusterSimulator';
import { validateWebhookConfiguration } from './webhookConfigurationRules';

const QUIET = { provisioner: { enabled: false }, scheduler: { enabled: false }, kubelet: { enabled: false }, workloads: { enabled: false } };

/** What Kaito v0.12's chart (templates/webhooks.yaml) installs for `helm install kaito-workspace`. */
function kaitoWebhookConfiguration(): V1ValidatingWebhookConfiguration {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'validation.workspace.kaito.sh' },
    webhooks: [
      {
        name: 'validation.workspace.kaito.sh',
        admissionReviewVersions: ['v1'],
        clientConfig: { service: { name: 'kaito-workspace-svc', namespace: 'kaito-workspace', port: 9443 } },
        failurePolicy: 'Fail',
        sideEffects: 'None',
        rules: [{ apiGroups: ['kaito.sh'], apiVersions: ['v1alpha1', 'v1beta1'], resources: ['workspaces'], operations: ['CREATE', 'UPDATE'] }],
      },
    ],
  };
}

const fieldsOf = (causes: { field?: string }[]) => causes.map(c => c.field);

describe('webhook configuration validation', () => {
  it('requires name, clientConfig, sideEffects and admissionReviewVersions of every webhook', () => {
    const causes = validateWebhookConfiguration(
      { metadata: { name: 'x' }, webhooks: [{ failurePolicy: 'Fail', matchPolicy: 'Equivalent', timeoutSeconds: 10 }] },
      false,
    );
    expect(fieldsOf(causes)).toEqual(['webhooks[0].name', 'webhooks[0].admissionReviewVersions', 'webhooks[0].sideEffects', 'webhooks[0].clientConfig']);
    expect(causes[3].message).toBe('Required value: exactly one of url or service is required');
  });

  it('refuses a short name, a duplicate name, an incomplete rule and an http url', () => {
    const hook = { admissionReviewVersions: ['v1'], sideEffects: 'None', failurePolicy: 'Fail', matchPolicy: 'Equivalent', timeoutSeconds: 10 };
    const causes = validateWebhookConfiguration(
      {
        metadata: { name: 'x' },
        webhooks: [
          { ...hook, name: 'kaito.sh', clientConfig: { url: 'http://example.com/validate' } },
          { ...hook, name: 'a.b.c', clientConfig: { service: { name: 's', namespace: 'n', port: 443 } }, rules: [{ operations: ['CREATE'] }] },
          { ...hook, name: 'a.b.c', clientConfig: { service: { name: 's', namespace: 'n', port: 443 } } },
        ],
      },
      false,
    );
    expect(fieldsOf(causes)).toEqual([
      'webhooks[0].name',
      'webhooks[0].clientConfig.url',
      'webhooks[1].rules[0].apiGroups',
      'webhooks[1].rules[0].apiVersions',
      'webhooks[1].rules[0].resources',
      'webhooks[2].name',
    ]);
    expect(causes[5].reason).toBe('FieldValueDuplicate');
  });
});

describe('admissionregistration.k8s.io/v1 in the simulator', () => {
  let sim: ClusterSimulator;
  let api: AdmissionregistrationV1Api;

  beforeAll(async () => {
    sim = await startClusterSimulator({ installCrds: false, behaviour: QUIET });
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    api = kc.makeApiClient(AdmissionregistrationV1Api);
  });
  afterAll(() => sim.stop());

  it('stores a cluster-scoped ValidatingWebhookConfiguration with the v1 defaults', async () => {
    await api.createValidatingWebhookConfiguration({ body: kaitoWebhookConfiguration() });
    const stored = await api.readValidatingWebhookConfiguration({ name: 'validation.workspace.kaito.sh' });
    expect(stored.webhooks?.[0]).toMatchObject({
      matchPolicy: 'Equivalent',
      timeoutSeconds: 10,
      namespaceSelector: {},
      objectSelector: {},
      rules: [{ scope: '*' }],
      clientConfig: { service: { name: 'kaito-workspace-svc', namespace: 'kaito-workspace', port: 9443 } },
    });
    const list = await api.listValidatingWebhookConfiguration();
    expect(list.items.map(h => h.metadata?.name)).toEqual(['validation.workspace.kaito.sh']);
  });

  it('answers 422 for a webhook without sideEffects, as kube-apiserver does', async () => {
    const body = kaitoWebhookConfiguration();
    body.metadata = { name: 'no-side-effects' };
    (body.webhooks![0] as { sideEffects?: string }).sideEffects = undefined;
    const error = await api.createValidatingWebhookConfiguration({ body }).catch(e => e);
    expect(error.code).toBe(422);
    expect(String(error.body)).toContain('webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun');
  });

  it('stores a MutatingWebhookConfiguration with reinvocationPolicy Never', async () => {
    const { webhooks } = kaitoWebhookConfiguration();
    await api.createMutatingWebhookConfiguration({
      body: { metadata: { name: 'mutator.example.com' }, webhooks: [{ ...webhooks![0], name: 'inject.mutator.example.com' }] },
    });
    const stored = await api.readMutatingWebhookConfiguration({ name: 'mutator.example.com' });
    expect(stored.webhooks?.[0].reinvocationPolicy).toBe('Never');
  });
});
