import { KubeConfig } from '@kubernetes/client-node';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { inferenceSetCrd, nodeClaimCrd, nodePoolCrd, workspaceCrd } from '@kaito-backstage/plugin-kaito-common';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { readKaitoConfig } from '../config';
import { ClusterCache } from './ClusterCache';
import { WatchedKind } from './watchedKinds';
import { WorkspaceController } from './WorkspaceController';
import { eventually } from '../__testUtils__/eventually';

/** A gpu-provisioner cluster as the issue found it: Kaito's Workspace CRD and Karpenter's NodeClaim CRD, no NodePool CRD. */
describe('a cluster without the NodePool CRD', () => {
  let sim: ClusterSimulator;
  let kubeConfig: KubeConfig;
  beforeEach(async () => {
    sim = await startClusterSimulator({ installCrds: false, behaviour: { provisioner: { enabled: false } } });
    sim.installCrds([workspaceCrd, inferenceSetCrd, nodeClaimCrd] as any);
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
  });
  afterEach(() => sim.stop());

  const startController = async (provisioner: 'gpu-provisioner' | 'karpenter') => {
    const config = readKaitoConfig(
      new ConfigReader({
        kaito: {
          clusters: [{ name: 'real', url: sim.url, serviceAccountToken: sim.token, provisioner }],
          controller: { leaderElection: { enabled: false } },
        },
      }),
    );
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const controller = new WorkspaceController({ cluster: config.clusters[0], kubeConfig, config: config.controller, logger, reconcile: async () => undefined });
    await controller.start();
    return { controller, logger };
  };
  const linesAbout = (logger: ReturnType<typeof mockServices.logger.mock>, text: string) =>
    [...logger.warn.mock.calls, ...logger.error.mock.calls].map(c => String(c[0])).filter(line => line.includes(text));

  it('in gpu-provisioner mode does not watch NodePools, so nothing fails', async () => {
    const { controller, logger } = await startController('gpu-provisioner');
    // Long enough for a restart loop (1 s, 2 s backoff) to log again.
    await new Promise(r => setTimeout(r, 3500));
    expect(linesAbout(logger, 'NodePool')).toEqual([]);
    expect(controller.cache.missingKinds).toEqual([]);
    await controller.stop();
  });

  it('in karpenter mode says once that the required CRD is missing, and does not restart in a loop', async () => {
    const { controller, logger } = await startController('karpenter');
    await new Promise(r => setTimeout(r, 3500));
    expect(linesAbout(logger, 'NodePool')).toEqual([
      "CRD nodepools.karpenter.sh is not installed: NodePools are not watched, so workspaces get no nodes (provisioner: karpenter). Install it (Kaito's Karpenter chart, or plugins/kaito-backend/manifests/crds.yaml); checking again every minute",
    ]);
    expect(controller.cache.missingKinds).toEqual(['NodePool']);
    await controller.stop();
  });
});

describe('ClusterCache and a CRD installed later', () => {
  it('reports the kind missing once, then watches it once the CRD appears', async () => {
    const sim = await startClusterSimulator({ installCrds: false, behaviour: { provisioner: { enabled: false } } });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
    const missing: WatchedKind[] = [];
    const served: WatchedKind[] = [];
    const errors: WatchedKind[] = [];
    const cache = new ClusterCache({
      kubeConfig,
      onEvent: () => {},
      onError: kind => errors.push(kind),
      onKindMissing: kind => missing.push(kind),
      onKindServed: kind => served.push(kind),
      recheckMissingKindMs: () => 200,
    });
    try {
      await cache.start(['NodePool']);
      await new Promise(r => setTimeout(r, 700));
      expect(missing).toEqual(['NodePool']);
      sim.installCrds([nodePoolCrd] as any);
      await eventually(() => served.length > 0, 'NodePool to be served');
      expect(served).toEqual(['NodePool']);
      expect(cache.missingKinds).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await cache.stop();
      await sim.stop();
    }
  });
});
