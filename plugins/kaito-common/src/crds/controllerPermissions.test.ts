import { CONTROLLER_PERMISSIONS, ControllerPermissionContext, controllerPermissionsFor, permissionResource } from './controllerPermissions';

const needs = (context: ControllerPermissionContext) =>
  new Set(controllerPermissionsFor(context).flatMap(p => p.verbs.map(v => `${v} ${p.group || 'core'} ${permissionResource(p)}`)));

const builtin: ControllerPermissionContext = { mode: 'builtin', provisioner: 'gpu-provisioner', installCrds: false, leaderElection: true };

describe('controllerPermissionsFor', () => {
  it('needs NodeClaims but no NodePools with gpu-provisioner', () => {
    const wanted = needs(builtin);
    expect(wanted.has('create karpenter.sh nodeclaims')).toBe(true);
    expect([...wanted].some(p => p.includes('nodepools'))).toBe(false);
  });

  it('needs NodePools and NodeClaims with karpenter', () => {
    const wanted = needs({ ...builtin, provisioner: 'karpenter' });
    expect(wanted.has('create karpenter.sh nodepools')).toBe(true);
    expect(wanted.has('watch karpenter.sh nodeclaims')).toBe(true);
  });

  it('needs no karpenter.sh kinds with bring-your-own nodes', () => {
    expect([...needs({ ...builtin, provisioner: 'byo' })].some(p => p.includes('karpenter.sh'))).toBe(false);
  });

  it('needs only reads, workspace create/delete, logs and chat in observe mode', () => {
    const wanted = needs({ ...builtin, mode: 'observe' });
    const writes = [...wanted].filter(p => /^(create|update|patch|delete) /.test(p));
    expect(writes.sort()).toEqual(['create core services/proxy', 'create kaito.sh workspaces', 'delete kaito.sh workspaces']);
    expect(wanted.has('get core pods/log')).toBe(true);
    expect(wanted.has('list core events')).toBe(true);
    expect([...wanted].some(p => p.includes('leases'))).toBe(false);
  });

  it('needs Leases only with leader election', () => {
    expect(needs(builtin).has('update coordination.k8s.io leases')).toBe(true);
    expect([...needs({ ...builtin, leaderElection: false })].some(p => p.includes('leases'))).toBe(false);
  });

  it('needs CRD create only with installCrds', () => {
    expect(needs(builtin).has('create apiextensions.k8s.io customresourcedefinitions')).toBe(false);
    expect(needs({ ...builtin, installCrds: true }).has('create apiextensions.k8s.io customresourcedefinitions')).toBe(true);
  });

  it('says what every row is used for', () => {
    for (const row of CONTROLLER_PERMISSIONS) expect(row.usedFor).toMatch(/\w/);
  });
});
