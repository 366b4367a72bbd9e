import { z } from 'zod';
import { Issue } from '../schema/issue';
import { createWorkspaceRequestSchema } from '../rest/requestSchemas';
import { CreateWorkspaceRequest } from '../rest/types';
import { workspaceFromRequest } from '../rest/workspaceFromRequest';
import { InferenceSet, InferenceSetConditions } from './inferenceSet';
import { KaitoAnnotations } from '../labels';
import { ScaledObjectAnnotations } from './inferenceSetAutoscaling';
import { replicaPhase } from './inferenceSetStatus';
import { Workspace } from '../api/workspace';
import type { components } from '../rest/generated/openapi';

/** The most replicas one request may ask for (a sanity bound; quotas decide the real one). @public */
export const MAX_INFERENCE_SET_REPLICAS = 100;

/** Metrics keda-kaito-scaler can scale on, as the Deploy LLM form offers them. @public */
export const AUTOSCALING_METRICS = {
  'vllm:num_requests_waiting': 'Requests waiting in the queue (per replica)',
  'vllm:num_requests_running': 'Requests running (per replica)',
  'vllm:gpu_cache_usage_perc': 'KV-cache use, 0–1 (per replica)',
} as const;

/** @public */
export type AutoscalingMetric = keyof typeof AUTOSCALING_METRICS;

const replicaCount = z.number().int('must be a whole number').min(0, 'must be at least 0').max(MAX_INFERENCE_SET_REPLICAS, `must be at most ${MAX_INFERENCE_SET_REPLICAS}`);

/** `POST /inferencesets`: a workspace request (inference only) with replicas and optional autoscaling. @public */
export const createInferenceSetRequestSchema = createWorkspaceRequestSchema
  .omit({ tuning: true, count: true })
  .extend({
    replicas: replicaCount.min(1, 'must be at least 1'),
    nodeCountLimit: z.number().int().min(1).max(10_000).optional(),
    autoscaling: z
      .object({
        minReplicas: replicaCount.min(1, 'must be at least 1'),
        maxReplicas: replicaCount.min(2, 'must be at least 2 (keda-kaito-scaler makes no ScaledObject for a maximum of 1)'),
        metric: z.enum(Object.keys(AUTOSCALING_METRICS) as [AutoscalingMetric, ...AutoscalingMetric[]]),
        threshold: z.number().positive('must be above 0').max(1_000_000),
      })
      .strict()
      .refine(a => a.minReplicas <= a.maxReplicas, { message: 'minReplicas must not be above maxReplicas', path: ['minReplicas'] })
      .optional(),
  })
  .strict()
  .refine(r => !r.autoscaling || (r.replicas >= r.autoscaling.minReplicas && r.replicas <= r.autoscaling.maxReplicas), {
    message: 'replicas must lie between autoscaling.minReplicas and autoscaling.maxReplicas',
    path: ['replicas'],
  });

/** @public */
export type CreateInferenceSetRequest = z.infer<typeof createInferenceSetRequestSchema>;

/** `PATCH /inferencesets/…/scale`. @public */
export const scaleInferenceSetRequestSchema = z.object({ replicas: replicaCount, dryRun: z.boolean().optional() }).strict();

/** @public */
export type ScaleInferenceSetRequest = z.infer<typeof scaleInferenceSetRequestSchema>;

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map(issue => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message, severity: 'error' as const }));
}

/** Checks a create request's shape; every problem with its field path. @public */
export function parseCreateInferenceSetRequest(body: unknown): { ok: true; request: CreateInferenceSetRequest } | { ok: false; issues: Issue[] } {
  const result = createInferenceSetRequestSchema.safeParse(body);
  return result.success ? { ok: true, request: result.data } : { ok: false, issues: toIssues(result.error) };
}

/** Checks a scale request's shape. @public */
export function parseScaleInferenceSetRequest(body: unknown): { ok: true; request: ScaleInferenceSetRequest } | { ok: false; issues: Issue[] } {
  const result = scaleInferenceSetRequestSchema.safeParse(body);
  return result.success ? { ok: true, request: result.data } : { ok: false, issues: toIssues(result.error) };
}

/** The Workspace request inside a set request: what every replica is. @public */
export function replicaWorkspaceRequest(request: CreateInferenceSetRequest): CreateWorkspaceRequest {
  const { replicas: _r, nodeCountLimit: _n, autoscaling: _a, ...workspace } = request;
  return workspace;
}

