import type { z as zod } from 'zod/v3';
import { WorkspaceSummary } from '@kaito-backstage/plugin-kaito-common';

/*
 * Shapes shared by the actions. The actions registry hands each schema function Zod 3 (it
 * turns them into the JSON Schema MCP clients see); the authoritative request checks stay the
 * REST API's (kaito-common's Zod 4 schemas), which every action runs on its input as well.
 */

/** The fields of a workspace summary an action answers with. @internal */
export const workspaceSummarySchema = (z: typeof zod) =>
  z.object({
    key: z.string().describe('<cluster>/<namespace>/<name>'),
    kind: z.enum(['inference', 'tuning']),
    preset: z.string().optional().describe('The model preset or Hugging Face id'),
    runtime: z.enum(['vllm', 'transformers']),
    instanceType: z.string().optional().describe('The GPU VM size; absent on bring-your-own nodes'),
    state: z.string().describe('Pending, Ready, NotReady, Running, Succeeded or Failed'),
    targetNodeCount: z.number(),
    gpuCount: z.number(),
    costPerHour: z.number().optional(),
    currency: z.string().optional(),
    owner: z.string().optional().describe('The owning group, an entity ref'),
    entityRef: z.string().optional().describe('The catalog component the workspace serves'),
    createdAt: z.string().optional(),
    deleting: z.boolean(),
  });

/** A workspace summary cut to {@link workspaceSummarySchema}. @internal */
export function summaryOutput(summary: WorkspaceSummary) {
  return {
    key: summary.key,
    kind: summary.kind,
    preset: summary.preset,
    runtime: summary.runtime,
    instanceType: summary.instanceType,
    state: summary.state,
    targetNodeCount: summary.targetNodeCount,
    gpuCount: summary.gpuCount,
    costPerHour: summary.costPerHour,
    currency: summary.currency,
    owner: summary.owner,
    entityRef: summary.entityRef,
    // A summary of an object just written holds the client's Date; as JSON it is an RFC 3339 string.
    createdAt: typeof summary.createdAt === 'object' ? (summary.createdAt as Date).toISOString() : summary.createdAt,
    deleting: summary.deleting,
  };
}

/** Labels that select bring-your-own GPU nodes. @internal */
export const nodeSelectorSchema = (z: typeof zod) =>
  z.record(z.string()).describe('Bring-your-own nodes: the labels that select them, instead of an instance type');
