import { AuthorizationAttributes, UserInfo } from './attributes';

/** An rbac.authorization.k8s.io/v1 PolicyRule. @public */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** An rbac.authorization.k8s.io/v1 Subject. @public */
export interface RbacSubject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

const ALL = '*';

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some(v => v === ALL || v === verb);
}

function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some(g => g === ALL || g === group);
}

/** `*` matches every resource and subresource; `*\/log` matches the log subresource of any resource. */
function resourceMatches(rule: PolicyRule, combined: string, subresource: string | undefined): boolean {
  return (rule.resources ?? []).some(
    r => r === ALL || r === combined || (Boolean(subresource) && r === `*/${subresource}`),
  );
}

/** Rules with resourceNames match only requests that carry one of those names (so never a create). */
function resourceNameMatches(rule: PolicyRule, name: string | undefined): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (name !== undefined && names.includes(name));
}

/** A rule URL ending in `*` matches by prefix; `*` alone matches every path. */
function nonResourceUrlMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    u => u === ALL || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
  );
}

/**
 * Whether one PolicyRule allows a request, with RBAC's matching rules (rbac/validation RuleAllows).
 * @public
 */
export function ruleAllows(attributes: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, attributes.verb)) return false;
  if (!attributes.resourceRequest) return nonResourceUrlMatches(rule, attributes.path);
  const combined = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  return (
    apiGroupMatches(rule, attributes.apiGroup) &&
    resourceMatches(rule, combined, attributes.subresource) &&
    resourceNameMatches(rule, attributes.name)
  );
}

/** The user name of a service account. @public */
export function serviceAccountUserName(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/**
 * Whether a binding's subject is this user. A ServiceAccount subject without a namespace means the
 * binding's own namespace (RoleBindings only; a ClusterRoleBinding's must name one).
 * @public
 */
export function subjectMatches(subject: RbacSubject, user: UserInfo, bindingNamespace: string | undefined): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return Boolean(namespace) && user.name === serviceAccountUserName(namespace!, subject.name);
    }
    default:
      return false;
  }
}