/**
 * The InferenceSet a portal request asks for: each replica is the Workspace the same
 * request would make (its owner, requester and served entity annotations go into the
 * template, so every child is charged to the owner), `replicas`, `nodeCountLimit`, and
 * autoscaling as keda-kaito-scaler's `scaledobject.kaito.sh/` annotations.
 *
 * @public
 */
export function inferenceSetFromRequest(request: CreateInferenceSetRequest, requestedBy?: string): InferenceSet {
  const workspace = workspaceFromRequest(replicaWorkspaceRequest(request), requestedBy);
  const annotations: Record<string, string> = { ...workspace.metadata.annotations };
  if (request.autoscaling) {
    annotations[ScaledObjectAnnotations.autoProvision] = 'true';
    annotations[ScaledObjectAnnotations.minReplicas] = String(request.autoscaling.minReplicas);
    annotations[ScaledObjectAnnotations.maxReplicas] = String(request.autoscaling.maxReplicas);
    annotations[ScaledObjectAnnotations.metricName] = request.autoscaling.metric;
    annotations[ScaledObjectAnnotations.threshold] = String(request.autoscaling.threshold);
  }
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'InferenceSet',
    metadata: { name: request.name, namespace: request.namespace, labels: workspace.metadata.labels, annotations },
    spec: {
      replicas: request.replicas,
      ...(request.nodeCountLimit ? { nodeCountLimit: request.nodeCountLimit } : {}),
      labelSelector: workspace.resource.labelSelector,
      template: {
        metadata: { labels: workspace.metadata.labels, annotations: workspace.metadata.annotations },
        ...(workspace.resource.instanceType ? { resource: { instanceType: workspace.resource.instanceType } } : {}),
        inference: workspace.inference!,
      },
    },
  };
}

/** One replica as the tab shows it. @public */
export type InferenceSetReplica = components['schemas']['InferenceSetReplica'];

/** An InferenceSet as the portal lists it. @public */
export type InferenceSetSummary = components['schemas']['InferenceSetSummary'];

/** The summary of a set and its children, from what the cluster reports (Kaito's or ours). @public */
export function summarizeInferenceSet(cluster: string, set: InferenceSet, children: readonly Workspace[]): InferenceSetSummary {
  const annotations = set.metadata.annotations ?? {};
  const ready = set.status?.conditions?.find(c => c.type === InferenceSetConditions.ready);
  const ref = { cluster, namespace: set.metadata.namespace ?? 'default', name: set.metadata.name };
  const autoscale = annotations[ScaledObjectAnnotations.autoProvision] === 'true';
  return {
    ref,
    key: `${ref.cluster}/${ref.namespace}/${ref.name}`,
    preset: set.spec.template.inference.preset?.name,
    instanceType: set.spec.template.resource?.instanceType,
    replicas: set.spec.replicas ?? 1,
    readyReplicas: set.status?.readyReplicas ?? 0,
    ...(set.spec.nodeCountLimit ? { nodeCountLimit: set.spec.nodeCountLimit } : {}),
    ready: ready?.status === 'True',
    ...(ready ? { reason: ready.reason, message: ready.message } : {}),
    ...(autoscale
      ? {
          autoscaling: {
            minReplicas: Number(annotations[ScaledObjectAnnotations.minReplicas] ?? 1),
            maxReplicas: Number(annotations[ScaledObjectAnnotations.maxReplicas] ?? 1),
            metric: annotations[ScaledObjectAnnotations.metricName] ?? 'vllm:num_requests_waiting',
            threshold: annotations[ScaledObjectAnnotations.threshold] ?? '',
          },
        }
      : {}),
    ...(annotations[KaitoAnnotations.backstageOwner] ? { owner: annotations[KaitoAnnotations.backstageOwner] } : {}),
    ...(annotations[KaitoAnnotations.backstageEntityRef] ? { entityRef: annotations[KaitoAnnotations.backstageEntityRef] } : {}),
    replicaWorkspaces: [...children]
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map(child => ({
        name: child.metadata.name,
        phase: replicaPhase(child),
        ...(child.status?.state ? { state: child.status.state } : {}),
        deleting: Boolean(child.metadata.deletionTimestamp),
      })),
    deleting: Boolean(set.metadata.deletionTimestamp),
  };
}
