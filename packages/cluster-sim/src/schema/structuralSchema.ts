import { StatusCause } from '../errors';

/** The subset of an openAPIV3Schema a structural CRD schema uses. @public */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  format?: string;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  [key: string]: unknown;
}

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function render(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function typeMatches(schema: JsonSchema, value: unknown): boolean {
  if (schema['x-kubernetes-int-or-string']) return typeof value === 'string' || Number.isInteger(value);
  if (!schema.type) return true;
  const actual = typeOfValue(value);
  if (schema.type === 'number') return actual === 'number' || actual === 'integer';
  return actual === schema.type;
}

/**
 * Validates a value against a structural schema, returning every failure as a field cause
 * worded as the API server words them.
 * @internal
 */
export function validateAgainstSchema(schema: JsonSchema | undefined, value: unknown, path: string): StatusCause[] {
  if (!schema) return [];
  const causes: StatusCause[] = [];
  const invalidValue = (message: string) =>
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${render(value)}: ${path} in body ${message}`, field: path });

  if (value === null) {
    if (!schema.nullable && schema.type) {
      causes.push({ reason: 'FieldValueTypeInvalid', message: `Invalid value: "null": ${path} in body must be of type ${schema.type}: "null"`, field: path });
    }
    return causes;
  }
  if (!typeMatches(schema, value)) {
    causes.push({
      reason: 'FieldValueTypeInvalid',
      message: `Invalid value: "${typeOfValue(value)}": ${path} in body must be of type ${schema.type}: "${typeOfValue(value)}"`,
      field: path,
    });
    return causes;
  }
  if (schema.enum && !schema.enum.some(e => JSON.stringify(e) === JSON.stringify(value))) {
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${render(value)}: supported values: ${schema.enum.map(render).join(', ')}`,
      field: path,
    });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined) {
      if (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum) {
        invalidValue(`should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}`);
      }
    }
    if (schema.maximum !== undefined) {
      if (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum) {
        invalidValue(`should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}`);
      }
    }
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      invalidValue(`should be at least ${schema.minLength} chars long`);
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      causes.push({ reason: 'FieldValueTooLong', message: `Too long: may not be more than ${schema.maxLength} bytes`, field: path });
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
      invalidValue(`should match '${schema.pattern}'`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      invalidValue(`should have at least ${schema.minItems} items`);
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      causes.push({ reason: 'FieldValueTooMany', message: `Too many: ${value.length}: must have at most ${schema.maxItems} items`, field: path });
    }
    value.forEach((item, index) => causes.push(...validateAgainstSchema(schema.items, item, `${path}[${index}]`)));
  }
  if (typeOfValue(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (object[name] === undefined) {
        causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `${path}.${name}` });
      }
    }
    const count = Object.keys(object).length;
    if (schema.minProperties !== undefined && count < schema.minProperties) {
      invalidValue(`should have at least ${schema.minProperties} properties`);
    }
    if (schema.maxProperties !== undefined && count > schema.maxProperties) {
      invalidValue(`should have at most ${schema.maxProperties} properties`);
    }
    for (const [name, child] of Object.entries(object)) {
      const childSchema =
        schema.properties?.[name] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      causes.push(...validateAgainstSchema(childSchema, child, `${path}.${name}`));
    }
  }
  for (const sub of schema.allOf ?? []) causes.push(...validateAgainstSchema(sub, value, path));
  if (schema.anyOf && !schema.anyOf.some(sub => validateAgainstSchema(sub, value, path).length === 0)) {
    invalidValue('must validate at least one schema (anyOf)');
  }
  if (schema.oneOf && schema.oneOf.filter(sub => validateAgainstSchema(sub, value, path).length === 0).length !== 1) {
    invalidValue('must validate one and only one schema (oneOf)');
  }
  return causes;
}

/** Fills in schema defaults for absent fields, recursively, in place. @internal */
export function applySchemaDefaults(schema: JsonSchema | undefined, value: unknown): void {
  if (!schema || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach(item => applySchemaDefaults(schema.items, item));
    return;
  }
  const object = value as Record<string, unknown>;
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (object[name] === undefined && child.default !== undefined) {
      object[name] = JSON.parse(JSON.stringify(child.default));
    }
    applySchemaDefaults(child, object[name]);
  }
  if (typeof schema.additionalProperties === 'object') {
    for (const [name, child] of Object.entries(object)) {
      if (!schema.properties?.[name]) applySchemaDefaults(schema.additionalProperties, child);
    }
  }
}

/** Removes fields the schema does not declare, unless it preserves unknown fields. In place. @internal */
export function pruneUnknownFields(schema: JsonSchema | undefined, value: unknown): void {
  if (!schema || value === null || typeof value !== 'object') return;
  if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.properties && !schema.items) return;
  if (Array.isArray(value)) {
    value.forEach(item => pruneUnknownFields(schema.items, item));
    return;
  }
  const object = value as Record<string, unknown>;
  const additional = schema.additionalProperties;
  for (const name of Object.keys(object)) {
    const child = schema.properties?.[name];
    if (child) {
      pruneUnknownFields(child, object[name]);
    } else if (typeof additional === 'object') {
      pruneUnknownFields(additional, object[name]);
    } else if (additional !== true && !schema['x-kubernetes-preserve-unknown-fields']) {
      delete object[name];
    }
  }
}
