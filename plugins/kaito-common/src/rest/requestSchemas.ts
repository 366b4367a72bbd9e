import { z } from 'zod';
import { Issue } from '../schema/issue';
import { InputLimits } from './inputLimits';
import { CreateWorkspaceRequest, FitRequestBody, UpdateWorkspaceRequest } from './types';

/**
 * A string of at most `max` characters. The length check aborts the field's
 * other checks, so no pattern ever runs on an oversized input.
 */
const bounded = (max: number) =>
  z.string().max(max, { abort: true, message: `must be at most ${max} characters` });
const required = (max: number) => bounded(max).min(1, 'must not be empty');

const dnsLabel = bounded(InputLimits.name).regex(
  /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
  'must be a DNS-1123 label: lower-case letters, digits and -, at most 63 characters',
);
const objectName = bounded(InputLimits.objectName).regex(
  /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
  'must be a Kubernetes object name: lower-case letters, digits, - and ., at most 253 characters',
);
// Linear: no nested or adjacent overlapping quantifiers, and the length is bounded first.
// Letter cases spelt out rather than a flag, so the JSON Schema in openapi.yaml says the same.
const entityRef = bounded(InputLimits.entityRef).regex(
  /^[A-Za-z]+:[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/,
  'must be an entity ref such as group:default/ml-team',
);
const nodeSelector = z
  .record(bounded(InputLimits.labelKey), bounded(InputLimits.labelValue))
  .refine(
    selector => Object.keys(selector).length <= InputLimits.selectorEntries,
    `must have at most ${InputLimits.selectorEntries} entries`,
  )
  // What the refinement checks, as JSON Schema says it (openapi.yaml's NodeSelector).
  .meta({ maxProperties: InputLimits.selectorEntries });

const adapterList = z
  .array(
    z.object({
      name: dnsLabel,
      image: required(InputLimits.image),
      strength: bounded(InputLimits.short).optional(),
      imagePullSecrets: z.array(objectName).max(InputLimits.pullSecrets).optional(),
    }),
  )
  .max(InputLimits.adapters);

/** `CreateWorkspaceRequest` as a zod schema: what `POST /workspaces` accepts. @public */
export const createWorkspaceRequestSchema = z
  .object({
    cluster: required(InputLimits.name),
    namespace: dnsLabel,
    name: dnsLabel,
    preset: required(InputLimits.preset),
    runtime: z.enum(['vllm', 'transformers']).optional(),
    instanceType: required(InputLimits.preset).optional(),
    count: z.number().int().min(1).max(64).optional(),
    nodeSelector: nodeSelector.optional(),
    adapters: adapterList.optional(),
    inferenceConfig: objectName.optional(),
    modelAccessSecret: objectName.optional(),
    tuning: z
      .object({
        method: z.enum(['lora', 'qlora']),
        inputUrls: z.array(required(InputLimits.url)).max(InputLimits.urls).optional(),
        inputImage: required(InputLimits.image).optional(),
        outputImage: required(InputLimits.image),
        outputImagePushSecret: objectName,
        config: objectName.optional(),
      })
      .optional(),
    owner: entityRef,
    entityRef: entityRef.optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

/** `UpdateWorkspaceRequest` as a zod schema: what `PATCH /workspaces/…` accepts. @public */
export const updateWorkspaceRequestSchema = z
  .object({
    instanceType: required(InputLimits.preset).optional(),
    count: z.number().int().min(1).max(64).optional(),
    adapters: adapterList.optional(),
    inferenceConfig: objectName.nullable().optional(),
    dryRun: z.boolean().optional(),
  })
  .strict()
  .refine(body => Object.keys(body).some(key => key !== 'dryRun'), {
    message: 'nothing to change: give instanceType, count, adapters or inferenceConfig',
  });

/** `FitRequestBody` as a zod schema. @public */
export const fitRequestSchema = z
  .object({
    cluster: required(InputLimits.name),
    preset: required(InputLimits.preset),
    runtime: z.enum(['vllm', 'transformers']).optional(),
    instanceType: bounded(InputLimits.preset).optional(),
    count: z.number().int().min(1).max(64).optional(),
    nodeSelector: nodeSelector.optional(),
    owner: entityRef.optional(),
    purpose: z.enum(['inference', 'tuning']).optional(),
  })
  .strict();

/** `PUT /workspaces/…/trust-remote-code`: the administrator's switch. @public */
export const trustRemoteCodeRequestSchema = z.object({ trust: z.boolean() }).strict();

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map(issue => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
    severity: 'error' as const,
  }));
}

/** Checks a create request's shape; every problem with its field path. @public */
export function parseCreateWorkspaceRequest(
  body: unknown,
): { ok: true; request: CreateWorkspaceRequest } | { ok: false; issues: Issue[] } {
  const result = createWorkspaceRequestSchema.safeParse(body);
  return result.success ? { ok: true, request: result.data } : { ok: false, issues: toIssues(result.error) };
}

/** Checks a fit request's shape. @public */
export function parseFitRequest(
  body: unknown,
): { ok: true; request: FitRequestBody } | { ok: false; issues: Issue[] } {
  const result = fitRequestSchema.safeParse(body);
  return result.success ? { ok: true, request: result.data } : { ok: false, issues: toIssues(result.error) };
}

/** Checks an update request's shape. @public */
export function parseUpdateWorkspaceRequest(
  body: unknown,
): { ok: true; request: UpdateWorkspaceRequest } | { ok: false; issues: Issue[] } {
  const result = updateWorkspaceRequestSchema.safeParse(body);
  return result.success ? { ok: true, request: result.data } : { ok: false, issues: toIssues(result.error) };
}
