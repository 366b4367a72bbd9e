import { z } from 'zod';

const stringMap = z.record(
  z.string(),
  z.string({ error: 'must be a string (quote numbers and booleans)' }),
  { error: 'must be a map of keys to string values' },
);
const stringList = z.array(z.string(), { error: 'must be a list of strings' });
const nonEmpty = (what: string) => z.string({ error: `${what} must be a string` }).min(1, `${what} must not be empty`);

/** Builds the schemas; `strict` rejects unknown keys so they can be reported. */
export function makeWorkspaceSchema(strict: boolean) {
  const obj = <T extends z.ZodRawShape>(shape: T) =>
    strict ? z.strictObject(shape) : z.object(shape);

  const volumeSource = z.looseObject({});

  const labelSelector = obj({
    matchLabels: stringMap.optional(),
    matchExpressions: z
      .array(
        z.looseObject({
          key: z.string(),
          operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
          values: stringList.optional(),
        }),
      )
      .optional(),
  });

  const resource = obj({
    count: z.number().int('count must be a whole number').min(1, 'count must be at least 1').optional(),
    instanceType: z.string({ error: 'instanceType must be a string' }).optional(),
    labelSelector: labelSelector,
    preferredNodes: stringList.optional(),
    partition: obj({
      mode: z.enum(['mig', 'accelerator'], { error: 'partition.mode must be "mig" or "accelerator"' }),
      profile: z.string().optional(),
      count: z.number().int().min(1).optional(),
    }).optional(),
  });

  const preset = obj({
    name: nonEmpty('preset name'),
    accessMode: z
      .enum(['public', 'private'], { error: 'accessMode must be "public" or "private"' })
      .optional(),
    presetOptions: obj({
      image: z.string().optional(),
      imagePullSecrets: stringList.optional(),
      modelAccessSecret: z.string().optional(),
    }).optional(),
  });

  const dataSource = obj({
    name: z.string().optional(),
    urls: stringList.optional(),
    volumeSource: volumeSource.optional(),
    image: z.string().optional(),
    imagePullSecrets: stringList.optional(),
  });

  const adapter = obj({
    source: dataSource,
    strength: z
      .string({ error: 'strength must be a quoted string such as "0.5", not a number' })
      .optional(),
  });

  const inference = obj({
    preset: preset.optional(),
    template: z.looseObject({}).optional(),
    config: z.string().optional(),
    adapters: z.array(adapter).optional(),
  });

  const tuning = obj({
    preset: preset,
    method: z.string().refine(method => ['lora', 'qlora'].includes(method.toLowerCase()), { error: 'method must be "lora" or "qlora" (in any case)' }),
    config: z.string().optional(),
    input: dataSource,
    output: obj({
      volumeSource: volumeSource.optional(),
      image: z.string().optional(),
      imagePushSecret: z.string().optional(),
    }),
  });

  const condition = z.looseObject({
    type: z.string(),
    status: z.enum(['True', 'False', 'Unknown']),
    reason: z.string().optional().default(''),
    message: z.string().optional().default(''),
    lastTransitionTime: z.string().optional().default(''),
    observedGeneration: z.number().optional(),
  });

  const status = z.looseObject({
    workerNodes: stringList.nullish(),
    conditions: z.array(condition).nullish(),
    state: z.enum(['Pending', 'Ready', 'NotReady', 'Running', 'Succeeded', 'Failed']).optional(),
    targetNodeCount: z.number().int().optional(),
    performance: z.looseObject({}).optional(),
  });

  const metadata = z.looseObject({
    name: z
      .string({ error: 'metadata.name is required' })
      .min(1, 'metadata.name is required'),
    namespace: z.string().optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
  });

  return obj({
    apiVersion: z.enum(['kaito.sh/v1alpha1', 'kaito.sh/v1beta1'], {
      error: 'apiVersion must be kaito.sh/v1beta1 (or the older kaito.sh/v1alpha1)',
    }),
    kind: z.literal('Workspace', { error: 'kind must be Workspace' }),
    metadata,
    resource: resource,
    inference: inference.optional(),
    tuning: tuning.optional(),
    status: status.optional(),
  });
}

/** Schema that drops unknown keys, as the API server prunes them (schemaless parts are kept). @public */
export const workspaceSchema = makeWorkspaceSchema(false);
/** Schema that reports unknown keys. @internal */
export const strictWorkspaceSchema = makeWorkspaceSchema(true);
