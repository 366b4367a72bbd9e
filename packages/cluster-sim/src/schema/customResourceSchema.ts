import { StatusCause } from '../errors';
import { KubeObject } from '../types';
import { applySchemaDefaults, JsonSchema, pruneUnknownFields, validateAgainstSchema } from './structuralSchema';

/** The root fields every object has, which a CRD schema does not need to declare. */
const ROOT_FIELDS = ['apiVersion', 'kind', 'metadata'];

function bodySchema(schema: JsonSchema): JsonSchema {
  const properties = { ...(schema.properties ?? {}) };
  for (const field of ROOT_FIELDS) delete properties[field];
  return { ...schema, properties };
}

/**
 * Prunes, defaults and validates a custom resource against its version's schema, as the API
 * server does on every write. Mutates the object; returns the validation failures.
 * @internal
 */
export function admitCustomResource(
  schema: JsonSchema | undefined,
  object: KubeObject,
  preserveUnknownFields: boolean,
): StatusCause[] {
  if (!schema) return [];
  const root = bodySchema(schema);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (!ROOT_FIELDS.includes(key)) body[key] = value;
  if (!preserveUnknownFields) pruneUnknownFields(root, body);
  applySchemaDefaults(root, body);
  for (const key of Object.keys(object)) if (!ROOT_FIELDS.includes(key)) delete object[key];
  Object.assign(object, body);
  // Paths start without a leading dot ("spec.size"), as the API server reports them.
  return validateAgainstSchema(root, body, '').map(cause => ({
    ...cause,
    field: cause.field?.replace(/^\./, ''),
    message: cause.message?.replace(/: \.(\S)/, ': $1'),
  }));
}
