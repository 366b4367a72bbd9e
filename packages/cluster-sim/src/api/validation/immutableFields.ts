import { StatusCause } from '../../errors';
import { canonicalJson, KubeObject } from '../../types';

/**
 * The update rules of built-in kinds that a controller trips over when it tries to "correct"
 * an object in place: fields fixed at creation (k8s.io/kubernetes pkg/apis/*\/validation,
 * ValidateXUpdate). Pods are left out: the simulator's scheduler binds them by update.
 */

const STATEFULSET_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
const STATEFULSET_MESSAGE =
  "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function without(spec: any, keys: string[]): string {
  const copy = { ...(spec ?? {}) };
  for (const key of keys) delete copy[key];
  return canonicalJson(copy);
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function immutable(field: string, value: unknown, message = 'field is immutable'): StatusCause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value ?? null)}: ${message}`, field };
}

/** Every field an update of a built-in object may not change, as 422 causes. @internal */
export function validateImmutableFields(resource: string, previous: KubeObject, next: KubeObject): StatusCause[] {
  const before = previous.spec ?? {};
  const after = next.spec ?? {};
  switch (resource) {
    case 'statefulsets.apps':
      return without(after, STATEFULSET_MUTABLE) === without(before, STATEFULSET_MUTABLE)
        ? []
        : [{ reason: 'FieldValueForbidden', message: STATEFULSET_MESSAGE, field: 'spec' }];
    case 'deployments.apps':
    case 'replicasets.apps':
      return same(after.selector, before.selector) ? [] : [immutable('spec.selector', after.selector)];
    case 'jobs.batch': {
      const causes: StatusCause[] = [];
      if (!same(after.selector, before.selector)) causes.push(immutable('spec.selector', after.selector));
      if (!same(after.template, before.template)) causes.push(immutable('spec.template', after.template));
      if (!same(after.completions, before.completions)) causes.push(immutable('spec.completions', after.completions));
      if (!same(after.completionMode, before.completionMode)) causes.push(immutable('spec.completionMode', after.completionMode));
      return causes;
    }
    case 'services': {
      const wasAllocated = before.clusterIP && before.type !== 'ExternalName' && after.type !== 'ExternalName';
      if (wasAllocated && after.clusterIP !== before.clusterIP) {
        return [immutable('spec.clusterIPs[0]', after.clusterIPs ?? [after.clusterIP], 'may not change once set')];
      }
      return [];
    }
    case 'configmaps':
    case 'secrets':
      return immutableData(previous, next);
    default:
      return [];
  }
}

function immutableData(previous: KubeObject, next: KubeObject): StatusCause[] {
  if (previous.immutable !== true) return [];
  const causes: StatusCause[] = [];
  const forbidden = (field: string) => ({ reason: 'FieldValueForbidden', message: 'Forbidden: field is immutable when `immutable` is set', field });
  if (next.immutable !== true) causes.push(forbidden('immutable'));
  if (!same(next.data, previous.data)) causes.push(forbidden('data'));
  if (!same(next.binaryData, previous.binaryData)) causes.push(forbidden('binaryData'));
  return causes;
}
