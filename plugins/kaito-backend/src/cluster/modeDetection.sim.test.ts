import { coreServices, createServiceFactory, LoggerService } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ClusterSimulator, startClusterSimulator } from '@kaito-backstage/cluster-sim';
import { AdmissionregistrationV1Api, KubeConfig } from '@kubernetes/client-node';
import request from 'supertest';
import { kaitoPlugin } from '../plugin';
import { eventually } from '../__testUtils__/eventually';
import { installKaitoOperator, KaitoOperatorRelease } from '../__testUtils__/kaitoOperator';
import { testOrgServices } from '../__testUtils__/testOrg';

jest.setTimeout(60_000);

type Line = { level: string; message: string };

function recordingLogger(lines: Line[]): LoggerService {
  const logger: LoggerService = {
    error: message => void lines.push({ level: 'error', message }),
    warn: message => void lines.push({ level: 'warn', message }),
    info: message => void lines.push({ level: 'info', message }),
    debug: message => void lines.push({ level: 'debug', message }),
    child: () => logger,
  };
  return logger;
}

/** The plugin managing the simulator as cluster `sim` with no `mode` set (or the one given). */
async function startWithoutMode(sim: ClusterSimulator, lines: Line[], mode?: 'builtin' | 'observe') {
  return startTestBackend({
    features: [
      kaitoPlugin,
      ...testOrgServices(),
      createServiceFactory({ service: coreServices.logger, deps: {}, factory: () => recordingLogger(lines) }),
      mockServices.rootConfig.factory({
        data: {
          kaito: {
            clusters: [{ name: 'sim', url: sim.url, serviceAccountToken: sim.token, skipTLSVerify: true, ...(mode ? { mode } : {}) }],
            controller: { leaderElection: { enabled: false } },
          },
        },
      }),
    ],
  });
}

async function connectedCluster(backend: Awaited<ReturnType<typeof startTestBackend>>) {
  return eventually(async () => {
    const res = await request(backend.server).get('/api/kaito/clusters');
    const cluster = res.body.items?.[0];
    return cluster && !cluster.error ? cluster : undefined;
  }, 'the cluster to connect');
}

