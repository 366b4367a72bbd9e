import { KubeObject } from '../types';
import { PolicyRule } from './policyRules';

/** The groups every authenticated and every anonymous request carries. @public */
export const AUTHENTICATED_GROUP = 'system:authenticated';
/** @public */
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
/** The group a real server authorizes without consulting RBAC. @public */
export const MASTERS_GROUP = 'system:masters';

const BOOTSTRAP_META = {
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
};

function clusterRole(name: string, rules: PolicyRule[]): KubeObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, ...BOOTSTRAP_META }, rules };
}

function bindToGroups(name: string, groups: string[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, ...BOOTSTRAP_META },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: groups.map(group => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group })),
  };
}

const HEALTH_AND_VERSION = ['/healthz', '/livez', '/readyz', '/version', '/version/'];

/**
 * The default roles and bindings of a real server that matter here (kubernetes
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy): cluster-admin for `system:masters`, discovery
 * and OpenAPI for every authenticated user, the self-reviews (`kubectl auth can-i`, `whoami`) for
 * every authenticated user, and health and version for everyone. Tests compare their own RBAC with it.
 * @public
 */
export function bootstrapPolicy(): { clusterRoles: KubeObject[]; clusterRoleBindings: KubeObject[] } {
  return {
    clusterRoles: [
      clusterRole('cluster-admin', [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
      ]),
      clusterRole('system:discovery', [
        { nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] },
      ]),
      clusterRole('system:basic-user', [
        { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
        { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
      ]),
      clusterRole('system:public-info-viewer', [{ nonResourceURLs: HEALTH_AND_VERSION, verbs: ['get'] }]),
    ],
    clusterRoleBindings: [
      bindToGroups('cluster-admin', [MASTERS_GROUP]),
      bindToGroups('system:discovery', [AUTHENTICATED_GROUP]),
      bindToGroups('system:basic-user', [AUTHENTICATED_GROUP]),
      bindToGroups('system:public-info-viewer', [AUTHENTICATED_GROUP, UNAUTHENTICATED_GROUP]),
    ],
  };
}
