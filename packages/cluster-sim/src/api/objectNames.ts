import { randomBytes } from 'node:crypto';
import { StatusCause } from '../errors';
import { KubeObject } from '../types';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Resources whose names must be DNS labels rather than subdomains. */
const LABEL_NAMED = new Set(['namespaces', 'services']);

/** RBAC objects only need names usable as a path segment (`system:discovery` is valid). */
const PATH_SEGMENT_NAMED = new Set([
  'roles.rbac.authorization.k8s.io',
  'clusterroles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io',
  'clusterrolebindings.rbac.authorization.k8s.io',
]);

/** Why a name is not a valid path segment (apimachinery path.IsValidPathSegmentName), if it is not. */
function pathSegmentProblem(name: string): string | undefined {
  if (name === '.' || name === '..') return `may not be '${name}'`;
  if (name.includes('/')) return "may not contain '/'";
  if (name.includes('%')) return "may not contain '%'";
  return undefined;
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A name from `generateName`: the prefix plus five random characters, as the API server makes them. @internal */
export function generateNameFrom(prefix: string): string {
  const bytes = randomBytes(5);
  let suffix = '';
  for (const byte of bytes) suffix += SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length];
  return `${prefix.slice(0, 58)}${suffix}`;
}

/** Validates the name, labels and annotations of an object. @internal */
export function validateObjectMeta(resource: string, object: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = object.metadata.name ?? '';
  if (!name) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  } else if (PATH_SEGMENT_NAMED.has(resource)) {
    const problem = pathSegmentProblem(name);
    if (problem) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${problem}`, field: 'metadata.name' });
  } else if (LABEL_NAMED.has(resource)) {
    if (!DNS_LABEL.test(name) || name.length > 63) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
        field: 'metadata.name',
      });
    }
  } else if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      field: 'metadata.name',
    });
  }
  for (const [key, value] of Object.entries(object.metadata.labels ?? {})) {
    const keyName = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
    if (!QUALIFIED_NAME.test(keyName) || keyName.length > 63) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        field: 'metadata.labels',
      });
    }
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
        field: 'metadata.labels',
      });
    }
  }
  const annotationBytes = Object.entries(object.metadata.annotations ?? {}).reduce((n, [k, v]) => n + k.length + String(v).length, 0);
  if (annotationBytes > 256 * 1024) {
    causes.push({ reason: 'FieldValueTooLong', message: 'Too long: must have at most 262144 bytes', field: 'metadata.annotations' });
  }
  for (const [key, value] of Object.entries(object.metadata.annotations ?? {})) {
    if (typeof value !== 'string') {
      causes.push({ reason: 'FieldValueTypeInvalid', message: `Invalid value: annotation "${key}" must be a string`, field: 'metadata.annotations' });
    }
  }
  return causes;
}
