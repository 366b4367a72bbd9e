import { ObjectStore, StoreEvent } from '../store/ObjectStore';
import { KubeObject } from '../types';
import { AuthorizationAttributes, UserInfo } from './attributes';
import { MASTERS_GROUP } from './bootstrapPolicy';
import { PolicyRule, RbacSubject, ruleAllows, subjectMatches } from './policyRules';

/** The outcome of authorizing one request. @public */
export interface AuthorizationDecision {
  allowed: boolean;
  /** Why, as RBAC puts it (`RBAC: allowed by …`, or the roles it could not find). */
  reason: string;
}

/** The storage keys of the four RBAC kinds. @internal */
export const RBAC_STORAGE_KEYS = {
  roles: 'roles.rbac.authorization.k8s.io',
  clusterRoles: 'clusterroles.rbac.authorization.k8s.io',
  roleBindings: 'rolebindings.rbac.authorization.k8s.io',
  clusterRoleBindings: 'clusterrolebindings.rbac.authorization.k8s.io',
} as const;

const RBAC_KEYS = new Set<string>(Object.values(RBAC_STORAGE_KEYS));

/** One binding with its role's rules resolved (or the error of a missing role). */
interface IndexedBinding {
  /** Undefined for a ClusterRoleBinding. */
  namespace?: string;
  describe(subject: RbacSubject): string;
  subjects: RbacSubject[];
  rules: PolicyRule[];
  missingRole?: string;
}

function describeSubject(subject: RbacSubject, bindingNamespace?: string): string {
  if (subject.kind === 'ServiceAccount') return `ServiceAccount "${subject.namespace || bindingNamespace}/${subject.name}"`;
  return `${subject.kind} "${subject.name}"`;
}

function rulesOf(role: KubeObject | undefined): PolicyRule[] {
  return Array.isArray(role?.rules) ? (role!.rules as PolicyRule[]).filter(r => Array.isArray(r?.verbs)) : [];
}

/**
 * Role-based access control with the real server's semantics. Roles grant in their namespace
 * through RoleBindings; ClusterRoles grant in a RoleBinding's namespace, or everywhere through a
 * ClusterRoleBinding; `system:masters` is allowed everything without RBAC. Bindings are indexed by
 * user and group and rebuilt only after an RBAC object changes, so a decision costs a few map
 * look-ups and the rule matches of the user's own bindings.
 * @public
 */
export class RbacAuthorizer {
  private readonly store: ObjectStore;
  private readonly unsubscribe: () => void;
  private stale = true;
  private byUser = new Map<string, IndexedBinding[]>();
  private byGroup = new Map<string, IndexedBinding[]>();
  private readonly bindingsOfUser = new Map<string, IndexedBinding[]>();

  constructor(store: ObjectStore) {
    this.store = store;
    this.unsubscribe = store.subscribe((event: StoreEvent) => {
      if (RBAC_KEYS.has(event.resource)) this.stale = true;
    });
  }

  /** Stops following RBAC changes. */
  stop(): void {
    this.unsubscribe();
  }

