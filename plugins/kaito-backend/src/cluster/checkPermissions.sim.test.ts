import { CoreV1Api, KubeConfig, KubernetesObject, KubernetesObjectApi, RbacAuthorizationV1Api, V1ClusterRole } from '@kubernetes/client-node';
import { DEFAULT_CONTROLLER_NAMESPACE } from '@kaito-backstage/plugin-kaito-common';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { parseAllDocuments } from 'yaml';
import { renderRbacYaml } from '../manifests/clusterManifests';
import { checkPermissions, selfSubjectAccessReview } from './checkPermissions';

/** The shipped rbac.yaml applied to a simulator that enforces RBAC, asked with the ServiceAccount's own token. */
describe('checkPermissions against the simulator with the shipped rbac.yaml', () => {
  let sim: ClusterSimulator;
  let admin: KubeConfig;
  let controller: KubeConfig;
  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } } });
    admin = new KubeConfig();
    admin.loadFromString(sim.kubeconfigYaml());
    const core = admin.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: DEFAULT_CONTROLLER_NAMESPACE } } });
    const objects = KubernetesObjectApi.makeApiClient(admin);
    for (const doc of parseAllDocuments(renderRbacYaml())) await objects.create(doc.toJS() as KubernetesObject);
    const token = await core.createNamespacedServiceAccountToken({
      namespace: DEFAULT_CONTROLLER_NAMESPACE,
      name: 'kaito-backstage-controller',
      body: { spec: { audiences: [], expirationSeconds: 3600 } },
    });
    controller = new KubeConfig();
    controller.loadFromOptions({
      clusters: admin.getClusters(),
      users: [{ name: 'controller', token: token.status!.token }],
      contexts: [{ name: 'controller', cluster: admin.getCurrentCluster()!.name, user: 'controller' }],
      currentContext: 'controller',
    });
  });
  afterAll(() => sim.stop());

  const check = (provisioner: 'gpu-provisioner' | 'karpenter', mode: 'builtin' | 'observe' = 'builtin') =>
    checkPermissions({
      context: { mode, provisioner, installCrds: false, leaderElection: true },
      leaseNamespace: DEFAULT_CONTROLLER_NAMESPACE,
      review: selfSubjectAccessReview(controller),
    });

  it.each([
    ['gpu-provisioner', 'builtin'],
    ['karpenter', 'builtin'],
    ['gpu-provisioner', 'observe'],
  ] as const)('finds nothing missing with %s in %s mode', async (provisioner, mode) => {
    const result = await check(provisioner, mode);
    expect(result.missing).toEqual([]);
    expect(result.state).toBe('ok');
  });

  it('finds Leases missing in a namespace the Role is not in', async () => {
    const result = await checkPermissions({
      context: { mode: 'builtin', provisioner: 'gpu-provisioner', installCrds: false, leaderElection: true },
      leaseNamespace: 'kube-system',
      review: selfSubjectAccessReview(controller),
    });
    expect(result.missing.map(m => m.description)).toEqual(
      ['get', 'create', 'update'].map(verb => `${verb} leases (coordination.k8s.io) in namespace "kube-system"`),
    );
  });

  it('finds a verb taken out of the ClusterRole', async () => {
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    const role: V1ClusterRole = await rbac.readClusterRole({ name: 'kaito-backstage-controller' });
    role.rules = role.rules!.map(r => (r.resources?.includes('events') ? { ...r, verbs: r.verbs.filter(v => v !== 'list') } : r));
    await rbac.replaceClusterRole({ name: 'kaito-backstage-controller', body: role });
    const result = await check('gpu-provisioner');
    expect(result.missing.map(m => m.description)).toEqual(['list events (core) in all namespaces']);
  });
});
