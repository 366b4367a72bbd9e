import { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, ServiceAccount } from '../api/kubernetes';
import { CONTROLLER_PERMISSIONS, ControllerPermission, VERB_ORDER, permissionResource } from './controllerPermissions';

/** Name shared by the controller's ServiceAccount, roles and bindings. @public */
export const CONTROLLER_SERVICE_ACCOUNT = 'kaito-backstage-controller';

const RBAC = 'rbac.authorization.k8s.io/v1' as const;

/** A rule over API resources, the only kind this renders (never `nonResourceURLs`). */
type ResourceRule = PolicyRule & Required<Pick<PolicyRule, 'apiGroups' | 'resources'>>;

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
 * RBAC rules for permission rows: one rule per resource with the union of its
 * verbs, then neighbouring rules of one group with the same verbs merged, so
 * the manifest reads as a person would write it.
 */
function rulesFrom(permissions: readonly ControllerPermission[]): PolicyRule[] {
  const byResource = new Map<string, { group: string; resource: string; verbs: Set<string>; resourceNames?: readonly string[] }>();
  for (const p of permissions) {
    const resource = permissionResource(p);
    const key = JSON.stringify([p.group, resource, p.resourceNames ?? []]);
    const entry = byResource.get(key) ?? { group: p.group, resource, verbs: new Set<string>(), resourceNames: p.resourceNames };
    p.verbs.forEach(v => entry.verbs.add(v));
    byResource.set(key, entry);
  }
  const rules: ResourceRule[] = [];
  for (const entry of byResource.values()) {
    const verbs = VERB_ORDER.filter(v => entry.verbs.has(v));
    const last = rules[rules.length - 1];
    if (
      last &&
      !entry.resourceNames &&
      !last.resourceNames &&
      last.apiGroups[0] === entry.group &&
      last.verbs.join() === verbs.join()
    ) {
      last.resources.push(entry.resource);
      continue;
    }
    rules.push({
      apiGroups: [entry.group],
      resources: [entry.resource],
      verbs,
      ...(entry.resourceNames ? { resourceNames: [...entry.resourceNames] } : {}),
    });
  }
  return rules;
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
  const shipped = CONTROLLER_PERMISSIONS.filter(p => !p.installCrdsOnly || options.installCrds);
  const rules = rulesFrom(shipped.filter(p => p.scope === 'cluster'));
  const leaseRules = rulesFrom(shipped.filter(p => p.scope === 'leaseNamespace'));
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
      rules: leaseRules,
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
