import { z } from 'zod';
import { formatIssuePath, Issue } from '../schema/issue';
import { makeWorkspaceSchema } from '../schema/workspaceSchema';
import { InferenceSet } from './inferenceSet';

/** The outcome of parsing untrusted input as an InferenceSet. @public */
export type ParseInferenceSetResult =
  | { ok: true; inferenceSet: InferenceSet; warnings: Issue[] }
  | { ok: false; issues: Issue[] };

const stringMap = z.record(z.string(), z.string({ error: 'must be a string (quote numbers and booleans)' }));

/** The InferenceSet schema; its template's inference and selector are the Workspace's own. */
function makeInferenceSetSchema(strict: boolean) {
  const obj = <T extends z.ZodRawShape>(shape: T) => (strict ? z.strictObject(shape) : z.object(shape));
  const workspace = makeWorkspaceSchema(strict).shape;
  const resource = workspace.resource.shape;
  const template = obj({
    metadata: z.looseObject({ labels: stringMap.optional(), annotations: stringMap.optional() }).optional(),
    resource: obj({
      instanceType: z.string({ error: 'instanceType must be a string' }).optional(),
      partition: resource.partition,
    }).optional(),
    inference: workspace.inference.unwrap(),
  });
  const whole = (what: string, min: number) =>
    z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(min, `${what} must be non-negative`);
  const spec = obj({
    template,
    replicas: whole('replicas', 0).max(2_147_483_647, 'replicas must fit in an int32').optional(),
    nodeCountLimit: whole('nodeCountLimit', 0).optional(),
    labelSelector: resource.labelSelector,
    updateStrategy: z.looseObject({}).optional(),
    autoUpgrade: obj({
      enabled: z.boolean().optional(),
      strategy: z.enum(['InPlace', 'Surge'], { error: 'strategy must be "InPlace" or "Surge"' }).optional(),
      maintenanceWindow: obj({
        schedule: z.string({ error: 'schedule must be a 5-field cron expression' }),
        duration: z.string().optional(),
      }).optional(),
    }).optional(),
  });
  return obj({
    apiVersion: z.enum(['kaito.sh/v1alpha1', 'kaito.sh/v1beta1'], {
      error: 'apiVersion must be kaito.sh/v1beta1 (or kaito.sh/v1alpha1)',
    }),
    kind: z.literal('InferenceSet', { error: 'kind must be InferenceSet' }),
    metadata: z.looseObject({
      name: z.string({ error: 'metadata.name is required' }).min(1, 'metadata.name is required'),
      namespace: z.string().optional(),
      labels: stringMap.optional(),
      annotations: stringMap.optional(),
    }),
    spec,
    status: z.looseObject({}).optional(),
  });
}

const strictSchema = makeInferenceSetSchema(true);
const looseSchema = makeInferenceSetSchema(false);

/**
 * Parses untrusted JSON-like input as a `kaito.sh` InferenceSet. Every problem comes back
 * with its field path; unknown fields are dropped with a warning, as the API server prunes them.
 * `partition` is v1beta1 only: v1alpha1 has no such field.
 *
 * @public
 */
export function parseInferenceSet(input: unknown): ParseInferenceSetResult {
  const strict = strictSchema.safeParse(input, { error: describeIssue });
  if (strict.success) return finish(strict.data as InferenceSet, []);
  const warnings: Issue[] = [];
  const errors: Issue[] = [];
  for (const problem of strict.error.issues) {
    if (problem.code === 'unrecognized_keys') {
      for (const key of problem.keys) {
        warnings.push({ path: formatIssuePath([...problem.path, key]), message: `unknown field '${key}' is ignored by Kaito`, severity: 'warning' });
      }
    } else {
      errors.push({ path: formatIssuePath(problem.path), message: problem.message, severity: 'error' });
    }
  }
  if (errors.length) return { ok: false, issues: errors };
  return finish(looseSchema.parse(input) as InferenceSet, warnings);
}

function finish(set: InferenceSet, warnings: Issue[]): ParseInferenceSetResult {
  if (set.apiVersion === 'kaito.sh/v1alpha1' && set.spec.template.resource?.partition) {
    const { partition: _dropped, ...resource } = set.spec.template.resource;
    return {
      ok: true,
      inferenceSet: { ...set, spec: { ...set.spec, template: { ...set.spec.template, resource } } },
      warnings: [...warnings, { path: 'spec.template.resource.partition', message: "unknown field 'partition' is ignored by Kaito: it is v1beta1 only", severity: 'warning' }],
    };
  }
  return { ok: true, inferenceSet: set, warnings };
}

function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  return undefined;
}
