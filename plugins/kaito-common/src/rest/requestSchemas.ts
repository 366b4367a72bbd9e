import { z } from 'zod';
import { Issue } from '../schema/issue';
import { CreateWorkspaceRequest, FitRequestBody } from './types';

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a DNS-1123 label: lower-case letters, digits and -, at most 63 characters');
const entityRef = z
  .string()
  .regex(/^[a-z]+:[a-z0-9._-]+\/[A-Za-z0-9._-]+$/i, 'must be an entity ref such as group:default/ml-team');

/** `CreateWorkspaceRequest` as a zod schema: what `POST /workspaces` accepts. @public */
export const createWorkspaceRequestSchema = z
  .object({
    cluster: z.string().min(1),
    namespace: dnsLabel,
    name: dnsLabel,
    preset: z.string().min(1),
    runtime: z.enum(['vllm', 'transformers']).optional(),
    instanceType: z.string().min(1).optional(),
    count: z.number().int().min(1).max(64).optional(),
    nodeSelector: z.record(z.string(), z.string()).optional(),
    adapters: z
      .array(
        z.object({
          name: dnsLabel,
          image: z.string().min(1),
          strength: z.string().optional(),
          imagePullSecrets: z.array(z.string()).optional(),
        }),
      )
      .optional(),
    inferenceConfig: z.string().optional(),
    modelAccessSecret: z.string().optional(),
    tuning: z
      .object({
        method: z.enum(['lora', 'qlora']),
        inputUrls: z.array(z.string()).optional(),
        inputImage: z.string().optional(),
        outputImage: z.string().min(1),
        outputImagePushSecret: z.string().min(1),
        config: z.string().optional(),
      })
      .optional(),
    owner: entityRef,
    entityRef: entityRef.optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

/** `FitRequestBody` as a zod schema. @public */
export const fitRequestSchema = z
  .object({
    cluster: z.string().min(1),
    preset: z.string().min(1),
    runtime: z.enum(['vllm', 'transformers']).optional(),
    instanceType: z.string().optional(),
    count: z.number().int().min(1).optional(),
    nodeSelector: z.record(z.string(), z.string()).optional(),
    owner: z.string().optional(),
  })
  .strict();

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
