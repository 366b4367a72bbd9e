/**
 * Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`, Warn when absent), as the
 * API server applies it to create, update and patch bodies: unknown and duplicate fields are refused (Strict),
 * dropped with a `Warning: 299` header each (Warn) or dropped silently (Ignore). Server-side apply
 * words it as its typed conversion does (`.spec.foo: field not declared in schema`).
 */
import { ApiError, badRequest } from '../errors';
import { kindSchemas } from '../openapi/groupVersionDocument';
import { unknownFields } from '../openapi/unknownFields';
import { apiVersionOf } from '../registry/ResourceType';
import { duplicateFieldsOf } from './duplicateFields';
import { HandlerContext } from './HandlerContext';

/** The directives of `fieldValidation`. @internal */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

const DIRECTIVES: FieldValidation[] = ['Ignore', 'Warn', 'Strict'];

/** The request's directive: Warn when absent; 400 for anything else than the three. @internal */
export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation');
  if (value === null || value === '') return 'Warn';
  const directive = DIRECTIVES.find(d => d.toLowerCase() === value.toLowerCase());
  if (!directive) {
    throw badRequest(`fieldValidation parameter unsupported: "${value}". Valid values are Ignore, Warn and Strict`);
  }
  return directive;
}

/** What kind of body is checked: a whole object (create, update), a merge/strategic patch, or an apply configuration. */
export type BodyKind = 'object' | 'patch' | 'apply';

function strictDecodingError(ctx: HandlerContext, problems: string[], bodyKind: BodyKind): ApiError {
  const list = problems.join(', ');
  const { kind } = ctx.scope.type;
  // Creates and updates are decoded whole and say which kind failed; patches report the decoding error alone.
  if (bodyKind === 'object') {
    return badRequest(`${kind} in version "${ctx.scope.version}" cannot be handled as a ${kind}: strict decoding error: ${list}`);
  }
  return badRequest(`strict decoding error: ${list}`);
}

const undeclared = (field: string) => `.${field}: field not declared in schema`;

function undeclaredInApply(ctx: HandlerContext, fields: string[]): ApiError {
  const { group, kind } = ctx.scope.type;
  const gv = group ? apiVersionOf(group, ctx.scope.version) : `/${ctx.scope.version}`;
  return badRequest(`failed to create typed patch object (${gv}, Kind=${kind}): ${fields.map(undeclared).join(', ')}`);
}

/**
 * Checks a write's body for fields its kind's schema does not declare, following the request's
 * directive; mutates the body (drops them) under Warn and Ignore. Kinds without a known schema pass.
 * @internal
 */
export function admitUnknownFields(ctx: HandlerContext, body: unknown, bodyKind: BodyKind): void {
  const directive = fieldValidationOf(ctx.query);
  const schemas = kindSchemas(ctx.scope.type, ctx.scope.version);
  if (!schemas) return;
  const strict = directive === 'Strict';
  const fields = unknownFields(body, schemas.name, schemas.pool, { remove: !strict, patch: bodyKind !== 'object' });
  const duplicates = duplicateFieldsOf(body).map(field => `duplicate field "${field}"`);
  if (fields.length === 0 && duplicates.length === 0) return;
  if (strict && bodyKind === 'apply' && fields.length) throw undeclaredInApply(ctx, fields);
  const problems = [...duplicates, ...fields.map(field => (bodyKind === 'apply' ? undeclared(field) : `unknown field "${field}"`))];
  if (strict) throw strictDecodingError(ctx, problems, bodyKind);
  if (directive === 'Warn') {
    const warnings = problems.map(problem => `299 - ${JSON.stringify(problem)}`);
    const previous = ctx.res.getHeader('Warning');
    const earlier = previous === undefined ? [] : [previous].flat().map(String);
    ctx.res.setHeader('Warning', [...earlier, ...warnings]);
  }
}
