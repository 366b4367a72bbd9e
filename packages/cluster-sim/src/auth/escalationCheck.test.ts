import { ApiException, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { ClusterSimulator, startClusterSimulator } from '../ClusterSimulator';
import { renderKubeconfig } from '../kubeconfig';

const RBAC = 'rbac.authorization.k8s.io';

describe('RBAC escalation prevention', () => {
  let sim: ClusterSimulator;
  let alice: RbacAuthorizationV1Api;

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } },
      users: [{ token: 'alice-token', name: 'alice' }],
    });
    const rbac = (plural: string, namespace?: string) => sim.api.scope(RBAC, 'v1', plural, namespace);
    // alice may manage Roles and RoleBindings in default and read pods there; nothing else.
    sim.api.create(rbac('roles', 'default'), {
      metadata: { name: 'rbac-manager', namespace: 'default' },
      rules: [
        { apiGroups: [RBAC], resources: ['roles', 'rolebindings'], verbs: ['create'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
      ],
    });
    sim.api.create(rbac('rolebindings', 'default'), {
      metadata: { name: 'alice', namespace: 'default' },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'rbac-manager' },
      subjects: [{ kind: 'User', name: 'alice', apiGroup: RBAC }],
    });
    sim.api.create(rbac('clusterroles'), { metadata: { name: 'secret-reader' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] });
    const kc = new KubeConfig();
    kc.loadFromString(renderKubeconfig(sim.url, 'alice-token', { caData: sim.caData }));
    alice = kc.makeApiClient(RbacAuthorizationV1Api);
  });
  afterAll(() => sim.stop());

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: ApiException<string>) => ({ code: e.code, message: JSON.parse(e.body).message as string }),
    );

  it('lets a user write a Role with rules they hold', async () => {
    await expect(
      alice.createNamespacedRole({ namespace: 'default', body: { metadata: { name: 'pod-lister' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }] } }),
    ).resolves.toBeDefined();
  });

  it('refuses a Role with rules the user does not hold, naming them', async () => {
    expect(
      await refusal(
        alice.createNamespacedRole({ namespace: 'default', body: { metadata: { name: 'pod-deleter' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list', 'delete'] }] } }),
      ),
    ).toEqual({
      code: 403,
      message:
        'roles.rbac.authorization.k8s.io "pod-deleter" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
    });
  });

  it('refuses to bind a role whose rules the user does not hold, unless they may bind it', async () => {
    const binding = {
      metadata: { name: 'alice-secrets' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'secret-reader' },
      subjects: [{ kind: 'User', name: 'alice', apiGroup: RBAC }],
    };
    expect((await refusal(alice.createNamespacedRoleBinding({ namespace: 'default', body: binding })))?.code).toBe(403);
    sim.api.create(sim.api.scope(RBAC, 'v1', 'roles', 'default'), {
      metadata: { name: 'binder', namespace: 'default' },
      rules: [{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['secret-reader'] }],
    });
    sim.api.create(sim.api.scope(RBAC, 'v1', 'rolebindings', 'default'), {
      metadata: { name: 'alice-binder', namespace: 'default' },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'binder' },
      subjects: [{ kind: 'User', name: 'alice', apiGroup: RBAC }],
    });
    await expect(alice.createNamespacedRoleBinding({ namespace: 'default', body: binding })).resolves.toBeDefined();
  });
});