describe('choosing the mode of a cluster whose kaito.clusters[].mode is unset', () => {
  let sim: ClusterSimulator;
  let admin: KubeConfig;
  beforeEach(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0 } } });
    admin = new KubeConfig();
    admin.loadFromString(sim.kubeconfigYaml());
  });
  afterEach(() => sim.stop());

  it('is builtin where no Kaito operator runs, and says why', async () => {
    const lines: Line[] = [];
    const backend = await startWithoutMode(sim, lines);
    try {
      expect((await connectedCluster(backend)).mode).toBe('builtin');
      const chosen = lines.filter(l => l.message.includes('mode (kaito.clusters[].mode is unset)'));
      expect(chosen).toHaveLength(1);
      expect(chosen[0].message).toContain("Cluster 'sim' runs in builtin mode");
      expect(chosen[0].message).toContain('no Kaito workspace controller is installed there');
    } finally {
      await backend.stop();
    }
  });

  it.each<[string, KaitoOperatorRelease]>([
    ['installed as Kaito documents it', {}],
    ['under another release name, from a mirror', { release: 'ai-operator', namespace: 'ai', image: 'myregistry.example.com/mcr/aks/kaito/workspace:0.12.0' }],
    ['scaled to zero', { replicas: 0 }],
  ])('is observe where Kaito’s Helm chart installed its controller (%s)', async (_, release) => {
    await installKaitoOperator(admin, release);
    const lines: Line[] = [];
    const backend = await startWithoutMode(sim, lines);
    try {
      expect((await connectedCluster(backend)).mode).toBe('observe');
      const fullname = release.release ? `${release.release}-workspace` : 'kaito-workspace';
      const namespace = release.namespace ?? 'kaito-workspace';
      const chosen = lines.filter(l => l.message.includes('mode (kaito.clusters[].mode is unset)'));
      expect(chosen).toHaveLength(1);
      expect(chosen[0].message).toContain("Cluster 'sim' runs in observe mode");
      expect(chosen[0].message).toContain(`ValidatingWebhookConfiguration validation.workspace.kaito.sh calls Service ${namespace}/${fullname}-svc`);
      expect(chosen[0].message).toContain(`Deployment ${namespace}/${fullname}`);
      // Observe: the controller watches only; the portal's reconciler never starts.
      await eventually(() => lines.some(l => l.message === 'Watching workspaces (observe mode)'), 'the controller to watch in observe mode');
      expect(lines.some(l => l.message.startsWith('Watching workspaces (builtin'))).toBe(false);
    } finally {
      await backend.stop();
    }
  });

  /** What a namespace user can create: a Deployment that looks like Kaito's controller, in their own namespace. */
  async function forgeKaitoDeployment(replicas: number) {
    await installKaitoOperator(admin, { release: 'kaito-workspace', namespace: 'team-a', replicas });
    // A tenant cannot create cluster-scoped webhook configurations; remove what the helper made.
    const api = admin.makeApiClient(AdmissionregistrationV1Api);
    for (const name of ['validation.workspace.kaito.sh', 'validation.inferenceset.kaito.sh']) {
      await api.deleteValidatingWebhookConfiguration({ name });
    }
  }

  it.each([
    ['Deployment in a tenant namespace (scaled to zero), mode unset', 0, undefined],
    ['explicit builtin + forged Deployment', 1, 'builtin' as const],
  ])('%s → builtin', async (_, replicas, mode) => {
    await forgeKaitoDeployment(replicas);
    const lines: Line[] = [];
    const backend = await startWithoutMode(sim, lines, mode);
    try {
      expect((await connectedCluster(backend)).mode).toBe('builtin');
      await eventually(() => lines.some(l => l.message === 'Watching workspaces (builtin mode)'), 'the controller to reconcile in builtin mode');
      expect(lines.filter(l => l.level === 'error')).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('explicit builtin where Kaito’s chart is installed → an error in the cluster’s status, nothing reconciled', async () => {
    await installKaitoOperator(admin);
    const lines: Line[] = [];
    const backend = await startWithoutMode(sim, lines, 'builtin');
    try {
      const cluster = await eventually(async () => {
        const res = await request(backend.server).get('/api/kaito/clusters');
        const item = res.body.items?.[0];
        return item?.error && item.error !== 'connecting' ? item : undefined;
      }, 'the cluster to report its error');
      expect(cluster.error).toContain("Kaito's operator is installed in cluster 'sim' (ValidatingWebhookConfiguration validation.workspace.kaito.sh calls Service kaito-workspace/kaito-workspace-svc");
      expect(cluster.error).toContain('Set mode: observe for this cluster (or leave mode unset)');
      expect(lines.some(l => l.message.startsWith('Watching workspaces'))).toBe(false);
    } finally {
      await backend.stop();
    }
  });

  it('starts nothing while it cannot ask the cluster, says how to skip the check, and decides once it can', async () => {
    // The first attempt's read fails (and the next one's); a later retry is answered.
    sim.faults.inject({ verb: 'list', resource: 'validatingwebhookconfigurations', code: 503, times: 2 });
    const lines: Line[] = [];
    const backend = await startWithoutMode(sim, lines);
    try {
      // Undecided: the REST answer does not claim the configured default (builtin).
      const undecidedCluster = await eventually(async () => {
        const res = await request(backend.server).get('/api/kaito/clusters');
        const item = res.body.items?.[0];
        return item?.error?.includes('cannot choose its mode') ? item : undefined;
      }, 'the cluster to report that its mode is undecided');
      expect(undecidedCluster.mode).toBe('detecting');
      expect((await connectedCluster(backend)).mode).toBe('builtin');
      await eventually(() => lines.some(l => l.message.startsWith('Watching workspaces')), 'the controller to watch');
      const undecided = lines.findIndex(l => l.level === 'error' && l.message.includes('cannot choose its mode'));
      expect(undecided).toBeGreaterThanOrEqual(0);
      expect(lines[undecided].message).toContain('Set mode: observe where a Kaito operator runs, or mode: builtin, to skip the check');
      const watching = lines.findIndex(l => l.message.startsWith('Watching workspaces'));
      const decided = lines.findIndex(l => l.message.includes("Cluster 'sim' runs in builtin mode"));
      // Nothing watched or reconciled before the decision.
      expect(decided).toBeGreaterThan(undecided);
      expect(watching).toBeGreaterThan(decided);
    } finally {
      await backend.stop();
    }
  });
});
