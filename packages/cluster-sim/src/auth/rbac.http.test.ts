import {
  ApiException,
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreApi,
  VersionApi,
  CoreV1Api,
  CoordinationV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterSimulator, startClusterSimulator } from '../ClusterSimulator';
import { renderKubeconfig } from '../kubeconfig';

const NS = 'team-a';
const SA_USER = `system:serviceaccount:${NS}:robot`;

function clientsFor(sim: ClusterSimulator, token: string, impersonateUser?: string) {
  const kc = new KubeConfig();
  kc.loadFromString(renderKubeconfig(sim.url, token, { caData: sim.caData }));
  if (impersonateUser) {
    kc.loadFromOptions({
      clusters: kc.getClusters(),
      users: [{ ...kc.getCurrentUser()!, impersonateUser }],
      contexts: kc.getContexts(),
      currentContext: kc.getCurrentContext(),
    });
  }
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    leases: kc.makeApiClient(CoordinationV1Api),
    authz: kc.makeApiClient(AuthorizationV1Api),
    rbac: kc.makeApiClient(RbacAuthorizationV1Api),
  };
}

async function statusOf(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) {
      const body = typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
      return { code: error.code, body: body ?? {} };
    }
    throw error;
  }
  throw new Error('the request succeeded');
}

describe('authentication and RBAC over HTTP', () => {
  let sim: ClusterSimulator;
  let admin: ReturnType<typeof clientsFor>;

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } },
      users: [{ token: 'alice-token', name: 'alice', groups: ['devs'] }],
    });
    admin = clientsFor(sim, sim.token);
    await admin.core.createNamespace({ body: { metadata: { name: NS } } });
    await admin.core.createNamespacedServiceAccount({ namespace: NS, body: { metadata: { name: 'robot' } } });
  });
  afterAll(() => sim.stop());

  it('mints a service-account token through TokenRequest, which authenticates as the ServiceAccount', async () => {
    const request = await admin.core.createNamespacedServiceAccountToken({
      namespace: NS,
      name: 'robot',
      body: { spec: { audiences: [], expirationSeconds: 3600 } },
    });
    expect(request.status?.token).toEqual(expect.any(String));
    expect(request.status?.expirationTimestamp).toBeInstanceOf(Date);
    const robot = clientsFor(sim, request.status!.token);
    const review = await robot.kc
      .makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    expect(review.status?.userInfo).toEqual({
      username: SA_USER,
      uid: expect.any(String),
      groups: ['system:serviceaccounts', `system:serviceaccounts:${NS}`, 'system:authenticated'],
    });
  });

  it('answers a TokenRequest for a missing ServiceAccount with 404, and a too short one with 422', async () => {
    expect(await statusOf(admin.core.createNamespacedServiceAccountToken({ namespace: NS, name: 'nobody', body: { spec: { audiences: [] } } }))).toMatchObject({
      code: 404,
      body: { reason: 'NotFound', message: 'serviceaccounts "nobody" not found' },
    });
    expect(
      await statusOf(admin.core.createNamespacedServiceAccountToken({ namespace: NS, name: 'robot', body: { spec: { audiences: [], expirationSeconds: 60 } } })),
    ).toMatchObject({ code: 422, body: { reason: 'Invalid' } });
  });

  it('refuses what no role grants with the real 403, before any fault is injected', async () => {
    const robot = clientsFor(sim, await sim.serviceAccountToken(NS, 'robot'));
    const removeFault = sim.faults.inject({ verb: 'get', resource: 'leases', code: 500 });
    try {
      const refused = await statusOf(robot.leases.readNamespacedLease({ name: 'kaito', namespace: 'kube-system' }));
      expect(refused).toEqual({
        code: 403,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `leases.coordination.k8s.io "kaito" is forbidden: User "${SA_USER}" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "kube-system"`,
          reason: 'Forbidden',
          details: { name: 'kaito', group: 'coordination.k8s.io', kind: 'leases' },
          code: 403,
        },
      });
    } finally {
      removeFault();
    }
    expect(await statusOf(robot.core.listNode())).toMatchObject({
      code: 403,
      body: { message: `nodes is forbidden: User "${SA_USER}" cannot list resource "nodes" in API group "" at the cluster scope` },
    });
  });

  it('refuses before reading the body: a forbidden POST of garbage is 403, not 400', async () => {
    const token = await sim.serviceAccountToken(NS, 'robot');
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = https.request(
        `${sim.url}/api/v1/namespaces/${NS}/configmaps`,
        { method: 'POST', ca: Buffer.from(sim.caData!, 'base64'), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
        res => {
          let text = '';
          res.on('data', chunk => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        },
      );
      req.on('error', reject);
      req.end('{not json');
    });
    expect(status).toBe(403);
    expect(JSON.parse(body).message).toBe(`configmaps is forbidden: User "${SA_USER}" cannot create resource "configmaps" in API group "" in the namespace "${NS}"`);
  });

  it('grants through a Role and RoleBinding in their namespace only, and records each decision', async () => {
    const robot = clientsFor(sim, await sim.serviceAccountToken(NS, 'robot'));
    await admin.rbac.createNamespacedRole({
      namespace: NS,
      body: { metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }] },
    });
    await admin.rbac.createNamespacedRoleBinding({
      namespace: NS,
      body: {
        metadata: { name: 'robot-reads' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'robot', namespace: NS }],
      },
    });
    sim.authorizationLog.start();
    await robot.core.listNamespacedPod({ namespace: NS });
    expect((await statusOf(robot.core.listNamespacedPod({ namespace: 'default' }))).code).toBe(403);
    expect(await statusOf(robot.core.readNamespacedPodLog({ namespace: NS, name: 'p' }))).toMatchObject({
      code: 403,
      body: { message: `pods "p" is forbidden: User "${SA_USER}" cannot get resource "pods/log" in API group "" in the namespace "${NS}"` },
    });
    sim.authorizationLog.stop();
    expect(sim.authorizationLog.records().map(r => r.resourceRequest && [r.verb, r.resource, r.subresource, r.namespace, r.allowed])).toEqual([
      ['list', 'pods', undefined, NS, true],
      ['list', 'pods', undefined, 'default', false],
      ['get', 'pods', 'log', NS, false],
    ]);
    expect(sim.authorizationLog.records()[0]).toMatchObject({ user: SA_USER });
  });

  it('answers SelfSubjectAccessReview and SelfSubjectRulesReview from the same rules', async () => {
    const robot = clientsFor(sim, await sim.serviceAccountToken(NS, 'robot'));
    const can = async (verb: string, resource: string, namespace: string) =>
      (
        await robot.authz.createSelfSubjectAccessReview({
          body: { spec: { resourceAttributes: { verb, resource, namespace, group: '' } } },
        })
      ).status?.allowed;
    expect(await can('list', 'pods', NS)).toBe(true);
    expect(await can('list', 'pods', 'default')).toBe(false);
    expect(await can('delete', 'pods', NS)).toBe(false);
    const rules = await robot.authz.createSelfSubjectRulesReview({ body: { spec: { namespace: NS } } });
    expect(rules.status?.incomplete).toBe(false);
    expect(rules.status?.resourceRules).toEqual(expect.arrayContaining([{ verbs: ['list'], apiGroups: [''], resources: ['pods'] }]));
    expect(rules.status?.nonResourceRules).toEqual(expect.arrayContaining([expect.objectContaining({ nonResourceURLs: expect.arrayContaining(['/api', '/apis/*']) })]));
  });

  it('lets every authenticated user read discovery and version, and a static user only what RBAC grants', async () => {
    const alice = clientsFor(sim, 'alice-token');
    await expect(alice.kc.makeApiClient(CoreApi).getAPIVersions()).resolves.toMatchObject({ versions: ['v1'] });
    await expect(alice.kc.makeApiClient(VersionApi).getCode()).resolves.toMatchObject({ major: '1' });
    expect(await statusOf(alice.core.listNamespacedConfigMap({ namespace: NS }))).toMatchObject({
      code: 403,
      body: { message: `configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" in the namespace "${NS}"` },
    });
  });

  it('stops accepting a ServiceAccount token once the ServiceAccount is deleted, even if one of that name returns', async () => {
    await admin.core.createNamespacedServiceAccount({ namespace: NS, body: { metadata: { name: 'short-lived' } } });
    const token = await sim.serviceAccountToken(NS, 'short-lived');
    const client = clientsFor(sim, token);
    await client.authz.createSelfSubjectRulesReview({ body: { spec: { namespace: NS } } });
    await admin.core.deleteNamespacedServiceAccount({ namespace: NS, name: 'short-lived' });
    await admin.core.createNamespacedServiceAccount({ namespace: NS, body: { metadata: { name: 'short-lived' } } });
    expect((await statusOf(client.authz.createSelfSubjectRulesReview({ body: { spec: { namespace: NS } } }))).code).toBe(401);
    await expect(sim.serviceAccountToken(NS, 'never-created')).rejects.toMatchObject({ code: 404 });
  });

  it('lets the admin impersonate, and refuses impersonation to others', async () => {
    const asRobot = clientsFor(sim, sim.token, SA_USER);
    const impersonated = asRobot.kc.makeApiClient(AuthenticationV1Api);
    await expect(
      impersonated.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } }),
    ).resolves.toMatchObject({ status: { userInfo: { username: SA_USER, groups: expect.arrayContaining([`system:serviceaccounts:${NS}`]) } } });
    const alice = clientsFor(sim, 'alice-token', 'kubernetes-admin');
    expect(await statusOf(alice.kc.makeApiClient(CoreV1Api).listNode())).toMatchObject({
      code: 403,
      body: { message: 'users "kubernetes-admin" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope' },
    });
  });
});

describe('service-account tokens across a restart', () => {
  it('keeps working when the simulator restarts from its snapshot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cluster-sim-token-'));
    const options = { snapshotPath: join(dir, 'state.json'), token: 'admin', behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } } };
    try {
      const first = await startClusterSimulator(options);
      first.api.create(first.api.scope('', 'v1', 'serviceaccounts', 'default'), { metadata: { name: 'robot', namespace: 'default' } });
      const token = await first.serviceAccountToken('default', 'robot');
      await first.stop();
      const second = await startClusterSimulator(options);
      try {
        const review = await clientsFor(second, token).authz.createSelfSubjectRulesReview({ body: { spec: { namespace: 'default' } } });
        expect(review.status?.incomplete).toBe(false);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