  /** Decides one request. */
  authorize(user: UserInfo, attributes: AuthorizationAttributes): AuthorizationDecision {
    if (user.groups.includes(MASTERS_GROUP)) return { allowed: true, reason: '' };
    const missing: string[] = [];
    for (const binding of this.bindingsInScope(user, attributes)) {
      if (binding.missingRole) {
        missing.push(binding.missingRole);
        continue;
      }
      if (binding.rules.some(rule => ruleAllows(attributes, rule))) {
        const subject = binding.subjects.find(s => subjectMatches(s, user, binding.namespace))!;
        return { allowed: true, reason: `RBAC: allowed by ${binding.describe(subject)}` };
      }
    }
    const unique = [...new Set(missing)];
    const reason = unique.length === 0 ? '' : `RBAC: ${unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`}`;
    return { allowed: false, reason };
  }

  /**
   * Every rule the user holds in a namespace (cluster-wide ones included), as a
   * SelfSubjectRulesReview reports them; `errors` names the roles bindings point at but that do not exist.
   */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    for (const binding of this.bindingsOf(user)) {
      if (binding.namespace !== undefined && binding.namespace !== namespace) continue;
      if (binding.missingRole) errors.push(binding.missingRole);
      else rules.push(...binding.rules);
    }
    return { rules, errors: [...new Set(errors)] };
  }

  /** The user's bindings that can grant this request: RoleBindings only in the request's namespace. */
  private bindingsInScope(user: UserInfo, attributes: AuthorizationAttributes): IndexedBinding[] {
    const namespace = attributes.resourceRequest ? attributes.namespace : undefined;
    return this.bindingsOf(user).filter(b => b.namespace === undefined || (namespace !== undefined && b.namespace === namespace));
  }

  private bindingsOf(user: UserInfo): IndexedBinding[] {
    this.refresh();
    const key = `${user.name}\u0000${user.groups.join('\u0000')}`;
    let bindings = this.bindingsOfUser.get(key);
    if (!bindings) {
      const found = new Set<IndexedBinding>(this.byUser.get(user.name) ?? []);
      for (const group of user.groups) for (const b of this.byGroup.get(group) ?? []) found.add(b);
      // Cluster-wide bindings first, as the real authorizer visits them.
      bindings = [...found].sort((a, b) => Number(a.namespace !== undefined) - Number(b.namespace !== undefined));
      this.bindingsOfUser.set(key, bindings);
    }
    return bindings;
  }

  private refresh(): void {
    if (!this.stale) return;
    this.stale = false;
    this.byUser = new Map();
    this.byGroup = new Map();
    this.bindingsOfUser.clear();
    const clusterRoles = new Map(this.store.peekAll(RBAC_STORAGE_KEYS.clusterRoles).map(r => [r.metadata.name, r]));
    for (const crb of this.store.peekAll(RBAC_STORAGE_KEYS.clusterRoleBindings)) {
      const roleName = String(crb.roleRef?.name ?? '');
      const role = crb.roleRef?.kind === 'ClusterRole' ? clusterRoles.get(roleName) : undefined;
      this.index({
        subjects: (crb.subjects ?? []) as RbacSubject[],
        rules: rulesOf(role),
        missingRole: role ? undefined : `clusterrole.rbac.authorization.k8s.io "${roleName}" not found`,
        describe: s => `ClusterRoleBinding "${crb.metadata.name}" of ClusterRole "${roleName}" to ${describeSubject(s)}`,
      });
    }
    for (const rb of this.store.peekAll(RBAC_STORAGE_KEYS.roleBindings)) {
      const namespace = rb.metadata.namespace!;
      const roleName = String(rb.roleRef?.name ?? '');
      const kind = rb.roleRef?.kind;
      let role: KubeObject | undefined;
      if (kind === 'ClusterRole') role = clusterRoles.get(roleName);
      else if (kind === 'Role') role = this.store.peek(RBAC_STORAGE_KEYS.roles, namespace, roleName);
      this.index({
        namespace,
        subjects: (rb.subjects ?? []) as RbacSubject[],
        rules: rulesOf(role),
        missingRole: role ? undefined : `${kind === 'Role' ? 'role' : 'clusterrole'}.rbac.authorization.k8s.io "${roleName}" not found`,
        describe: s => `RoleBinding "${rb.metadata.name}/${namespace}" of ${kind} "${roleName}" to ${describeSubject(s, namespace)}`,
      });
    }
  }

  private index(binding: IndexedBinding): void {
    const add = (map: Map<string, IndexedBinding[]>, key: string) => {
      const list = map.get(key) ?? [];
      if (!list.includes(binding)) list.push(binding);
      map.set(key, list);
    };
    for (const subject of binding.subjects) {
      if (subject?.kind === 'Group') add(this.byGroup, subject.name);
      else if (subject?.kind === 'User') add(this.byUser, subject.name);
      else if (subject?.kind === 'ServiceAccount') {
        // A ClusterRoleBinding's ServiceAccount subject must name its namespace.
        const namespace = subject.namespace || binding.namespace;
        if (namespace) add(this.byUser, `system:serviceaccount:${namespace}:${subject.name}`);
      }
    }
  }
}
