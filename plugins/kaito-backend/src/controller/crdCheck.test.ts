import { ApiextensionsV1Api, KubeConfig } from '@kubernetes/client-node';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { readKaitoConfig } from '../config';
import { WorkspaceController } from './WorkspaceController';

describe('WorkspaceController start-up on a cluster without Kaito', () => {
  let sim: ClusterSimulator;
  let kubeConfig: KubeConfig;
  beforeEach(async () => {
    sim = await startClusterSimulator({ installCrds: false, behaviour: { provisioner: { enabled: false } } });
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
  });
  afterEach(() => sim.stop());

  const controllerFor = (installCrds: boolean) => {
    const config = readKaitoConfig(
      new ConfigReader({
        kaito: {
          clusters: [{ name: 'bare', url: sim.url, serviceAccountToken: sim.token, installCrds }],
          controller: { leaderElection: { enabled: false } },
        },
      }),
    );
    return new WorkspaceController({
      cluster: config.clusters[0],
      kubeConfig,
      config: config.controller,
      logger: mockServices.logger.mock(),
      reconcile: async () => undefined,
    });
  };

  it('refuses to start and says how to install the CRD', async () => {
    const controller = controllerFor(false);
    await expect(controller.start()).rejects.toThrow(
      "Cluster 'bare' has no workspaces.kaito.sh CRD. Install Kaito, apply plugins/kaito-backend/manifests/crds.yaml, or set kaito.clusters[].installCrds: true",
    );
    await controller.stop();
  });

  it('installs the shipped CRD when installCrds is set, then watches workspaces', async () => {
    const controller = controllerFor(true);
    await controller.start();
    const crd = await kubeConfig.makeApiClient(ApiextensionsV1Api).readCustomResourceDefinition({ name: 'workspaces.kaito.sh' });
    expect(crd.spec.versions.map(v => v.name)).toEqual(['v1alpha1', 'v1beta1']);
    await controller.stop();
  });
});
