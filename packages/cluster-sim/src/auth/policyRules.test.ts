import { AuthorizationAttributes } from './attributes';
import { PolicyRule, ruleAllows, subjectMatches } from './policyRules';

function resource(verb: string, apiGroup: string, resourceName: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes {
  const [plural, subresource] = resourceName.split('/');
  return { resourceRequest: true, verb, apiGroup, apiVersion: 'v1', resource: plural, ...(subresource ? { subresource } : {}), ...extra } as AuthorizationAttributes;
}

const podsRead: PolicyRule = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] };

describe('ruleAllows', () => {
  it.each<[string, PolicyRule, AuthorizationAttributes, boolean]>([
    ['a listed verb, group and resource', podsRead, resource('get', '', 'pods'), true],
    ['a verb the rule lacks', podsRead, resource('delete', '', 'pods'), false],
    ['watch, a verb of its own', { ...podsRead, verbs: ['get', 'list'] }, resource('watch', '', 'pods'), false],
    ['another API group', podsRead, resource('get', 'apps', 'pods'), false],
    ['the core group only through ""', { ...podsRead, apiGroups: ['apps'] }, resource('get', '', 'pods'), false],
    ['apiGroups *', { ...podsRead, apiGroups: ['*'] }, resource('get', 'apps', 'pods'), true],
    ['verbs *', { ...podsRead, verbs: ['*'] }, resource('deletecollection', '', 'pods'), true],
    ['a subresource the rule does not name', podsRead, resource('get', '', 'pods/log'), false],
    ['a named subresource', { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }, resource('get', '', 'pods/log'), true],
    ['a subresource rule for the main resource', { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }, resource('get', '', 'pods'), false],
    ['resources * for a subresource', { apiGroups: [''], resources: ['*'], verbs: ['get'] }, resource('get', '', 'pods/log'), true],
    ['*/subresource', { apiGroups: ['*'], resources: ['*/status'], verbs: ['update'] }, resource('update', 'kaito.sh', 'workspaces/status'), true],
    ['*/subresource for the main resource', { apiGroups: ['*'], resources: ['*/status'], verbs: ['update'] }, resource('update', 'kaito.sh', 'workspaces'), false],
    ['*/subresource for another subresource', { apiGroups: ['*'], resources: ['*/status'], verbs: ['get'] }, resource('get', '', 'pods/log'), false],
    ['resourceNames with the name', { ...podsRead, resourceNames: ['a'] }, resource('get', '', 'pods', { name: 'a' }), true],
    ['resourceNames with another name', { ...podsRead, resourceNames: ['a'] }, resource('get', '', 'pods', { name: 'b' }), false],
    ['resourceNames for a list without a name', { ...podsRead, resourceNames: ['a'] }, resource('list', '', 'pods'), false],
    ['resourceNames for a list pinned to the name', { ...podsRead, resourceNames: ['a'] }, resource('list', '', 'pods', { name: 'a' }), true],
    ['resourceNames for a create', { apiGroups: [''], resources: ['pods'], verbs: ['create'], resourceNames: ['a'] }, resource('create', '', 'pods'), false],
    ['a non-resource URL', { nonResourceURLs: ['/version'], verbs: ['get'] }, { resourceRequest: false, verb: 'get', path: '/version' }, true],
    ['a non-resource URL prefix', { nonResourceURLs: ['/openapi/*'], verbs: ['get'] }, { resourceRequest: false, verb: 'get', path: '/openapi/v3/apis/apps/v1' }, true],
    ['another non-resource URL', { nonResourceURLs: ['/version'], verbs: ['get'] }, { resourceRequest: false, verb: 'get', path: '/metrics' }, false],
    ['a resource rule for a path', podsRead, { resourceRequest: false, verb: 'get', path: '/api' }, false],
    ['a path rule for a resource', { nonResourceURLs: ['*'], verbs: ['*'] }, resource('get', '', 'pods'), false],
  ])('%s → %s', (_name, rule, attributes, expected) => {
    expect(ruleAllows(attributes, rule)).toBe(expected);
  });
});

describe('subjectMatches', () => {
  const sa = { name: 'system:serviceaccount:ns1:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated'] };
  it.each([
    ['a ServiceAccount subject with its namespace', { kind: 'ServiceAccount', name: 'robot', namespace: 'ns1' }, undefined, true],
    ['a ServiceAccount subject of another namespace', { kind: 'ServiceAccount', name: 'robot', namespace: 'ns2' }, undefined, false],
    ['a ServiceAccount subject in a RoleBinding, namespace omitted', { kind: 'ServiceAccount', name: 'robot' }, 'ns1', true],
    ['a ServiceAccount subject in a ClusterRoleBinding, namespace omitted', { kind: 'ServiceAccount', name: 'robot' }, undefined, false],
    ['its User name', { kind: 'User', name: 'system:serviceaccount:ns1:robot' }, undefined, true],
    ['one of its groups', { kind: 'Group', name: 'system:serviceaccounts:ns1' }, undefined, true],
    ['a group it lacks', { kind: 'Group', name: 'system:masters' }, undefined, false],
  ])('%s → %s', (_name, subject, bindingNamespace, expected) => {
    expect(subjectMatches(subject, sa, bindingNamespace)).toBe(expected);
  });
});
