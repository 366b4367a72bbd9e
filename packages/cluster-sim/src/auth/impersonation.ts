import { IncomingMessage } from 'node:http';
import { AuthorizationAttributes, UserInfo } from './attributes';
import { AUTHENTICATED_GROUP } from './bootstrapPolicy';

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

function headerValues(req: IncomingMessage, name: string): string[] {
  const value = req.headers[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : String(value).split(',')).map(v => v.trim()).filter(Boolean);
}

/**
 * The identity a request asks to act as (`Impersonate-User`, `Impersonate-Group`, as `kubectl --as`
 * and `--as-group` send them), with the `impersonate` checks the caller must pass first; undefined
 * when the request impersonates no one. An impersonated service account gets its groups, like
 * on a real server; every impersonated user gets `system:authenticated`.
 * @internal
 */
export function impersonationOf(req: IncomingMessage): { user: UserInfo; checks: AuthorizationAttributes[] } | undefined {
  const [name] = headerValues(req, 'impersonate-user');
  const groups = headerValues(req, 'impersonate-group');
  if (!name) return undefined;
  const checks: AuthorizationAttributes[] = [];
  const impersonated: string[] = [...groups];
  if (name.startsWith(SERVICE_ACCOUNT_PREFIX)) {
    const [namespace, account] = name.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
    checks.push({ resourceRequest: true, verb: 'impersonate', apiGroup: '', apiVersion: 'v1', resource: 'serviceaccounts', namespace, name: account });
    if (groups.length === 0) impersonated.push('system:serviceaccounts', `system:serviceaccounts:${namespace}`);
  } else {
    checks.push({ resourceRequest: true, verb: 'impersonate', apiGroup: '', apiVersion: 'v1', resource: 'users', name });
  }
  for (const group of groups) {
    checks.push({ resourceRequest: true, verb: 'impersonate', apiGroup: '', apiVersion: 'v1', resource: 'groups', name: group });
  }
  if (name !== 'system:anonymous' && !impersonated.includes(AUTHENTICATED_GROUP)) impersonated.push(AUTHENTICATED_GROUP);
  return { user: { name, groups: impersonated }, checks };
}
