import { RequestScope } from '../api/ResourceApi';
import { invalid, StatusCause } from '../errors';
import { KubeObject } from '../types';
import { RBAC_STORAGE_KEYS } from './RbacAuthorizer';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'];

function required(field: string, message = 'Required value'): StatusCause {
  return { reason: 'FieldValueRequired', field, message };
}

function unsupported(field: string, value: unknown, supported: string[]): StatusCause {
  return {
    reason: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map(s => JSON.stringify(s)).join(', ')}`,
  };
}

function ruleCauses(rules: unknown, namespaced: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  (Array.isArray(rules) ? rules : []).forEach((rule: Record<string, string[] | undefined>, i) => {
    const at = `rules[${i}]`;
    if (!rule?.verbs?.length) causes.push(required(`${at}.verbs`, 'Required value: verbs must contain at least one value'));
    if (rule?.nonResourceURLs?.length) {
      if (namespaced) {
        causes.push({ reason: 'FieldValueInvalid', field: `${at}.nonResourceURLs`, message: `Invalid value: ${JSON.stringify(rule.nonResourceURLs)}: namespaced rules cannot apply to non-resource URLs` });
      }
      if (rule.apiGroups?.length || rule.resources?.length) {
        causes.push({ reason: 'FieldValueInvalid', field: `${at}.nonResourceURLs`, message: `Invalid value: ${JSON.stringify(rule.nonResourceURLs)}: rules cannot apply to both regular resources and non-resource URLs` });
      }
      return;
    }
    if (!rule?.apiGroups?.length) causes.push(required(`${at}.apiGroups`, 'Required value: resource rules must supply at least one api group'));
    if (!rule?.resources?.length) causes.push(required(`${at}.resources`, 'Required value: resource rules must supply at least one resource'));
  });
  return causes;
}

function bindingCauses(binding: KubeObject, clusterScoped: boolean, previous: KubeObject | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  const roleRef = binding.roleRef as { apiGroup?: string; kind?: string; name?: string } | undefined;
  if (roleRef?.apiGroup !== RBAC_GROUP) causes.push(unsupported('roleRef.apiGroup', roleRef?.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = clusterScoped ? ['ClusterRole'] : ['ClusterRole', 'Role'];
  if (!kinds.includes(String(roleRef?.kind))) causes.push(unsupported('roleRef.kind', roleRef?.kind ?? '', kinds));
  if (!roleRef?.name) causes.push(required('roleRef.name'));
  if (previous && JSON.stringify(previous.roleRef) !== JSON.stringify(binding.roleRef)) {
    causes.push({ reason: 'FieldValueInvalid', field: 'roleRef', message: `Invalid value: ${JSON.stringify(binding.roleRef)}: cannot change roleRef` });
  }
  ((binding.subjects ?? []) as Array<Record<string, string | undefined>>).forEach((subject, i) => {
    const at = `subjects[${i}]`;
    if (!SUBJECT_KINDS.includes(String(subject?.kind))) {
      causes.push(unsupported(`${at}.kind`, subject?.kind ?? '', SUBJECT_KINDS));
      return;
    }
    if (!subject.name) causes.push(required(`${at}.name`));
    if (subject.kind === 'ServiceAccount') {
      if (subject.apiGroup) causes.push(unsupported(`${at}.apiGroup`, subject.apiGroup, ['']));
      // A RoleBinding's ServiceAccount defaults to the binding's namespace; a ClusterRoleBinding has none.
      if (clusterScoped && !subject.namespace) causes.push(required(`${at}.namespace`));
    } else if ((subject.apiGroup ?? '') !== RBAC_GROUP) {
      causes.push(unsupported(`${at}.apiGroup`, subject.apiGroup ?? '', [RBAC_GROUP]));
    }
  });
  return causes;
}

/**
 * The API server's validation of Roles, ClusterRoles and their bindings (pkg/apis/rbac/validation):
 * rules need verbs and either resources with API groups or (cluster roles only) non-resource URLs;
 * a binding's roleRef names a Role or ClusterRole of rbac.authorization.k8s.io and never changes;
 * subjects are Users, Groups or ServiceAccounts (with a namespace in a ClusterRoleBinding). 422 otherwise.
 * @internal
 */
export function validateRbacObject(scope: RequestScope, next: KubeObject, previous: KubeObject | undefined): void {
  const key = scope.type.group ? `${scope.type.plural}.${scope.type.group}` : scope.type.plural;
  let causes: StatusCause[];
  switch (key) {
    case RBAC_STORAGE_KEYS.roles:
      causes = ruleCauses(next.rules, true);
      break;
    case RBAC_STORAGE_KEYS.clusterRoles:
      causes = ruleCauses(next.rules, false);
      break;
    case RBAC_STORAGE_KEYS.roleBindings:
      causes = bindingCauses(next, false, previous);
      break;
    case RBAC_STORAGE_KEYS.clusterRoleBindings:
      causes = bindingCauses(next, true, previous);
      break;
    default:
      return;
  }
  if (causes.length) {
    throw invalid({ group: RBAC_GROUP, resource: scope.type.plural, kind: scope.type.kind, name: next.metadata.name }, causes);
  }
}
