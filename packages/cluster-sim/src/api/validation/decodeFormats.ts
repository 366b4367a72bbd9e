import { ApiError, badRequest } from '../../errors';
import { storageKeyOf } from '../../registry/ResourceType';
import { KubeObject } from '../../types';
import type { RequestScope } from '../ResourceApi';
import { dropOmittedEmptyFields } from './omitEmpty';
import { decodeQuantityFields } from './quantityFields';
import { decodeTimeFields } from './timeFields';

/** How the object reached the server: a request body (create, update) or the result of a patch. @internal */
export type DecodeSource = 'body' | 'patch';

/**
 * Decodes the typed fields of a built-in object as the API server's JSON decoder does (times,
 * micro-times, quantities, and the empty `omitempty` fields the Go round trip drops), rewriting them
 * in stored form in place. Custom resources are left to
 * their structural schema. A failure is the server's answer: 400 for a request body, naming the
 * kind and version; 422 on the `patch` field for a patch whose result does not decode.
 * @internal
 */
export function decodeFormats(scope: RequestScope, object: KubeObject, source: DecodeSource): void {
  if (scope.type.crd) return;
  const resource = storageKeyOf(scope.type);
  dropOmittedEmptyFields(scope.type, scope.version, object);
  try {
    decodeTimeFields(resource, object, { builtin: true });
    decodeQuantityFields(resource, object);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (source === 'body') {
      const { kind } = scope.type;
      throw badRequest(`${kind} in version "${scope.version}" cannot be handled as a ${kind}: ${reason}`);
    }
    throw invalidPatch(object, reason);
  }
}

/** The 422 a real server gives when a patched object cannot be decoded (its group and kind are empty). */
function invalidPatch(patched: KubeObject, reason: string): ApiError {
  const message = `Invalid value: ${JSON.stringify(JSON.stringify(patched))}: ${reason}`;
  return new ApiError(422, 'Invalid', ` "" is invalid: patch: ${message}`, {
    causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }],
  });
}
