/**
 * Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`, Warn when absent), as the
 * API server applies it to create, update and patch bodies: unknown and duplicate fields are refused (Strict),
 * dropped with a `Warning: 299` header each (Warn) or dropped silently (Ignore). Server-side apply
 * refuses them whatever the directive, as its typed conversion does (`.spec.foo: field not declared in schema`).
 *
 * JSON, merge and strategic-merge patches are checked as kube-apiserver v1.32 checks them
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go): the patch body only for duplicate
 * fields (and, for a JSON patch, operation keys other than op/path/from/value), the patched object
 * for unknown fields, as it is decoded into its kind; Strict failures are a 422 about the field `patch`.
 */
import { ApiError, badRequest } from '../errors';
import { fieldValidationCause, invalidOptions } from '../api/validation/writeRules';
import { PatchType } from '../api/ResourceApi';
import { kindSchemas } from '../openapi/groupVersionDocument';
import { builtinComponents, builtinKindSchemaName } from '../openapi/builtinSchemas';
import { OpenApiSchema } from '../openapi/openApiTypes';
import { unknownFields } from '../openapi/unknownFields';
import { applyErrorPath } from '../api/fieldPaths';
import { JsonSchema } from '../schema/structuralSchema';
import { apiVersionOf } from '../registry/ResourceType';
import { duplicateFieldsOf } from './duplicateFields';
import { HandlerContext } from './HandlerContext';
import { goJson, goValueString, withSortedKeys } from './goFormat';

/** The directives of `fieldValidation`. @internal */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

/** The options type a write's query parameters are decoded (and validated) as. */
function optionsKindOf(method: string | undefined): 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' {
  if (method === 'POST') return 'CreateOptions';
  return method === 'PUT' ? 'UpdateOptions' : 'PatchOptions';
}

/**
 * The request's directive: Warn when absent. Any other value than the three (spelt exactly so) is a
 * 422 about the request's options, as ValidateFieldValidation (apimachinery meta/v1/validation) makes it.
 * @internal
 */
export function fieldValidationOf(ctx: Pick<HandlerContext, 'query' | 'req'>): FieldValidation {
  const value = ctx.query.get('fieldValidation') ?? '';
  const cause = fieldValidationCause(value);
  if (cause) throw invalidOptions(optionsKindOf(ctx.req.method), [cause]);
  return value === '' ? 'Warn' : (value as FieldValidation);
}

/** What kind of body is checked: a whole object (create, update) or an apply configuration. */
export type BodyKind = 'object' | 'apply';

/**
 * The type a body is decoded into: the request's kind, or another one a subresource speaks
 * (autoscaling/v1 Scale). Undefined schemas: the kind is not known, so nothing is checked.
 * @internal
 */
export interface DecodeTarget {
  group: string;
  version: string;
  kind: string;
  schemas: { name: string; pool: Record<string, OpenApiSchema> } | undefined;
  /** A custom resource, whose decoder reports unknown fields in its own order. */
  custom?: boolean;
}

function requestTarget(ctx: HandlerContext): DecodeTarget {
  const { group, kind, crd } = ctx.scope.type;
  return { group, kind, version: ctx.scope.version, schemas: kindSchemas(ctx.scope.type, ctx.scope.version), custom: Boolean(crd) };
}

/**
 * The unknown fields in the order the server reports them. A built-in kind's decoder meets them
 * as it reads; a custom resource's reports ObjectMeta's first, then what structural pruning
 * removed, sorted as strings (apiextensions-apiserver customresource_handler.go, pruning/algorithm.go).
 */
function reportOrder(target: DecodeTarget, fields: string[]): string[] {
  if (!target.custom) return fields;
  const isMeta = (field: string) => field.startsWith('metadata.');
  return [...fields.filter(isMeta), ...fields.filter(field => !isMeta(field)).sort()];
}

/** autoscaling/v1 Scale, which the `/scale` subresource reads and writes whatever the resource's kind. @internal */
export function scaleTarget(): DecodeTarget {
  const scale = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
  const name = builtinKindSchemaName(scale, scale.version);
  return { ...scale, schemas: name ? { name, pool: builtinComponents() } : undefined };
}

