import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ClusterSimulator, startClusterSimulator } from '@kaito-backstage/cluster-sim';
import { applyShippedRbac } from '../__testUtils__/shippedRbac';
import { checkModelAccessSecret } from './modelAccessSecret';

describe('checkModelAccessSecret', () => {
  let sim: ClusterSimulator;
  let portal: KubeConfig;
  let admin: KubeConfig;

  beforeAll(async () => {
    sim = await startClusterSimulator();
    admin = new KubeConfig();
    admin.loadFromString(sim.kubeconfigYaml());
    await admin.makeApiClient(CoreV1Api).createNamespacedSecret({
      namespace: 'default',
      body: { metadata: { name: 'hf-token' }, stringData: { HF_TOKEN: 'hf_secret_value' } },
    });
    // The portal's own ServiceAccount, with only the shipped rbac.yaml's rights.
    portal = (await applyShippedRbac(sim)).kubeConfig;
  });

  afterAll(() => sim?.stop());

  it('passes a Secret that exists, with the shipped rights', async () => {
    await expect(checkModelAccessSecret(portal, 'default', 'hf-token')).resolves.toBeUndefined();
  });

  it('refuses a Secret the namespace lacks, saying how to create it', async () => {
    await expect(checkModelAccessSecret(portal, 'default', 'hf-tokn')).rejects.toThrow(
      'The workspace request is invalid: inference.preset.presetOptions.modelAccessSecret: Secret hf-tokn does not exist in namespace default; create it with kubectl create secret generic hf-tokn --namespace default',
    );
  });

  it('warns instead of refusing when the cluster withholds the right', async () => {
    const core = admin.makeApiClient(CoreV1Api);
    await core.createNamespacedServiceAccount({ namespace: 'default', body: { metadata: { name: 'no-rights' } } });
    const token = await sim.serviceAccountToken('default', 'no-rights');
    const unprivileged = new KubeConfig();
    unprivileged.loadFromOptions({
      clusters: [{ name: 'sim', server: sim.url, caData: sim.caData }],
      users: [{ name: 'no-rights', token }],
      contexts: [{ name: 'sim', cluster: 'sim', user: 'no-rights' }],
      currentContext: 'sim',
    });

    await expect(checkModelAccessSecret(unprivileged, 'default', 'hf-token')).resolves.toEqual({
      path: 'inference.preset.presetOptions.modelAccessSecret',
      severity: 'warning',
      message: expect.stringContaining('Could not check that Secret hf-token exists in namespace default'),
    });
  });
});
