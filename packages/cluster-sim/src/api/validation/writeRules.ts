import { ApiError, invalid, StatusCause } from '../../errors';
import { storageKeyOf } from '../../registry/ResourceType';
import { KubeObject } from '../../types';
import type { PatchType, RequestScope } from '../ResourceApi';

/**
 * Request-level rules a real API server checks before touching storage: which kinds refuse
 * an update without `metadata.resourceVersion`, and the options a patch must carry.
 */

/** Built-in kinds whose update strategy refuses unconditional updates (custom resources do too). */
const CONDITIONAL_UPDATE_ONLY = new Set(['leases.coordination.k8s.io', 'customresourcedefinitions.apiextensions.k8s.io']);

/** Throws 422 when an update of a kind that needs it has no resourceVersion. @internal */
export function requireResourceVersionForUpdate(scope: RequestScope, object: KubeObject): void {
  if (object.metadata.resourceVersion) return;
  if (!scope.type.crd && !CONDITIONAL_UPDATE_ONLY.has(storageKeyOf(scope.type))) return;
  throw invalid({ group: scope.type.group, resource: scope.type.plural, kind: scope.type.kind, name: object.metadata.name }, [
    { reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update', field: 'metadata.resourceVersion' },
  ]);
}

const FIELD_MANAGER_MAX_LENGTH = 128;

/** The values of `fieldValidation` a server accepts, as ValidateFieldValidation lists them (sorted, case-sensitive). */
const FIELD_VALIDATION_VALUES = ['', 'Ignore', 'Strict', 'Warn'];

/** The cause a `fieldValidation` query parameter gives, if its value is not one the server knows. @internal */
export function fieldValidationCause(value: string | undefined): StatusCause | undefined {
  if (value === undefined || FIELD_VALIDATION_VALUES.includes(value)) return undefined;
  const supported = FIELD_VALIDATION_VALUES.map(v => JSON.stringify(v)).join(', ');
  return { reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported}`, field: 'fieldValidation' };
}

/** The 422 of options that fail validation: `PatchOptions.meta.k8s.io "" is invalid: …`. @internal */
export function invalidOptions(kind: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions', causes: StatusCause[]): ApiError {
  const list = causes.map(c => `${c.field}: ${c.message}`);
  return new ApiError(422, 'Invalid', `${kind}.meta.k8s.io "" is invalid: ${list.length === 1 ? list[0] : `[${list.join(', ')}]`}`, {
    group: 'meta.k8s.io',
    kind,
    causes,
  });
}

/** Throws 422 `PatchOptions.meta.k8s.io "" is invalid` as ValidatePatchOptions does. @internal */
export function validatePatchOptions(patchType: PatchType, options: { fieldManager?: string; forceGiven?: boolean; fieldValidation?: string }): void {
  const causes: StatusCause[] = [];
  if (patchType !== 'apply') {
    if (options.forceGiven) causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' });
  } else if (!options.fieldManager) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' });
  }
  if ((options.fieldManager?.length ?? 0) > FIELD_MANAGER_MAX_LENGTH) {
    causes.push({ reason: 'FieldValueTooLong', message: `Too long: may not be more than ${FIELD_MANAGER_MAX_LENGTH} bytes`, field: 'fieldManager' });
  }
  const fieldValidation = fieldValidationCause(options.fieldValidation);
  if (fieldValidation) causes.push(fieldValidation);
  if (!causes.length) return;
  throw invalidOptions('PatchOptions', causes);
}
