import { ApiError } from '../errors';
import { ResourceApi } from '../api/ResourceApi';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../types';
import { validateRbacObject } from './validateRbacObject';

const api = new ResourceApi({ store: new ObjectStore(), registry: new ResourceRegistry() });
const scope = (plural: string, namespace?: string) => api.scope('rbac.authorization.k8s.io', 'v1', plural, namespace);
const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' };

function causesOf(plural: string, object: KubeObject, previous?: KubeObject): string[] {
  try {
    validateRbacObject(scope(plural, object.metadata.namespace), object, previous);
    return [];
  } catch (error) {
    return ((error as ApiError).details?.causes ?? []).map(c => `${c.field}: ${c.message}`);
  }
}

describe('validateRbacObject', () => {
  it.each<[string, string, KubeObject, string[]]>([
    ['a valid ClusterRole', 'clusterroles', { metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }] }, []],
    ['a rule without verbs', 'clusterroles', { metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }] }, ['rules[0].verbs: Required value: verbs must contain at least one value']],
    ['a resource rule without groups', 'clusterroles', { metadata: { name: 'r' }, rules: [{ resources: ['pods'], verbs: ['get'] }] }, ['rules[0].apiGroups: Required value: resource rules must supply at least one api group']],
    ['a Role with a non-resource URL', 'roles', { metadata: { name: 'r', namespace: 'ns' }, rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] }, ['rules[0].nonResourceURLs: Invalid value: ["/metrics"]: namespaced rules cannot apply to non-resource URLs']],
    ['a valid ClusterRoleBinding', 'clusterrolebindings', { metadata: { name: 'b' }, roleRef, subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'ns' }] }, []],
    ['a ClusterRoleBinding of a Role', 'clusterrolebindings', { metadata: { name: 'b' }, roleRef: { ...roleRef, kind: 'Role' }, subjects: [] }, ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"']],
    ['a ClusterRoleBinding ServiceAccount without namespace', 'clusterrolebindings', { metadata: { name: 'b' }, roleRef, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] }, ['subjects[0].namespace: Required value']],
    ['a RoleBinding ServiceAccount without namespace', 'rolebindings', { metadata: { name: 'b', namespace: 'ns' }, roleRef, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] }, []],
    ['a User subject without the RBAC group', 'rolebindings', { metadata: { name: 'b', namespace: 'ns' }, roleRef, subjects: [{ kind: 'User', name: 'alice' }] }, ['subjects[0].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"']],
    ['an unknown subject kind', 'rolebindings', { metadata: { name: 'b', namespace: 'ns' }, roleRef, subjects: [{ kind: 'Robot', name: 'r2' }] }, ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"']],
  ])('%s', (_name, plural, object, expected) => {
    expect(causesOf(plural, object)).toEqual(expected);
  });

  it('refuses to change the roleRef of a binding', () => {
    const previous = { metadata: { name: 'b', namespace: 'ns' }, roleRef, subjects: [] };
    expect(causesOf('rolebindings', { ...previous, roleRef: { ...roleRef, name: 'writer' } }, previous)).toEqual([
      'roleRef: Invalid value: {"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"writer"}: cannot change roleRef',
    ]);
  });
});
