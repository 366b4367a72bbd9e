import { ApiError } from '../errors';
import { AuthorizationAttributes, UserInfo } from './attributes';

/**
 * The 403 a real server sends for a refused request (apiserver responsewriters.Forbidden): the
 * message names the user, verb, resource (with its subresource), API group and namespace or
 * cluster scope; `details.kind` is the resource without the subresource, and the name is given
 * when the request had one. A non-resource request reads `forbidden: User "…" cannot get path "/x"`.
 * @public
 */
export function forbiddenError(user: UserInfo, attributes: AuthorizationAttributes, reason = ''): ApiError {
  const suffix = reason ? `: ${reason}` : '';
  if (!attributes.resourceRequest) {
    return new ApiError(403, 'Forbidden', `forbidden: User "${user.name}" cannot ${attributes.verb} path "${attributes.path}"${suffix}`, {});
  }
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const where = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  const why = `User "${user.name}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.apiGroup}" ${where}${suffix}`;
  const qualified = attributes.apiGroup ? `${attributes.resource}.${attributes.apiGroup}` : attributes.resource;
  const subject = attributes.name ? `${qualified} "${attributes.name}"` : qualified;
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: ${why}`, {
    ...(attributes.name ? { name: attributes.name } : {}),
    ...(attributes.apiGroup ? { group: attributes.apiGroup } : {}),
    kind: attributes.resource,
  });
}
