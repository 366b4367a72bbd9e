/**
 * The shape checks kube-apiserver makes of a JSON patch body before applying it
 * (apiserver pkg/endpoints/handlers/patch.go, v1.32): a list of operations, at most 10000 of them.
 */
import { Operation } from 'fast-json-patch';
import { ApiError, badRequest } from '../errors';

/** `maxJSONPatchOperations` of the API server. @internal */
export const MAX_JSON_PATCH_OPERATIONS = 10_000;

/** The operations of a JSON patch body; 400 when it is not a list, 413 when it has more than the server allows. @internal */
export function jsonPatchOperations(patch: unknown): Operation[] {
  if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new ApiError(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`,
    );
  }
  return patch as Operation[];
}
