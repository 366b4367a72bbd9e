import { renderControllerRbac } from './controllerRbac';
import { CONTROLLER_PERMISSIONS, permissionResource } from './controllerPermissions';
import { ClusterRole, PolicyRule, Role } from '../api/kubernetes';

/** A role's rules; Kubernetes allows a role without any. */
const rulesOf = (role: ClusterRole | Role): PolicyRule[] => role.rules ?? [];

describe('renderControllerRbac', () => {
  const [serviceAccount, clusterRole, binding, role, roleBinding] = renderControllerRbac('backstage');

  it('binds the ServiceAccount in the given namespace to both roles', () => {
    expect(serviceAccount.metadata).toMatchObject({ name: 'kaito-backstage-controller', namespace: 'backstage' });
    const subject = { kind: 'ServiceAccount', name: 'kaito-backstage-controller', namespace: 'backstage' };
    expect(binding.subjects).toEqual([subject]);
    expect(binding.roleRef.name).toBe(clusterRole.metadata.name);
    expect(roleBinding.subjects).toEqual([subject]);
    expect(roleBinding.roleRef.name).toBe(role.metadata.name);
    expect(role.metadata.namespace).toBe('backstage');
  });

  const allowed = (group: string, resource: string, verb: string) =>
    rulesOf(clusterRole).some(r => r.apiGroups?.includes(group) && r.resources?.includes(resource) && r.verbs.includes(verb));

  it.each([
    ['kaito.sh', 'workspaces', 'watch'],
    ['kaito.sh', 'workspaces/status', 'patch'],
    ['karpenter.sh', 'nodeclaims', 'create'],
    ['karpenter.sh', 'nodepools', 'delete'],
    ['apps', 'statefulsets', 'patch'],
    ['batch', 'jobs', 'delete'],
    ['', 'services', 'create'],
    ['', 'configmaps', 'create'],
    ['', 'pods', 'list'],
    ['', 'nodes', 'patch'],
    ['', 'services/proxy', 'create'],
    ['', 'pods/log', 'get'],
    ['', 'events', 'list'],
    ['', 'events', 'create'],
    // One Secret by name, to check a gated model's access Secret exists (metadata only).
    ['', 'secrets', 'get'],
  ])('allows %s %s %s', (group, resource, verb) => {
    expect(allowed(group, resource, verb)).toBe(true);
  });

  it.each([
    // Never every Secret of the cluster.
    ['', 'secrets', 'list'],
    ['', 'secrets', 'watch'],
    ['', 'secrets', 'create'],
    ['', 'pods', 'delete'],
    ['', 'nodes', 'delete'],
    ['apiextensions.k8s.io', 'customresourcedefinitions', 'create'],
    ['*', '*', '*'],
  ])('does not allow %s %s %s', (group, resource, verb) => {
    expect(allowed(group, resource, verb)).toBe(false);
  });

  it('grants Leases only in the namespace of the ServiceAccount', () => {
    expect(role.rules).toEqual([expect.objectContaining({ apiGroups: ['coordination.k8s.io'], resources: ['leases'] })]);
    expect(rulesOf(clusterRole).some(r => r.resources?.includes('leases'))).toBe(false);
  });

  it('grants every verb of every row of the permission table, and nothing else', () => {
    const [, withInstall, , leaseRole] = renderControllerRbac('backstage', { installCrds: true });
    const granted = [...rulesOf(withInstall), ...rulesOf(leaseRole)].flatMap(r =>
      (r.apiGroups ?? []).flatMap(g => (r.resources ?? []).flatMap(res => r.verbs.flatMap(v => (r.resourceNames ?? ['*']).map(n => `${g}|${res}|${v}|${n}`)))),
    );
    const wanted = CONTROLLER_PERMISSIONS.flatMap(p =>
      p.verbs.flatMap(v => (p.resourceNames ?? ['*']).map(n => `${p.group}|${permissionResource(p)}|${v}|${n}`)),
    );
    expect(new Set(granted)).toEqual(new Set(wanted));
  });

  it('allows creating CRDs only when asked to install them', () => {
    const [, withInstall] = renderControllerRbac('backstage', { installCrds: true });
    expect(rulesOf(withInstall).some(r => r.resources?.includes('customresourcedefinitions') && r.verbs.includes('create'))).toBe(true);
  });
});
