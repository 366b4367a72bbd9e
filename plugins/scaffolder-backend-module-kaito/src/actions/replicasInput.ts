import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { DEFAULT_WORKSPACES_PATH, workspacesSearchPath } from '@kaito-backstage/plugin-kaito-common';
import type { AutoscalingMetric, CreateInferenceSetRequest } from '@kaito-backstage/plugin-kaito-common';
import type { KaitoActionDeps } from './KaitoActionDeps';
import type { ZodImpl } from './zodImpl';
import { InferenceFieldsInput, toInferenceFields, toWorkspaceBase, WorkspaceBaseInput } from './workspaceInput';

/** Replicas and autoscaling: with either, `kaito:workspace:create` asks for Kaito's InferenceSet. @internal */
export const replicasInput = {
  replicas: (z: ZodImpl) =>
    z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe('Workspaces serving the model (default 1); more than 1 makes a Kaito InferenceSet of them, each charged to the owner'),
  autoscaling: (z: ZodImpl) =>
    z
      .object({
        enabled: z.boolean().optional().describe('Scale between min and max with keda-kaito-scaler (default true when the object is given)'),
        minReplicas: z.number().int().min(1).optional().describe('Fewest replicas (required when enabled)'),
        maxReplicas: z.number().int().min(2).optional().describe('Most replicas (required when enabled); the owner\'s quota must hold them all now'),
        metric: z
          .enum(['vllm:num_requests_waiting', 'vllm:num_requests_running', 'vllm:gpu_cache_usage_perc'])
          .optional()
          .describe('What to scale on (default the queue length, vllm:num_requests_waiting)'),
        threshold: z.number().positive().optional().describe('Target value of the metric per replica (default 10)'),
      })
      .optional()
      .describe('Autoscaling of the replicas (an InferenceSet with keda-kaito-scaler annotations)'),
};

/** @internal */
export interface ReplicasFieldsInput {
  replicas?: number;
  autoscaling?: { enabled?: boolean; minReplicas?: number; maxReplicas?: number; metric?: AutoscalingMetric; threshold?: number };
}

const autoscalingOn = (input: ReplicasFieldsInput) => Boolean(input.autoscaling && input.autoscaling.enabled !== false);

/** Whether the input asks for more than one workspace. @internal */
export function wantsInferenceSet(input: ReplicasFieldsInput): boolean {
  return (input.replicas ?? 1) > 1 || autoscalingOn(input);
}

/** The REST request of an InferenceSet from the action's input. @internal */
export function toInferenceSetRequest(
  input: WorkspaceBaseInput & InferenceFieldsInput & ReplicasFieldsInput,
  initiator?: string,
): CreateInferenceSetRequest {
  const { count: _ignored, ...base } = toWorkspaceBase(input, initiator);
  const scaling = autoscalingOn(input) ? input.autoscaling! : undefined;
  if (scaling && (scaling.minReplicas === undefined || scaling.maxReplicas === undefined)) {
    throw new InputError('autoscaling needs minReplicas and maxReplicas, e.g. { enabled: true, minReplicas: 1, maxReplicas: 3 }');
  }
  const replicas = input.replicas ?? scaling?.minReplicas ?? 1;
  return {
    ...base,
    ...toInferenceFields(input),
    replicas,
    ...(scaling
      ? {
          autoscaling: {
            minReplicas: scaling.minReplicas!,
            maxReplicas: scaling.maxReplicas!,
            metric: scaling.metric ?? 'vllm:num_requests_waiting',
            threshold: scaling.threshold ?? 10,
          },
        }
      : {}),
  } as CreateInferenceSetRequest;
}

interface SetStepContext {
  input: WorkspaceBaseInput & InferenceFieldsInput & ReplicasFieldsInput;
  user?: { ref?: string };
  isDryRun?: boolean;
  logger: LoggerService;
  signal?: AbortSignal;
  getInitiatorCredentials(): Promise<BackstageCredentials>;
  checkpoint<T extends string>(options: { key: string; fn: () => Promise<T> }): Promise<T>;
  output(name: string, value: string): void;
}

/** The Kaito tab of the entity the set serves: its replicas show up there. */
function entityTabUrl(entityRef: string): string {
  const [, kind, namespace, name] = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef) ?? [];
  return `/catalog/${[namespace, kind, name].map(encodeURIComponent).join('/')}/kaito`;
}

/** Creates the InferenceSet (or checks it, on a dry run) and sets the step's outputs. @internal */
export async function createInferenceSetStep(ctx: SetStepContext, deps: KaitoActionDeps): Promise<void> {
  const request = toInferenceSetRequest(ctx.input, ctx.user?.ref);
  const key = `${request.cluster}/${request.namespace}/${request.name}`;
  const call = { credentials: await ctx.getInitiatorCredentials(), signal: ctx.signal };
  const describe = (r: { gpusPerReplica: number; maxGpus: number }) =>
    `${request.replicas} replica${request.replicas === 1 ? '' : 's'} of ${r.gpusPerReplica} GPU${r.gpusPerReplica === 1 ? '' : 's'}${request.autoscaling ? `, autoscaling ${request.autoscaling.minReplicas}..${request.autoscaling.maxReplicas} on ${request.autoscaling.metric} (up to ${r.maxGpus} GPUs)` : ''}`;
  if (ctx.isDryRun) {
    const checked = await deps.client.createInferenceSet({ ...request, dryRun: true }, call);
    ctx.logger.info(`Dry run: inference set ${key} is valid and would run ${describe(checked)}`);
  } else {
    // On a task resumed after a restart the checkpoint returns the first result instead of creating twice.
    const plan = await ctx.checkpoint({
      key: `kaito.create.${key}`,
      fn: async () => describe(await deps.client.createInferenceSet(request, call)),
    });
    ctx.logger.info(`Created inference set ${key}: ${plan}`);
  }
  const detailUrl = workspacesSearchPath(deps.workspacesPath ?? DEFAULT_WORKSPACES_PATH, request.name);
  ctx.output('workspaceRef', key);
  ctx.output('entityRef', request.entityRef ?? '');
  ctx.output('tabUrl', request.entityRef ? entityTabUrl(request.entityRef) : detailUrl);
  ctx.output('detailUrl', detailUrl);
}
