import { ResourceApi } from '../api/ResourceApi';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../types';
import { AuthorizationAttributes, UserInfo } from './attributes';
import { bootstrapPolicy } from './bootstrapPolicy';
import { RbacAuthorizer } from './RbacAuthorizer';

const RBAC = 'rbac.authorization.k8s.io';
const robot: UserInfo = {
  name: 'system:serviceaccount:team-a:robot',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'],
};
const alice: UserInfo = { name: 'alice', groups: ['devs', 'system:authenticated'] };

function request(verb: string, group: string, resource: string, namespace?: string, name?: string): AuthorizationAttributes {
  const [plural, subresource] = resource.split('/');
  return {
    resourceRequest: true,
    verb,
    apiGroup: group,
    apiVersion: 'v1',
    resource: plural,
    ...(subresource ? { subresource } : {}),
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

function setup() {
  const store = new ObjectStore();
  const api = new ResourceApi({ store, registry: new ResourceRegistry() });
  const create = (plural: string, object: KubeObject) =>
    api.create(api.scope(RBAC, 'v1', plural, object.metadata.namespace), object);
  for (const name of ['team-a', 'team-b']) api.create(api.scope('', 'v1', 'namespaces'), { metadata: { name } });
  const policy = bootstrapPolicy();
  policy.clusterRoles.forEach(r => create('clusterroles', r));
  policy.clusterRoleBindings.forEach(b => create('clusterrolebindings', b));
  const authorizer = new RbacAuthorizer(store);
  return { api, store, create, authorizer };
}

const saSubject = { kind: 'ServiceAccount', name: 'robot', namespace: 'team-a' };
const readPods = [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }];

describe('RbacAuthorizer', () => {
  describe('with a Role bound in its namespace', () => {
    const { create, authorizer } = setup();
    create('roles', { metadata: { name: 'pod-reader', namespace: 'team-a' }, rules: readPods });
    create('rolebindings', {
      metadata: { name: 'robot-reads', namespace: 'team-a' },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'pod-reader' },
      subjects: [saSubject],
    });
    it.each<[string, AuthorizationAttributes, boolean]>([
      ['list pods in team-a', request('list', '', 'pods', 'team-a'), true],
      ['get a pod in team-a', request('get', '', 'pods', 'team-a', 'p'), true],
      ['list pods in team-b', request('list', '', 'pods', 'team-b'), false],
      ['list pods in all namespaces', request('list', '', 'pods'), false],
      ['delete a pod in team-a', request('delete', '', 'pods', 'team-a', 'p'), false],
      ['get pods/log in team-a', request('get', '', 'pods/log', 'team-a', 'p'), false],
    ])('%s → %s', (_name, attributes, allowed) => {
      expect(authorizer.authorize(robot, attributes).allowed).toBe(allowed);
      expect(authorizer.authorize(alice, attributes).allowed).toBe(false);
    });
    it('says which binding allowed it', () => {
      expect(authorizer.authorize(robot, request('list', '', 'pods', 'team-a')).reason).toBe(
        'RBAC: allowed by RoleBinding "robot-reads/team-a" of Role "pod-reader" to ServiceAccount "team-a/robot"',
      );
    });
  });

  describe('with a ClusterRole bound by a RoleBinding', () => {
    const { create, authorizer } = setup();
    create('clusterroles', {
      metadata: { name: 'reader' },
      rules: [...readPods, { apiGroups: [''], resources: ['nodes'], verbs: ['get'] }],
    });
    create('rolebindings', {
      metadata: { name: 'devs-read', namespace: 'team-a' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'reader' },
      subjects: [{ kind: 'Group', name: 'devs', apiGroup: RBAC }],
    });
    it.each<[string, AuthorizationAttributes, boolean]>([
      ['list pods in the binding namespace', request('list', '', 'pods', 'team-a'), true],
      ['list pods elsewhere', request('list', '', 'pods', 'team-b'), false],
      ['get a cluster-scoped node', request('get', '', 'nodes', undefined, 'n1'), false],
    ])('%s → %s', (_name, attributes, allowed) => {
      expect(authorizer.authorize(alice, attributes).allowed).toBe(allowed);
    });
  });

  describe('with a ClusterRole bound by a ClusterRoleBinding', () => {
    const { create, authorizer } = setup();
    create('clusterroles', {
      metadata: { name: 'controller' },
      rules: [
        { apiGroups: ['kaito.sh'], resources: ['workspaces/status'], verbs: ['update'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get'], resourceNames: ['workspaces.kaito.sh'] },
        { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      ],
    });
    create('clusterrolebindings', {
      metadata: { name: 'controller' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'controller' },
      subjects: [saSubject],
    });
    it.each<[string, AuthorizationAttributes, boolean]>([
      ['update workspaces/status in any namespace', request('update', 'kaito.sh', 'workspaces/status', 'x', 'w'), true],
      ['update workspaces', request('update', 'kaito.sh', 'workspaces', 'x', 'w'), false],
      ['get a node', request('get', '', 'nodes', undefined, 'n1'), true],
      ['get the named CRD', request('get', 'apiextensions.k8s.io', 'customresourcedefinitions', undefined, 'workspaces.kaito.sh'), true],
      ['get another CRD', request('get', 'apiextensions.k8s.io', 'customresourcedefinitions', undefined, 'widgets.example.test'), false],
      ['list CRDs', request('list', 'apiextensions.k8s.io', 'customresourcedefinitions'), false],
      ['get /metrics', { resourceRequest: false, verb: 'get', path: '/metrics' }, true],
      ['discovery, for every authenticated user', { resourceRequest: false, verb: 'get', path: '/apis/kaito.sh/v1beta1' }, true],
      ['a self access review, for every authenticated user', request('create', 'authorization.k8s.io', 'selfsubjectaccessreviews'), true],
      ['a path no role names', { resourceRequest: false, verb: 'get', path: '/logs' }, false],
    ])('%s → %s', (_name, attributes, allowed) => {
      expect(authorizer.authorize(robot, attributes).allowed).toBe(allowed);
    });
  });

  it('ignores a ServiceAccount subject without a namespace in a ClusterRoleBinding', () => {
    const { create, authorizer } = setup();
    create('clusterroles', { metadata: { name: 'reader' }, rules: readPods });
    create('clusterrolebindings', {
      metadata: { name: 'reader' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'robot' }],
    });
    expect(authorizer.authorize(robot, request('list', '', 'pods', 'team-a')).allowed).toBe(false);
  });

  it('allows system:masters everything without any binding', () => {
    const { authorizer } = setup();
    const admin = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
    expect(authorizer.authorize(admin, request('deletecollection', 'x.y', 'things', 'ns')).allowed).toBe(true);
  });

  it('names a missing role in the reason of a refusal', () => {
    const { create, authorizer } = setup();
    create('rolebindings', {
      metadata: { name: 'dangling', namespace: 'team-a' },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'gone' },
      subjects: [saSubject],
    });
    expect(authorizer.authorize(robot, request('list', '', 'pods', 'team-a'))).toEqual({
      allowed: false,
      reason: 'RBAC: role.rbac.authorization.k8s.io "gone" not found',
    });
  });

  it('follows changes to roles and bindings', () => {
    const { api, create, authorizer } = setup();
    const list = request('list', '', 'pods', 'team-a');
    create('rolebindings', {
      metadata: { name: 'late', namespace: 'team-a' },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'pod-reader' },
      subjects: [saSubject],
    });
    expect(authorizer.authorize(robot, list).allowed).toBe(false);
    create('roles', { metadata: { name: 'pod-reader', namespace: 'team-a' }, rules: readPods });
    expect(authorizer.authorize(robot, list).allowed).toBe(true);
    api.patch(api.scope(RBAC, 'v1', 'roles', 'team-a'), 'pod-reader', 'merge', { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
    expect(authorizer.authorize(robot, list).allowed).toBe(false);
    expect(authorizer.authorize(robot, request('get', '', 'pods', 'team-a', 'p')).allowed).toBe(true);
    api.delete(api.scope(RBAC, 'v1', 'rolebindings', 'team-a'), 'late');
    expect(authorizer.authorize(robot, request('get', '', 'pods', 'team-a', 'p')).allowed).toBe(false);
  });

  it('reports the rules of a namespace, cluster-wide ones included', () => {
    const { create, authorizer } = setup();
    create('roles', { metadata: { name: 'pod-reader', namespace: 'team-a' }, rules: readPods });
    create('rolebindings', {
      metadata: { name: 'robot-reads', namespace: 'team-a' },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'pod-reader' },
      subjects: [saSubject],
    });
    expect(authorizer.rulesFor(robot, 'team-a').rules).toEqual(expect.arrayContaining(readPods));
    expect(authorizer.rulesFor(robot, 'team-b').rules).not.toEqual(expect.arrayContaining(readPods));
    expect(authorizer.rulesFor(robot, 'team-b').rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] })]),
    );
  });
});
