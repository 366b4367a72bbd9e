import { JsonSchemaProps } from '../api/kubernetes';

/** Small builders that keep the CRD schemas readable. @internal */
export const s = {
  string: (description?: string, extra: Partial<JsonSchemaProps> = {}): JsonSchemaProps => ({
    type: 'string',
    ...(description ? { description } : {}),
    ...extra,
  }),
  integer: (description?: string, extra: Partial<JsonSchemaProps> = {}): JsonSchemaProps => ({
    type: 'integer',
    ...(description ? { description } : {}),
    ...extra,
  }),
  boolean: (): JsonSchemaProps => ({ type: 'boolean' }),
  array: (items: JsonSchemaProps, extra: Partial<JsonSchemaProps> = {}): JsonSchemaProps => ({ type: 'array', items, ...extra }),
  object: (
    properties: Record<string, JsonSchemaProps>,
    required: string[] = [],
    description?: string,
  ): JsonSchemaProps => ({
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    ...(required.length ? { required } : {}),
  }),
  map: (values: JsonSchemaProps = { type: 'string' }): JsonSchemaProps => ({ type: 'object', additionalProperties: values }),
  /** Schemaless content (PodTemplateSpec, VolumeSource), kept as given. */
  open: (description?: string): JsonSchemaProps => ({
    type: 'object',
    ...(description ? { description } : {}),
    'x-kubernetes-preserve-unknown-fields': true,
  }),
  quantity: (): JsonSchemaProps => ({
    'x-kubernetes-int-or-string': true,
    pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
  }),
};

/** A `metav1.Condition`. @internal */
export const conditionSchema: JsonSchemaProps = s.object(
  {
    type: s.string('Type of the condition, e.g. ResourceReady'),
    status: s.string('True, False or Unknown', { enum: ['True', 'False', 'Unknown'] }),
    reason: s.string('CamelCase reason for the last transition'),
    message: s.string('Human-readable details'),
    lastTransitionTime: s.string(undefined, { format: 'date-time' }),
    observedGeneration: s.integer(undefined, { format: 'int64', minimum: 0 }),
  },
  ['type', 'status', 'lastTransitionTime', 'reason', 'message'],
);

/** A `metav1.LabelSelector`. @internal */
export const labelSelectorSchema: JsonSchemaProps = s.object({
  matchLabels: s.map(),
  matchExpressions: s.array(
    s.object({ key: s.string(), operator: s.string(), values: s.array(s.string()) }, ['key', 'operator']),
  ),
});

/** A node selector requirement, as in NodeClaim/NodePool requirements. @internal */
export const requirementSchema: JsonSchemaProps = s.object(
  {
    key: s.string(undefined, { maxLength: 316 }),
    operator: s.string(undefined, { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] }),
    values: s.array(s.string()),
    minValues: s.integer(undefined, { minimum: 1, maximum: 50 }),
  },
  ['key', 'operator'],
);

/** A node taint. @internal */
export const taintSchema: JsonSchemaProps = s.object(
  {
    key: s.string(),
    value: s.string(),
    effect: s.string(undefined, { enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }),
    timeAdded: s.string(undefined, { format: 'date-time' }),
  },
  ['key', 'effect'],
);
