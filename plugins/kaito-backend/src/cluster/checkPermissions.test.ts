import { ApiException, V1ResourceAttributes } from '@kubernetes/client-node';
import { ControllerPermissionContext, controllerPermissionsFor } from '@kaito-backstage/plugin-kaito-common';
import { AccessReview, checkPermissions, permissionCheckLines } from './checkPermissions';

const builtin: ControllerPermissionContext = { mode: 'builtin', provisioner: 'gpu-provisioner', installCrds: false, leaderElection: true };
const now = () => new Date('2026-12-01T08:05:13.473Z');

/** A fake API server that grants everything except the listed `verb resource` pairs, and records what it was asked. */
function fakeReview(denied: string[] = []): AccessReview & { asked: V1ResourceAttributes[] } {
  const asked: V1ResourceAttributes[] = [];
  const review = async (a: V1ResourceAttributes) => {
    asked.push(a);
    return !denied.includes(`${a.verb} ${a.subresource ? `${a.resource}/${a.subresource}` : a.resource}`);
  };
  return Object.assign(review, { asked });
}

describe('checkPermissions', () => {
  it('is ok when everything is granted, having asked once per verb of every row the mode needs', async () => {
    const review = fakeReview();
    const result = await checkPermissions({ context: builtin, leaseNamespace: 'kaito-backstage', review, now });
    const expected = controllerPermissionsFor(builtin).reduce((n, row) => n + row.verbs.length * (row.resourceNames?.length ?? 1), 0);
    expect(result).toEqual({ state: 'ok', checkedAt: '2026-12-01T08:05:13Z', checked: expected, missing: [] });
    expect(review.asked).toHaveLength(expected);
    expect(review.asked).toContainEqual(expect.objectContaining({ verb: 'update', group: 'coordination.k8s.io', resource: 'leases', namespace: 'kaito-backstage' }));
    expect(review.asked).toContainEqual(expect.objectContaining({ verb: 'get', resource: 'pods', subresource: 'log', namespace: undefined }));
    expect(review.asked).toContainEqual(expect.objectContaining({ verb: 'get', resource: 'customresourcedefinitions', name: 'workspaces.kaito.sh' }));
    expect(review.asked.some(a => a.resource === 'nodepools')).toBe(false);
  });

  it('asks observe mode only about what observing needs', async () => {
    const review = fakeReview();
    await checkPermissions({ context: { ...builtin, mode: 'observe' }, leaseNamespace: 'kaito-backstage', review, now });
    expect(review.asked.some(a => a.resource === 'leases')).toBe(false);
    expect(review.asked.some(a => a.resource === 'statefulsets' && a.verb === 'create')).toBe(false);
    expect(review.asked).toContainEqual(expect.objectContaining({ verb: 'list', resource: 'events' }));
  });

  it('names each missing permission, what it is for, and the fix', async () => {
    const review = fakeReview(['list events', 'get pods/log', 'create leases']);
    const result = await checkPermissions({ context: builtin, leaseNamespace: 'kube-system', review, now });
    expect(result.state).toBe('missing');
    expect(result.missing.map(m => m.description)).toEqual([
      'get pods/log (core) in all namespaces',
      'list events (core) in all namespaces',
      'create leases (coordination.k8s.io) in namespace "kube-system"',
    ]);
    expect(permissionCheckLines('aks-prod', 'builtin', result).map(l => l.message)).toEqual([
      'Cluster "aks-prod": missing permission: get pods/log (core) in all namespaces, needed for showing pod logs — grant it with plugins/kaito-backend/manifests/rbac.yaml (ClusterRole kaito-backstage-controller)',
      'Cluster "aks-prod": missing permission: list events (core) in all namespaces, needed for showing workspace events — grant it with plugins/kaito-backend/manifests/rbac.yaml (ClusterRole kaito-backstage-controller)',
      'Cluster "aks-prod": missing permission: create leases (coordination.k8s.io) in namespace "kube-system", needed for leader election — grant it with plugins/kaito-backend/manifests/rbac.yaml (Role kaito-backstage-controller-leader-election, applied in namespace "kube-system"), or set kaito.controller.leaderElection.namespace to the namespace that Role is in',
    ]);
  });

  it('says cluster-wide for cluster-scoped resources', async () => {
    const result = await checkPermissions({ context: builtin, leaseNamespace: 'x', review: fakeReview(['patch nodes']), now });
    expect(result.missing.map(m => m.description)).toEqual(['patch nodes (core) cluster-wide']);
  });

  it('gives unknown, not a crash, when the API server does not serve the review API', async () => {
    const notServed = async () => {
      throw new ApiException(404, 'Not Found', JSON.stringify({ kind: 'Status', code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' }), {});
    };
    const result = await checkPermissions({ context: builtin, leaseNamespace: 'x', review: notServed, now });
    expect(result).toMatchObject({ state: 'unknown', checked: 0, missing: [], retryable: false });
    expect(result.reason).toMatch(/^the API server does not answer SelfSubjectAccessReview \(authorization.k8s.io\/v1\): Kubernetes refused \(404 Not Found\)/);
    expect(permissionCheckLines('c', 'builtin', result)).toEqual([{ level: 'warn', message: `Cluster "c": could not check permissions: ${result.reason}` }]);
  });

  it('marks an unreachable server as retryable', async () => {
    const refused = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    };
    const result = await checkPermissions({ context: builtin, leaseNamespace: 'x', review: refused, now });
    expect(result).toMatchObject({ state: 'unknown', retryable: true });
  });

  it('logs one info line when everything is granted', async () => {
    const result = await checkPermissions({ context: builtin, leaseNamespace: 'x', review: fakeReview(), now });
    expect(permissionCheckLines('local', 'builtin', result)).toEqual([
      { level: 'info', message: `Cluster "local": all ${result.checked} permissions builtin mode needs are granted` },
    ]);
  });
});