function strictDecodingError(target: DecodeTarget, problems: string[]): ApiError {
  const { kind, version } = target;
  return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${problems.join(', ')}`);
}

const undeclared = (path: string) => `${path}: field not declared in schema`;

/** A GroupVersionKind as Go's String() writes it: `apps/v1, Kind=Deployment`, `/v1, Kind=ConfigMap`. */
function gvkString(apiVersion: string, kind: string): string {
  const gv = apiVersion.includes('/') ? apiVersion : `/${apiVersion}`;
  return `${gv}, Kind=${kind}`;
}

/**
 * An apply configuration is converted to its kind's typed form whatever the directive (apimachinery
 * managedfields/internal/structuredmerge.go): a field the schema does not declare fails the request.
 * kube-apiserver 1.32 answers that plain Go error as a 500 without a reason (kubernetes/kubernetes#122480,
 * #139253), naming the object as `namespace/name; group/version, Kind=…` and listing the fields as
 * structured-merge-diff does (one, or `errors:` and one per line).
 */
function undeclaredInApply(ctx: HandlerContext, target: DecodeTarget, body: unknown, fields: string[]): ApiError {
  const object = (body ?? {}) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const text = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);
  const fallbackVersion = target.group ? apiVersionOf(target.group, target.version) : target.version;
  const gvk = gvkString(text(object.apiVersion, fallbackVersion), text(object.kind, target.kind));
  const names = `${text(object.metadata?.namespace)}/${text(object.metadata?.name)}`;
  const { crd } = ctx.scope.type;
  const schema = crd?.schemas[target.version] as JsonSchema | undefined;
  const paths = fields.map(field => applyErrorPath(body, field, schema, !crd));
  const errors = paths.length === 1 ? undeclared(paths[0]) : ['errors:', ...paths.map(path => `  ${undeclared(path)}`)].join('\n');
  return new ApiError(500, '', `failed to create typed patch object (${names}; ${gvk}): ${errors}`);
}

function addWarnings(ctx: HandlerContext, problems: string[]): void {
  const warnings = problems.map(problem => `299 - ${JSON.stringify(problem)}`);
  const previous = ctx.res.getHeader('Warning');
  const earlier = previous === undefined ? [] : [previous].flat().map(String);
  ctx.res.setHeader('Warning', [...earlier, ...warnings]);
}

/**
 * Checks a create, update or apply body for fields its kind's schema does not declare, following the
 * request's directive; mutates a create or update body (drops them) under Warn and Ignore; refuses
 * an apply body's under every directive. Kinds without a known schema pass.
 * @internal
 */
export function admitUnknownFields(ctx: HandlerContext, body: unknown, bodyKind: BodyKind, target = requestTarget(ctx)): void {
  const directive = fieldValidationOf(ctx);
  if (!target.schemas) return;
  const strict = directive === 'Strict';
  if (bodyKind === 'apply') {
    // (An apply body is YAML, whose parser refuses duplicate keys outright.)
    const undeclaredFields = unknownFields(body, target.schemas.name, target.schemas.pool);
    if (undeclaredFields.length) throw undeclaredInApply(ctx, target, body, undeclaredFields);
    return;
  }
  const fields = reportOrder(target, unknownFields(body, target.schemas.name, target.schemas.pool, { remove: !strict }));
  const duplicates = duplicateFieldsOf(body).map(field => `duplicate field "${field}"`);
  if (fields.length === 0 && duplicates.length === 0) return;
  const problems = [...duplicates, ...fields.map(field => `unknown field "${field}"`)];
  if (strict) throw strictDecodingError(target, problems);
  if (directive === 'Warn') addWarnings(ctx, problems);
}

/** The keys of a JSON patch operation, as the server's strict decoding of the operations knows them. */
const JSON_PATCH_OP_KEYS = new Set(['op', 'path', 'from', 'value']);

/** What strict decoding of the patch body itself finds: duplicate fields, and unknown keys of JSON patch operations. */
function patchBodyProblems(patchType: Exclude<PatchType, 'apply'>, patch: unknown): string[] {
  const duplicates = duplicateFieldsOf(patch).map(field => `duplicate field "${field}"`);
  if (patchType !== 'json') return duplicates;
  const unknownKeys = (Array.isArray(patch) ? patch : []).flatMap((op, index) =>
    op && typeof op === 'object' && !Array.isArray(op) ? Object.keys(op).filter(key => !JSON_PATCH_OP_KEYS.has(key)).map(key => `unknown field "[${index}].${key}"`) : [],
  );
  // The server decodes the operations in one pass; its errors say where they come from.
  return [...duplicates, ...unknownKeys].map(problem => `json patch ${problem}`);
}

/** The 422 a Strict patch gets: an invalid `patch`, whose value is the patched object (JSON and merge) or the patch (strategic). */
function invalidPatch(value: string, problems: string[]): ApiError {
  const detail = `Invalid value: ${JSON.stringify(value)}: strict decoding error: ${problems.join(', ')}`;
  return new ApiError(422, 'Invalid', ` "" is invalid: patch: ${detail}`, { causes: [{ reason: 'FieldValueInvalid', message: detail, field: 'patch' }] });
}

/**
 * Checks the result of a JSON, merge or strategic-merge patch as the server decodes it into its kind:
 * unknown fields of the patched object (and duplicate fields in the patch body) are refused with a 422
 * under Strict, warned about under Warn; unknown fields are dropped from `patched` under Warn and Ignore.
 * @internal
 */
export function admitPatchedObject(
  ctx: HandlerContext,
  patchType: Exclude<PatchType, 'apply'>,
  patch: unknown,
  patched: unknown,
  target = requestTarget(ctx),
): void {
  const directive = fieldValidationOf(ctx);
  const strict = directive === 'Strict';
  // Under Ignore the server decodes leniently: nothing is reported, unknown fields just do not survive.
  const bodyProblems = directive === 'Ignore' ? [] : patchBodyProblems(patchType, patch);
  const { schemas } = target;
  const found = schemas ? unknownFields(patched, schemas.name, schemas.pool) : [];
  if (found.length === 0 && bodyProblems.length === 0) return;
  // The server decodes the patched object from Go maps, so it meets (and reports) fields in sorted order.
  const sorted = withSortedKeys(patched);
  const fields = schemas && found.length ? reportOrder(target, unknownFields(sorted, schemas.name, schemas.pool)) : [];
  if (schemas && fields.length && !strict) unknownFields(patched, schemas.name, schemas.pool, { remove: true });
  const problems = [...bodyProblems, ...fields.map(field => `unknown field "${field}"`)];
  if (directive === 'Ignore') return;
  if (strict) throw invalidPatch(patchType === 'strategic' ? goValueString(patch) : goJson(sorted), problems);
  addWarnings(ctx, problems);
}
