import { RequestScope } from '../api/ResourceApi';
import { ApiError } from '../errors';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { KubeObject, OwnerReference } from '../types';
import { AuthorizationAttributes, UserInfo } from './attributes';
import { AuthorizationLog } from './AuthorizationLog';
import { forbiddenError } from './forbidden';
import { RbacAuthorizer } from './RbacAuthorizer';
import { currentRequestUser } from './requestUser';

function ownerReferencesOf(object: KubeObject | undefined): OwnerReference[] {
  return (object?.metadata.ownerReferences ?? []) as OwnerReference[];
}

function sameReference(a: OwnerReference, b: OwnerReference): boolean {
  return a.uid === b.uid && a.apiVersion === b.apiVersion && a.kind === b.kind && a.name === b.name;
}

/** blockOwnerDeletion references that are new, or were there without blocking. */
function newBlockingReferences(next: KubeObject, previous: KubeObject | undefined): OwnerReference[] {
  const before = ownerReferencesOf(previous);
  return ownerReferencesOf(next).filter(
    ref => ref.blockOwnerDeletion && !before.some(old => old.blockOwnerDeletion && old.uid === ref.uid),
  );
}

function ownerReferencesChanged(next: KubeObject, previous: KubeObject | undefined): boolean {
  const after = ownerReferencesOf(next);
  const before = ownerReferencesOf(previous);
  return after.length !== before.length || after.some((ref, i) => !sameReference(ref, before[i]) || Boolean(ref.blockOwnerDeletion) !== Boolean(before[i].blockOwnerDeletion));
}

/**
 * kube-apiserver's OwnerReferencesPermissionEnforcement admission, switched on here although a
 * plain kube-apiserver leaves it off (OpenShift and hardened clusters turn it on), so code that
 * works here works there too: a request that changes an object's ownerReferences passes if its
 * user may delete that object; otherwise each new `blockOwnerDeletion: true` reference needs
 * `update` on the owner's `finalizers` subresource, else 403. Writes of the simulated controllers
 * (no request user) and of `system:masters` pass. The checks are recorded in the authorization log
 * as `admission` decisions.
 * @internal
 */
export function ownerReferencesPermissionEnforcement(deps: {
  authorizer: RbacAuthorizer;
  registry: ResourceRegistry;
  log?: AuthorizationLog;
}): (scope: RequestScope, next: KubeObject, previous: KubeObject | undefined) => void {
  const check = (user: UserInfo, attributes: AuthorizationAttributes) => {
    const decision = deps.authorizer.authorize(user, attributes);
    deps.log?.record(user, attributes, decision.allowed, 'admission');
    return decision;
  };
  return (scope, next, previous) => {
    const user = currentRequestUser();
    if (!user || !ownerReferencesChanged(next, previous)) return;
    const name = next.metadata.name;
    const deleteObject: AuthorizationAttributes = {
      resourceRequest: true,
      verb: 'delete',
      apiGroup: scope.type.group,
      apiVersion: scope.version,
      resource: scope.type.plural,
      ...(scope.subresource ? { subresource: scope.subresource } : {}),
      ...(scope.namespace ? { namespace: scope.namespace } : {}),
      ...(name ? { name } : {}),
    };
    if (check(user, deleteObject).allowed) return;
    for (const ref of newBlockingReferences(next, previous)) {
      const [group, version] = ref.apiVersion.includes('/') ? ref.apiVersion.split('/') : ['', ref.apiVersion];
      const owner = deps.registry.byKind(group, ref.kind);
      if (!owner) {
        throw new ApiError(422, 'Invalid', `cannot set blockOwnerDeletion in this case because cannot find RESTMapping for APIVersion ${ref.apiVersion} Kind ${ref.kind}`);
      }
      const finalizers: AuthorizationAttributes = {
        resourceRequest: true,
        verb: 'update',
        apiGroup: group,
        apiVersion: version,
        resource: owner.plural,
        subresource: 'finalizers',
        ...(scope.namespace ? { namespace: scope.namespace } : {}),
        name: ref.name,
      };
      const decision = check(user, finalizers);
      if (!decision.allowed) {
        const why = forbiddenError(user, finalizers).message.replace(/^.*? is forbidden: /, '');
        const target = scope.type.group ? `${scope.type.plural}.${scope.type.group}` : scope.type.plural;
        throw new ApiError(
          403,
          'Forbidden',
          `${target} "${name ?? ''}" is forbidden: cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on: ${why}`,
          { ...(name ? { name } : {}), ...(scope.type.group ? { group: scope.type.group } : {}), kind: scope.type.plural },
        );
      }
    }
  };
}
