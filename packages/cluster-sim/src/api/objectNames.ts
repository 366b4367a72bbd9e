import { randomBytes } from 'node:crypto';
import { StatusCause } from '../errors';
import { KubeObject } from '../types';
import {
  dns1035LabelErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  labelValueErrors,
  pathSegmentNameErrors,
  qualifiedNameErrors,
} from './validation/nameRules';

/** How each kind's names are checked; every other kind's name is a DNS-1123 subdomain. */
const NAME_RULES: Record<string, (name: string) => string[]> = {
  namespaces: dns1123LabelErrors,
  services: dns1035LabelErrors,
  // v1.32 checks StatefulSet names as DNS labels (their pods' hostnames derive from them).
  'statefulsets.apps': dns1123LabelErrors,
  'roles.rbac.authorization.k8s.io': pathSegmentNameErrors,
  'clusterroles.rbac.authorization.k8s.io': pathSegmentNameErrors,
  'rolebindings.rbac.authorization.k8s.io': pathSegmentNameErrors,
  'clusterrolebindings.rbac.authorization.k8s.io': pathSegmentNameErrors,
};

/** The total size of an object's annotations, keys and values in bytes. */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A name from `generateName`: the prefix plus five random characters, as the API server makes them. @internal */
export function generateNameFrom(prefix: string): string {
  const bytes = randomBytes(5);
  let suffix = '';
  for (const byte of bytes) suffix += SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length];
  return `${prefix.slice(0, 58)}${suffix}`;
}

/** Validates the name, labels and annotations of an object, as ValidateObjectMeta does. @internal */
export function validateObjectMeta(resource: string, object: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const invalid = (field: string, value: unknown, message: string) =>
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${message}`, field });
  const name = object.metadata.name ?? '';
  if (!name) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  } else {
    for (const message of (NAME_RULES[resource] ?? dns1123SubdomainErrors)(name)) invalid('metadata.name', name, message);
  }
  const labels = object.metadata.labels ?? {};
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    causes.push({ reason: 'FieldValueTypeInvalid', message: 'Invalid value: labels must be a map of strings', field: 'metadata.labels' });
  } else {
    for (const [key, value] of Object.entries(labels)) {
      for (const message of qualifiedNameErrors(key)) invalid('metadata.labels', key, message);
      if (typeof value !== 'string') {
        causes.push({ reason: 'FieldValueTypeInvalid', message: `Invalid value: label "${key}" must be a string`, field: 'metadata.labels' });
        continue;
      }
      for (const message of labelValueErrors(value)) invalid('metadata.labels', value, message);
    }
  }
  const annotations = object.metadata.annotations ?? {};
  let annotationBytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    for (const message of qualifiedNameErrors(key.toLowerCase())) invalid('metadata.annotations', key, message);
    if (typeof value !== 'string') {
      causes.push({ reason: 'FieldValueTypeInvalid', message: `Invalid value: annotation "${key}" must be a string`, field: 'metadata.annotations' });
      continue;
    }
    annotationBytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (annotationBytes > TOTAL_ANNOTATION_SIZE_LIMIT) {
    causes.push({ reason: 'FieldValueTooLong', message: `Too long: may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`, field: 'metadata.annotations' });
  }
  return causes;
}
