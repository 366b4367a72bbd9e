import { ApiException, AppsV1Api, CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { ClusterSimulator, startClusterSimulator } from '../ClusterSimulator';
import { renderKubeconfig } from '../kubeconfig';

const NS = 'team-a';

describe('OwnerReferencesPermissionEnforcement', () => {
  let sim: ClusterSimulator;
  let admin: KubeConfig;
  let ownerUid: string;

  const coreAs = (token: string) => {
    const kc = new KubeConfig();
    kc.loadFromString(renderKubeconfig(sim.url, token, { caData: sim.caData }));
    return kc.makeApiClient(CoreV1Api);
  };
  const ownedConfigMap = (name: string, blockOwnerDeletion: boolean) => ({
    metadata: {
      name,
      ownerReferences: [{ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', name: 'phi', uid: ownerUid, controller: true, blockOwnerDeletion }],
    },
  });
  const grant = async (name: string, rules: object[]) => {
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({ namespace: NS, body: { metadata: { name }, rules: rules as never } });
    await rbac.createNamespacedRoleBinding({
      namespace: NS,
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }],
      },
    });
  };

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } },
      users: [{ token: 'alice-token', name: 'alice' }],
    });
    admin = new KubeConfig();
    admin.loadFromString(sim.kubeconfigYaml());
    await admin.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: NS } } });
    const workspace = sim.api.create(sim.api.scope('kaito.sh', 'v1beta1', 'workspaces', NS), {
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'phi', namespace: NS },
      resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'phi' } } },
      inference: { preset: { name: 'phi-4-mini-instruct' } },
    });
    ownerUid = workspace.metadata.uid!;
    await grant('create-configmaps', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['create'] }]);
  });
  afterAll(() => sim.stop());

  it('refuses a blockOwnerDeletion reference from a user who can neither delete the object nor update the owner’s finalizers', async () => {
    const refused = await coreAs('alice-token')
      .createNamespacedConfigMap({ namespace: NS, body: ownedConfigMap('blocked', true) })
      .catch((e: ApiException<string>) => e);
    expect(refused).toMatchObject({ code: 403 });
    expect(JSON.parse((refused as ApiException<string>).body)).toMatchObject({
      reason: 'Forbidden',
      message:
        'configmaps "blocked" is forbidden: cannot set blockOwnerDeletion if an ownerReference refers to a resource you can\'t set finalizers on: User "alice" cannot update resource "workspaces/finalizers" in API group "kaito.sh" in the namespace "team-a"',
    });
  });

  it('lets the same user set a reference that does not block deletion', async () => {
    await expect(coreAs('alice-token').createNamespacedConfigMap({ namespace: NS, body: ownedConfigMap('not-blocking', false) })).resolves.toBeDefined();
  });

  it('accepts blockOwnerDeletion once the user may update the owner’s finalizers, and records the check', async () => {
    await grant('workspace-finalizers', [{ apiGroups: ['kaito.sh'], resources: ['workspaces/finalizers'], verbs: ['update'] }]);
    sim.authorizationLog.start();
    await coreAs('alice-token').createNamespacedConfigMap({ namespace: NS, body: ownedConfigMap('with-finalizers', true) });
    sim.authorizationLog.stop();
    expect(sim.authorizationLog.records().filter(r => r.source === 'admission').map(r => r.resourceRequest && [r.verb, r.resource, r.subresource, r.allowed])).toEqual([
      ['delete', 'configmaps', undefined, false],
      ['update', 'workspaces', 'finalizers', true],
    ]);
  });

  it('asks nothing more of a user who may delete the object', async () => {
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await rbac.deleteNamespacedRoleBinding({ namespace: NS, name: 'workspace-finalizers' });
    await grant('delete-configmaps', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['delete'] }]);
    await expect(coreAs('alice-token').createNamespacedConfigMap({ namespace: NS, body: ownedConfigMap('deletable', true) })).resolves.toBeDefined();
  });
});

describe('OwnerReferencesPermissionEnforcement and the simulated controllers', () => {
  it('does not hold the user of a request against the controllers it wakes', async () => {
    const sim = await startClusterSimulator({
      behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } },
      users: [{ token: 'deployer-token', name: 'deployer' }],
    });
    try {
      sim.api.create(sim.api.scope('rbac.authorization.k8s.io', 'v1', 'clusterroles'), {
        metadata: { name: 'deployer' },
        rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] }],
      });
      sim.api.create(sim.api.scope('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings'), {
        metadata: { name: 'deployer' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'deployer' },
        subjects: [{ kind: 'User', name: 'deployer', apiGroup: 'rbac.authorization.k8s.io' }],
      });
      const kc = new KubeConfig();
      kc.loadFromString(renderKubeconfig(sim.url, 'deployer-token', { caData: sim.caData }));
      await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
        namespace: 'default',
        body: {
          metadata: { name: 'web' },
          spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
        },
      });
      // The ReplicaSet the deployment controller makes is owned (blockOwnerDeletion) by a Deployment the user cannot update finalizers of.
      const deadline = Date.now() + 5000;
      while (!sim.store.peekAll('replicasets.apps', 'default').length && Date.now() < deadline) await new Promise(r => setTimeout(r, 10));
      expect(sim.store.peekAll('replicasets.apps', 'default')).toHaveLength(1);
    } finally {
      await sim.stop();
    }
  });
});
