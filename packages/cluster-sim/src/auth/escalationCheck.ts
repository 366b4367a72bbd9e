import { RequestScope } from '../api/ResourceApi';
import { ApiError } from '../errors';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../types';
import { AuthorizationAttributes, UserInfo } from './attributes';
import { AuthorizationLog } from './AuthorizationLog';
import { MASTERS_GROUP } from './bootstrapPolicy';
import { PolicyRule, ruleAllows } from './policyRules';
import { RBAC_STORAGE_KEYS, RbacAuthorizer } from './RbacAuthorizer';
import { currentRequestUser } from './requestUser';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A rule split into single-verb, single-resource (or single-URL), single-name rules. */
function atomicRules(rule: PolicyRule): PolicyRule[] {
  const atoms: PolicyRule[] = [];
  for (const verb of rule.verbs ?? []) {
    if (rule.nonResourceURLs?.length) {
      for (const url of rule.nonResourceURLs) atoms.push({ verbs: [verb], nonResourceURLs: [url] });
      continue;
    }
    const names = rule.resourceNames?.length ? rule.resourceNames : [undefined];
    for (const apiGroup of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        for (const name of names) atoms.push({ verbs: [verb], apiGroups: [apiGroup], resources: [resource], ...(name ? { resourceNames: [name] } : {}) });
      }
    }
  }
  return atoms;
}

/** Whether an atomic rule is covered by one of the owner's rules (rbac validation Covers). */
function covered(atom: PolicyRule, owner: PolicyRule[]): boolean {
  if (atom.nonResourceURLs) {
    const path = atom.nonResourceURLs[0];
    return owner.some(rule =>
      (rule.verbs.includes('*') || rule.verbs.includes(atom.verbs[0])) &&
      (rule.nonResourceURLs ?? []).some(u => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1)))),
    );
  }
  const [resource, subresource] = atom.resources![0].split('/');
  const attributes: AuthorizationAttributes = {
    resourceRequest: true,
    verb: atom.verbs[0],
    apiGroup: atom.apiGroups![0],
    apiVersion: '',
    resource,
    ...(subresource ? { subresource } : {}),
    ...(atom.resourceNames ? { name: atom.resourceNames[0] } : {}),
  };
  // A rule for every name is only covered by rules for every name.
  return owner.some(rule => ruleAllows(attributes, rule) && (atom.resourceNames !== undefined || !rule.resourceNames?.length));
}

function describeRule(rule: PolicyRule): string {
  const list = (values: string[]) => `[${values.map(v => JSON.stringify(v)).join(' ')}]`;
  if (rule.nonResourceURLs) return `{NonResourceURLs:${list(rule.nonResourceURLs)}, Verbs:${list(rule.verbs)}}`;
  const names = rule.resourceNames ? `, ResourceNames:${list(rule.resourceNames)}` : '';
  return `{APIGroups:${list(rule.apiGroups!)}, Resources:${list(rule.resources!)}${names}, Verbs:${list(rule.verbs)}}`;
}

function rulesOfRoleRef(store: ObjectStore, binding: KubeObject): PolicyRule[] | undefined {
  const ref = binding.roleRef as { kind?: string; name?: string } | undefined;
  const role =
    ref?.kind === 'Role'
      ? store.peek(RBAC_STORAGE_KEYS.roles, binding.metadata.namespace, String(ref.name))
      : store.peek(RBAC_STORAGE_KEYS.clusterRoles, undefined, String(ref?.name));
  return role ? ((role.rules ?? []) as PolicyRule[]) : undefined;
}

/**
 * RBAC's privilege-escalation prevention: a user who is not in `system:masters` may write a Role or
 * ClusterRole only with rules they hold themselves (in that namespace, or cluster-wide for a
 * ClusterRole) unless they may `escalate` it, and a binding only to a role whose rules they hold
 * unless they may `bind` it. Otherwise 403, listing the rules they do not hold. Writes of the
 * simulated controllers (no request user) pass.
 * @internal
 */
export function rbacEscalationCheck(deps: {
  store: ObjectStore;
  authorizer: RbacAuthorizer;
  log?: AuthorizationLog;
}): (scope: RequestScope, next: KubeObject, previous: KubeObject | undefined) => void {
  const may = (user: UserInfo, verb: string, resource: string, namespace: string | undefined, name: string | undefined) => {
    const attributes: AuthorizationAttributes = {
      resourceRequest: true,
      verb,
      apiGroup: RBAC_GROUP,
      apiVersion: 'v1',
      resource,
      ...(namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
    };
    const { allowed } = deps.authorizer.authorize(user, attributes);
    deps.log?.record(user, attributes, allowed, 'admission');
    return allowed;
  };
  return (scope, next) => {
    const user = currentRequestUser();
    if (!user || user.groups.includes(MASTERS_GROUP) || scope.type.group !== RBAC_GROUP) return;
    const namespace = scope.namespace;
    let wanted: PolicyRule[] | undefined;
    if (scope.type.plural === 'roles' || scope.type.plural === 'clusterroles') {
      if (may(user, 'escalate', scope.type.plural, namespace, next.metadata.name)) return;
      wanted = (next.rules ?? []) as PolicyRule[];
    } else if (scope.type.plural === 'rolebindings' || scope.type.plural === 'clusterrolebindings') {
      const ref = next.roleRef as { kind?: string; name?: string } | undefined;
      const roleResource = ref?.kind === 'Role' ? 'roles' : 'clusterroles';
      // A RoleBinding's bind check is in its namespace; a ClusterRoleBinding's cluster-wide.
      if (may(user, 'bind', roleResource, namespace, ref?.name)) return;
      wanted = rulesOfRoleRef(deps.store, next) ?? [];
    } else {
      return;
    }
    const held = deps.authorizer.rulesFor(user, namespace ?? '').rules;
    const missing = wanted.flatMap(atomicRules).filter(atom => !covered(atom, held));
    if (missing.length === 0) return;
    const target = `${scope.type.plural}.${RBAC_GROUP}`;
    throw new ApiError(
      403,
      'Forbidden',
      `${target} "${next.metadata.name ?? ''}" is forbidden: user "${user.name}" (groups=[${user.groups.map(g => JSON.stringify(g)).join(' ')}]) is attempting to grant RBAC permissions not currently held:\n${missing.map(describeRule).join('\n')}`,
      { ...(next.metadata.name ? { name: next.metadata.name } : {}), group: RBAC_GROUP, kind: scope.type.plural },
    );
  };
}
