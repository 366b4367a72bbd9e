/**
 * Finds (and optionally removes) the fields of an object that its kind's schema does not declare,
 * with the paths the API server reports them by: `spec.template.spec.containers[0].imagee`.
 */
import { OpenApiSchema, refName } from './openApiTypes';

/**
 * How to walk. The value is a whole object (a body, or the result of a patch): with `remove`, the
 * fields found are deleted from it, as decoding into the kind's type drops them.
 * @internal
 */
export interface UnknownFieldOptions {
  remove?: boolean;
}

function resolve(schema: OpenApiSchema | undefined, pool: Record<string, OpenApiSchema>): OpenApiSchema | undefined {
  let current = schema;
  for (let hops = 0; current && hops < 16; hops++) {
    const name = refName(current) ?? (current.allOf?.length === 1 ? refName(current.allOf[0]) : undefined);
    if (!name) return current;
    current = pool[name];
  }
  return current;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Object meta fields an embedded resource may carry without declaring them. */
const EMBEDDED_ROOT_FIELDS = ['apiVersion', 'kind', 'metadata'];

function walk(
  schema: OpenApiSchema | undefined,
  value: unknown,
  path: string,
  pool: Record<string, OpenApiSchema>,
  options: UnknownFieldOptions,
  found: string[],
): void {
  const resolved = resolve(schema, pool);
  if (!resolved || value === null || typeof value !== 'object') return;
  if (resolved['x-kubernetes-int-or-string']) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(resolved.items, item, `${path}[${index}]`, pool, options, found));
    return;
  }
  const preserve = resolved['x-kubernetes-preserve-unknown-fields'] === true;
  const properties: Record<string, OpenApiSchema> | undefined = resolved.properties;
  const additional = resolved.additionalProperties;
  if (preserve && !properties) return;
  if (!properties && additional === undefined && resolved.type !== 'object') return;
  for (const key of Object.keys(value)) {
    const child = properties?.[key];
    const childPath = path ? `${path}.${key}` : key;
    if (child) {
      walk(child, (value as Record<string, unknown>)[key], childPath, pool, options, found);
    } else if (isObject(additional)) {
      walk(additional, (value as Record<string, unknown>)[key], childPath, pool, options, found);
    } else if (additional === true || preserve) {
      continue;
    } else if (resolved['x-kubernetes-embedded-resource'] && EMBEDDED_ROOT_FIELDS.includes(key)) {
      continue;
    } else {
      found.push(childPath);
      if (options.remove) delete (value as Record<string, unknown>)[key];
    }
  }
}

/**
 * The paths of the fields of `value` that the schema `rootName` in `pool` does not declare.
 * With `remove`, those fields are also deleted from `value`.
 * @internal
 */
export function unknownFields(
  value: unknown,
  rootName: string,
  pool: Record<string, OpenApiSchema>,
  options: UnknownFieldOptions = {},
): string[] {
  const found: string[] = [];
  if (isObject(value)) walk(pool[rootName], value, '', pool, options, found);
  return found;
}
