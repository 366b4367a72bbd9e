import { forbiddenError } from './forbidden';

const user = { name: 'system:serviceaccount:kaito-backstage:kaito-backstage-controller', groups: [] };

describe('forbiddenError', () => {
  it.each([
    [
      'a named object in a namespace',
      { resourceRequest: true as const, verb: 'get', apiGroup: 'coordination.k8s.io', apiVersion: 'v1', resource: 'leases', namespace: 'kube-system', name: 'kaito' },
      'leases.coordination.k8s.io "kaito" is forbidden: User "system:serviceaccount:kaito-backstage:kaito-backstage-controller" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "kube-system"',
      { name: 'kaito', group: 'coordination.k8s.io', kind: 'leases' },
    ],
    [
      'a list in the core group',
      { resourceRequest: true as const, verb: 'list', apiGroup: '', apiVersion: 'v1', resource: 'events', namespace: 'ns' },
      'events is forbidden: User "system:serviceaccount:kaito-backstage:kaito-backstage-controller" cannot list resource "events" in API group "" in the namespace "ns"',
      { kind: 'events' },
    ],
    [
      'a cluster-scoped resource',
      { resourceRequest: true as const, verb: 'list', apiGroup: '', apiVersion: 'v1', resource: 'nodes' },
      'nodes is forbidden: User "system:serviceaccount:kaito-backstage:kaito-backstage-controller" cannot list resource "nodes" in API group "" at the cluster scope',
      { kind: 'nodes' },
    ],
    [
      'a subresource',
      { resourceRequest: true as const, verb: 'get', apiGroup: '', apiVersion: 'v1', resource: 'pods', subresource: 'log', namespace: 'ns', name: 'p' },
      'pods "p" is forbidden: User "system:serviceaccount:kaito-backstage:kaito-backstage-controller" cannot get resource "pods/log" in API group "" in the namespace "ns"',
      { name: 'p', kind: 'pods' },
    ],
    [
      'a path',
      { resourceRequest: false as const, verb: 'get', path: '/metrics' },
      'forbidden: User "system:serviceaccount:kaito-backstage:kaito-backstage-controller" cannot get path "/metrics"',
      {},
    ],
  ])('reads like the real server for %s', (_name, attributes, message, details) => {
    const status = forbiddenError(user, attributes).toStatus();
    expect(status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403 });
  });
});
