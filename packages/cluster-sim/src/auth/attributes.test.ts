import { attributesOfRequest } from './attributes';

function attributes(method: string, path: string) {
  return attributesOfRequest(method, new URL(path, 'https://127.0.0.1'));
}

describe('attributesOfRequest', () => {
  it.each([
    ['GET', '/api/v1/namespaces/ns/pods/p', { verb: 'get', apiGroup: '', resource: 'pods', namespace: 'ns', name: 'p' }],
    ['GET', '/api/v1/namespaces/ns/pods', { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'ns' }],
    ['GET', '/api/v1/pods', { verb: 'list', apiGroup: '', resource: 'pods' }],
    ['GET', '/api/v1/namespaces/ns/events?watch=true', { verb: 'watch', resource: 'events', namespace: 'ns' }],
    ['GET', '/api/v1/watch/namespaces/ns/events', { verb: 'watch', resource: 'events', namespace: 'ns' }],
    ['GET', '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases?fieldSelector=metadata.name%3Dl1', { verb: 'list', apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-system', name: 'l1' }],
    ['GET', '/api/v1/namespaces/ns/pods?fieldSelector=metadata.name!%3Dl1', { verb: 'list', resource: 'pods', namespace: 'ns' }],
    ['POST', '/apis/kaito.sh/v1beta1/namespaces/ns/workspaces', { verb: 'create', apiGroup: 'kaito.sh', resource: 'workspaces', namespace: 'ns' }],
    ['PUT', '/apis/kaito.sh/v1beta1/namespaces/ns/workspaces/w/status', { verb: 'update', resource: 'workspaces', subresource: 'status', name: 'w' }],
    ['PATCH', '/api/v1/nodes/n1', { verb: 'patch', resource: 'nodes', name: 'n1' }],
    ['DELETE', '/api/v1/namespaces/ns/pods/p', { verb: 'delete', name: 'p' }],
    ['DELETE', '/api/v1/namespaces/ns/pods', { verb: 'deletecollection', resource: 'pods' }],
    ['GET', '/api/v1/namespaces/ns/pods/p/log', { verb: 'get', resource: 'pods', subresource: 'log', name: 'p' }],
    ['POST', '/api/v1/namespaces/ns/services/svc:80/proxy/v1/chat/completions', { verb: 'create', resource: 'services', subresource: 'proxy', name: 'svc:80' }],
    ['GET', '/api/v1/namespaces/ns/services/svc/proxy/health', { verb: 'get', resource: 'services', subresource: 'proxy', name: 'svc' }],
    ['POST', '/api/v1/namespaces/ns/serviceaccounts/sa/token', { verb: 'create', resource: 'serviceaccounts', subresource: 'token', name: 'sa' }],
    ['GET', '/api/v1/namespaces/ns', { verb: 'get', resource: 'namespaces', namespace: 'ns', name: 'ns' }],
    ['PUT', '/api/v1/namespaces/ns/finalize', { verb: 'update', resource: 'namespaces', subresource: 'finalize', namespace: 'ns', name: 'ns' }],
    ['GET', '/api/v1/namespaces', { verb: 'list', resource: 'namespaces' }],
  ])('%s %s is a resource request %o', (method, path, expected) => {
    expect(attributes(method, path)).toMatchObject({ resourceRequest: true, ...expected });
  });

  it.each([
    ['GET', '/api'],
    ['GET', '/api/v1'],
    ['GET', '/apis'],
    ['GET', '/apis/apps'],
    ['GET', '/apis/apps/v1'],
    ['GET', '/version'],
    ['GET', '/openapi/v3/apis/apps/v1'],
    ['POST', '/healthz'],
  ])('%s %s is a non-resource request with the method as verb', (method, path) => {
    expect(attributes(method, path)).toEqual({ resourceRequest: false, verb: method.toLowerCase(), path: path });
  });
});
