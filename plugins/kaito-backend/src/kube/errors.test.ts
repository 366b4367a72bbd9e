import { ApiException } from '@kubernetes/client-node';
import { describeKubeError, kubeErrorCode } from './errors';

const status = (code: number, reason: string, message: string, details?: object) =>
  new ApiException(code, 'Unknown API Status Code!', JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code }), {});

const SA = 'system:serviceaccount:kaito-backstage:kaito-backstage-controller';

describe('describeKubeError', () => {
  it.each([
    [
      '403 on a list',
      status(403, 'Forbidden', `events is forbidden: User "${SA}" cannot list resource "events" in API group "" in the namespace "team-a"`, { kind: 'events' }),
      'list events in namespace "team-a"',
      `Kubernetes refused to list events in namespace "team-a" (403 Forbidden): events is forbidden: User "${SA}" cannot list resource "events" in API group "" in the namespace "team-a". Fix: grant it with plugins/kaito-backend/manifests/rbac.yaml (ClusterRole kaito-backstage-controller)`,
    ],
    [
      '403 on a Lease',
      status(403, 'Forbidden', `leases.coordination.k8s.io "kaito-backstage-controller" is forbidden: User "${SA}" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "kube-system"`, { name: 'kaito-backstage-controller', group: 'coordination.k8s.io', kind: 'leases' }),
      undefined,
      `Kubernetes refused (403 Forbidden): leases.coordination.k8s.io "kaito-backstage-controller" is forbidden: User "${SA}" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "kube-system". Fix: grant it with plugins/kaito-backend/manifests/rbac.yaml (Role kaito-backstage-controller-leader-election, in the namespace set by kaito.controller.leaderElection.namespace)`,
    ],
    [
      '404 of an object',
      status(404, 'NotFound', 'workspaces.kaito.sh "phi" not found', { name: 'phi', group: 'kaito.sh', kind: 'workspaces' }),
      'delete workspace local/default/phi',
      'Kubernetes refused to delete workspace local/default/phi (404 Not Found): workspaces.kaito.sh "phi" not found',
    ],
    [
      '404 of a whole API',
      status(404, 'NotFound', 'the server could not find the requested resource'),
      'list NodePools',
      'Kubernetes refused to list NodePools (404 Not Found): the server could not find the requested resource. Fix: install the CRD that serves it (plugins/kaito-backend/manifests/crds.yaml, Kaito or Karpenter)',
    ],
    [
      '409 conflict',
      status(409, 'Conflict', 'Operation cannot be fulfilled on leases.coordination.k8s.io "x": the object has been modified; please apply your changes to the latest version and try again', { name: 'x', kind: 'leases' }),
      undefined,
      'Kubernetes refused (409 Conflict): Operation cannot be fulfilled on leases.coordination.k8s.io "x": the object has been modified; please apply your changes to the latest version and try again. Fix: it changed meanwhile or already exists; it is retried with the latest version',
    ],
    [
      '422 with causes not in the message',
      status(422, 'Invalid', 'Workspace.kaito.sh "Bad" is invalid', {
        name: 'Bad',
        group: 'kaito.sh',
        kind: 'Workspace',
        causes: [
          { reason: 'FieldValueInvalid', message: 'Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters', field: 'metadata.name' },
          { reason: 'FieldValueRequired', message: 'Required value', field: 'resource.instanceType' },
        ],
      }),
      'create workspace local/default/Bad',
      'Kubernetes refused to create workspace local/default/Bad (422 Unprocessable Entity): Workspace.kaito.sh "Bad" is invalid; metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters; resource.instanceType: Required value. Fix: correct the fields named above',
    ],
    [
      '400 of a MicroTime with three digits',
      status(400, 'BadRequest', 'Lease in version "v1" cannot be handled as a Lease: parsing time "2026-12-01T08:05:13.473Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".473Z" as ".000000"'),
      undefined,
      'Kubernetes refused (400 Bad Request): Lease in version "v1" cannot be handled as a Lease: parsing time "2026-12-01T08:05:13.473Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".473Z" as ".000000". Fix: correct the fields named above',
    ],
    [
      '429 throttled',
      status(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: 3 }),
      'list pods',
      'Kubernetes refused to list pods (429 Too Many Requests): Too many requests, please try again later. Fix: the API server is throttling; it is retried after 3 s',
    ],
    [
      '500 internal error',
      status(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out'),
      undefined,
      "Kubernetes refused (500 Internal Server Error): Internal error occurred: etcdserver: request timed out. Fix: it is retried; check the API server's health if it persists",
    ],
    [
      '401 without a Status body',
      new ApiException(401, 'Unauthorized', 'Unauthorized', {}),
      'list workspaces',
      "Kubernetes refused to list workspaces (401 Unauthorized): Unauthorized. Fix: check the cluster's credentials (serviceAccountToken or kubeconfig); the token may have expired",
    ],
    [
      'a watch failing with a status code only',
      Object.assign(new Error('Forbidden'), { statusCode: 403 }),
      'watch NodeClaims',
      'Kubernetes refused to watch NodeClaims (403 Forbidden): Forbidden. Fix: grant it with plugins/kaito-backend/manifests/rbac.yaml (ClusterRole kaito-backstage-controller)',
    ],
  ])('%s', (_name, error, doing, expected) => {
    expect(describeKubeError(error, doing)).toBe(expected);
  });

  it.each([
    [
      'ECONNREFUSED',
      Object.assign(new Error('request to https://127.0.0.1:1/api failed, reason: connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', type: 'system' }),
      'Could not reach the Kubernetes API server to list workspaces (connection refused): request to https://127.0.0.1:1/api failed, reason: connect ECONNREFUSED 127.0.0.1:1. Fix: check kaito.clusters[].url and that the API server is up',
    ],
    [
      'an untrusted certificate',
      Object.assign(new Error('request to https://aks:443/api failed, reason: self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      "Could not reach the Kubernetes API server to list workspaces (TLS: self-signed certificate): request to https://aks:443/api failed, reason: self-signed certificate. Fix: set kaito.clusters[].caData or caFile to the cluster's CA certificate (skipTLSVerify only for testing)",
    ],
    [
      'a TLS error nested as the cause',
      new Error('fetch failed', { cause: Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }) }),
      "Could not reach the Kubernetes API server to list workspaces (TLS: certificate expired): fetch failed. Fix: set kaito.clusters[].caData or caFile to the cluster's CA certificate (skipTLSVerify only for testing)",
    ],
  ])('explains %s', (_name, error, expected) => {
    expect(describeKubeError(error, 'list workspaces')).toBe(expected);
  });

  it('keeps the message of anything else', () => {
    expect(describeKubeError(new Error('boom'))).toBe('boom');
    expect(describeKubeError(new Error('boom'), 'reconcile')).toBe('Could not reconcile: boom');
  });

  it('never shows the client-node dump', () => {
    const text = describeKubeError(status(403, 'Forbidden', 'pods "p" is forbidden: User "u" cannot get resource "pods/log"'));
    expect(text).not.toMatch(/HTTP-Code|Unknown API Status Code|\\"kind\\"/);
  });
});

describe('kubeErrorCode', () => {
  it('reads ApiException.code and a watch error statusCode', () => {
    expect(kubeErrorCode(status(404, 'NotFound', 'x'))).toBe(404);
    expect(kubeErrorCode(Object.assign(new Error('Gone'), { statusCode: 410 }))).toBe(410);
    expect(kubeErrorCode(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeUndefined();
  });
});
