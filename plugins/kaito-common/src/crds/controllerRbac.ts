import { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, ServiceAccount } from '../api/kubernetes';

/** Name shared by the controller's ServiceAccount, roles and bindings. @public */
export const CONTROLLER_SERVICE_ACCOUNT = 'kaito-backstage-controller';

const RBAC = 'rbac.authorization.k8s.io/v1' as const;
const READ = ['get', 'list', 'watch'];
const MANAGE = [...READ, 'create', 'update', 'patch', 'delete'];

/**
 * Options of {@link renderControllerRbac}.
 *
 * @public
 */
export interface ControllerRbacOptions {
  /** Also allow creating the Workspace/NodeClaim/NodePool CRDs (for `installCrds: true`). */
  installCrds?: boolean;
}

/**
 * The least-privilege RBAC the workspace controller needs: a ServiceAccount in
 * `namespace`, a ClusterRole for the objects it reconciles in every namespace, and a
 * namespaced Role for its leader-election Lease.
 *
 * @public
 */
export function renderControllerRbac(
  namespace: string,
  options: ControllerRbacOptions = {},
): [ServiceAccount, ClusterRole, ClusterRoleBinding, Role, RoleBinding] {
  const labels = { 'app.kubernetes.io/name': CONTROLLER_SERVICE_ACCOUNT, 'app.kubernetes.io/part-of': 'kaito-backstage' };
  const subject = { kind: 'ServiceAccount' as const, name: CONTROLLER_SERVICE_ACCOUNT, namespace };
  const rules: PolicyRule[] = [
    { apiGroups: ['kaito.sh'], resources: ['workspaces'], verbs: MANAGE },
    { apiGroups: ['kaito.sh'], resources: ['workspaces/status'], verbs: ['get', 'update', 'patch'] },
    // Needed to set blockOwnerDeletion on children when OwnerReferencesPermissionEnforcement is on.
    { apiGroups: ['kaito.sh'], resources: ['workspaces/finalizers'], verbs: ['update'] },
    { apiGroups: ['karpenter.sh'], resources: ['nodeclaims', 'nodepools'], verbs: MANAGE },
    // Deployments only to migrate the legacy ≤ v0.7 workload away.
    { apiGroups: ['apps'], resources: ['statefulsets', 'controllerrevisions'], verbs: MANAGE },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: [...READ, 'delete'] },
    { apiGroups: ['batch'], resources: ['jobs'], verbs: MANAGE },
    { apiGroups: [''], resources: ['services', 'configmaps'], verbs: MANAGE },
    { apiGroups: [''], resources: ['pods'], verbs: READ },
    // Chat goes through the API server's service proxy to the workspace Service.
    { apiGroups: [''], resources: ['services/proxy'], verbs: ['get', 'create'] },
    // Nodes are read for readiness; patch adds the accelerator=nvidia label, as Kaito does.
    { apiGroups: [''], resources: ['nodes'], verbs: [...READ, 'patch'] },
    { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
    {
      apiGroups: ['apiextensions.k8s.io'],
      resources: ['customresourcedefinitions'],
      verbs: ['get'],
      resourceNames: ['workspaces.kaito.sh', 'nodeclaims.karpenter.sh', 'nodepools.karpenter.sh'],
    },
    ...(options.installCrds
      ? [{ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['create'] }]
      : []),
    // To notice a real Kaito operator (its validating webhook) and stay out of its way.
    { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['get', 'list'] },
  ];
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: CONTROLLER_SERVICE_ACCOUNT, namespace, labels } },
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: CONTROLLER_SERVICE_ACCOUNT, labels }, rules },
    {
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: CONTROLLER_SERVICE_ACCOUNT, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: CONTROLLER_SERVICE_ACCOUNT },
      subjects: [subject],
    },
    {
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: `${CONTROLLER_SERVICE_ACCOUNT}-leader-election`, namespace, labels },
      rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'] }],
    },
    {
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: `${CONTROLLER_SERVICE_ACCOUNT}-leader-election`, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${CONTROLLER_SERVICE_ACCOUNT}-leader-election` },
      subjects: [subject],
    },
  ];
}
