import { renderControllerRbac } from './controllerRbac';

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
    clusterRole.rules.some(r => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));

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
  ])('allows %s %s %s', (group, resource, verb) => {
    expect(allowed(group, resource, verb)).toBe(true);
  });

  it.each([
    ['', 'secrets', 'get'],
    ['', 'pods', 'delete'],
    ['', 'nodes', 'delete'],
    ['apiextensions.k8s.io', 'customresourcedefinitions', 'create'],
    ['*', '*', '*'],
  ])('does not allow %s %s %s', (group, resource, verb) => {
    expect(allowed(group, resource, verb)).toBe(false);
  });

  it('allows creating CRDs only when asked to install them', () => {
    const [, withInstall] = renderControllerRbac('backstage', { installCrds: true });
    expect(withInstall.rules.some(r => r.resources.includes('customresourcedefinitions') && r.verbs.includes('create'))).toBe(true);
  });
});
