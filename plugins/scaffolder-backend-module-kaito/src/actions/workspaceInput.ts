import { InputError } from '@backstage/errors';
import type { AdapterRequest, CreateWorkspaceRequest } from '@kaito-backstage/plugin-kaito-common';
import type { ZodImpl } from './zodImpl';

/**
 * Input fields shared by the `kaito:workspace:*` actions that describe a new
 * workspace. The scaffolder checks input against the JSON Schema made from
 * these, which does not apply defaults: handlers apply them (see
 * {@link toWorkspaceBase}). Domain rules (DNS names, SKU fit, quota) are left
 * to the kaito backend so they live in one place.
 */

/** Where the workspace goes and who it belongs to. @internal */
export const workspaceTargetInput = {
  cluster: (z: ZodImpl) =>
    z.string().min(1).describe('Cluster to run on, by its name under `kaito.clusters` (e.g. `local`)'),
  namespace: (z: ZodImpl) =>
    z.string().min(1).optional().describe('Kubernetes namespace of the workspace (default `default`)'),
  name: (z: ZodImpl) =>
    z.string().min(1).max(63).describe('Workspace name: a DNS-1123 label such as `support-phi-3`'),
  owner: (z: ZodImpl) =>
    z
      .string()
      .optional()
      .describe(
        'Owner entity ref, e.g. `group:default/ml-team`; its quota applies (default: the user running the template)',
      ),
  component: (z: ZodImpl) =>
    z
      .string()
      .optional()
      .describe('Entity ref of the component the workspace serves, e.g. `component:default/support-assistant`'),
};

/** The model and the nodes it runs on. @internal */
export const workspaceNodesInput = {
  preset: (z: ZodImpl) =>
    z.string().min(1).describe('Model preset, e.g. `phi-3-mini-4k-instruct` (see `GET /api/kaito/presets`)'),
  instanceType: (z: ZodImpl) =>
    z
      .string()
      .optional()
      .describe('GPU instance type for auto-provisioned nodes, e.g. `Standard_NV36ads_A10_v5`'),
  count: (z: ZodImpl) =>
    z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        'Number of nodes, honored for the transformers runtime and tuning; Kaito sizes vLLM workspaces itself and ignores it (the step then warns with the count it provisions)',
      ),
  nodeSelector: (z: ZodImpl) =>
    z
      .record(z.string())
      .optional()
      .describe('Bring-your-own nodes: node labels to match instead of (or on top of) an instance type'),
  modelAccessSecret: (z: ZodImpl) =>
    z.string().optional().describe('Secret holding `HF_TOKEN`, for gated models'),
};

/** How an inference workspace serves the model. @internal */
export const inferenceInput = {
  runtime: (z: ZodImpl) =>
    z.enum(['vllm', 'transformers']).optional().describe('Inference runtime (default: the preset\'s, usually `vllm`)'),
  adapters: (z: ZodImpl) =>
    z
      .array(
        z.object({
          name: z.string().min(1).describe('Adapter name; chat requests select it as the model'),
          image: z.string().min(1).describe('Image holding the adapter weights'),
          strength: z.string().optional().describe('Adapter strength, e.g. `0.5`; only with runtime transformers (vLLM refuses any strength)'),
          imagePullSecrets: z.array(z.string()).optional().describe('Secrets to pull the image'),
        }),
      )
      .optional()
      .describe('LoRA adapters to serve next to the base model'),
  inferenceConfig: (z: ZodImpl) =>
    z
      .string()
      .optional()
      .describe('Name of a ConfigMap with `inference_config.yaml` overriding the runtime parameters'),
};

/** Fine-tuning settings. @internal */
export const tuningInput = {
  method: (z: ZodImpl) => z.enum(['lora', 'qlora']).optional().describe('Tuning method (default `qlora`)'),
  inputUrls: (z: ZodImpl) =>
    z.array(z.string().url()).optional().describe('Dataset URLs (one of `inputUrls` or `inputImage`)'),
  inputImage: (z: ZodImpl) => z.string().optional().describe('Image holding the dataset (instead of `inputUrls`)'),
  outputImage: (z: ZodImpl) =>
    z.string().min(1).describe('Image the tuned adapter is pushed to, e.g. `myregistry.azurecr.io/adapters/support:0.1.0`'),
  outputImagePushSecret: (z: ZodImpl) =>
    z.string().min(1).describe('Secret with the registry credentials used to push `outputImage`'),
  config: (z: ZodImpl) =>
    z.string().optional().describe('Name of a ConfigMap with the tuning parameters (default: the method\'s)'),
};

/** The target and node fields as the handlers receive them. @internal */
export interface WorkspaceBaseInput {
  cluster: string;
  namespace?: string;
  name: string;
  owner?: string;
  component?: string;
  preset: string;
  instanceType?: string;
  count?: number;
  nodeSelector?: Record<string, string>;
  modelAccessSecret?: string;
}

/** @internal */
export interface InferenceFieldsInput {
  runtime?: 'vllm' | 'transformers';
  adapters?: AdapterRequest[];
  inferenceConfig?: string;
}

/** @internal */
export interface TuningFieldsInput {
  method?: 'lora' | 'qlora';
  inputUrls?: string[];
  inputImage?: string;
  outputImage: string;
  outputImagePushSecret: string;
  config?: string;
}

/**
 * The request fields every workspace has, with defaults applied. Templates
 * often pass `''` for a field the user left empty; that counts as not given.
 *
 * @internal
 */
export function toWorkspaceBase(
  input: WorkspaceBaseInput,
  initiator?: string,
): Omit<CreateWorkspaceRequest, 'adapters' | 'runtime' | 'inferenceConfig' | 'tuning' | 'dryRun'> {
  const owner = given(input.owner) ?? initiator;
  if (!owner) {
    throw new InputError('An owner is required: set the `owner` input, e.g. `group:default/ml-team`');
  }
  return dropUndefined({
    cluster: input.cluster,
    namespace: given(input.namespace) ?? 'default',
    name: input.name,
    preset: input.preset,
    instanceType: given(input.instanceType),
    count: input.count,
    nodeSelector: input.nodeSelector && Object.keys(input.nodeSelector).length ? input.nodeSelector : undefined,
    modelAccessSecret: given(input.modelAccessSecret),
    owner,
    entityRef: given(input.component),
  });
}

/** The inference part of a request. @internal */
export function toInferenceFields(input: InferenceFieldsInput): Partial<CreateWorkspaceRequest> {
  return dropUndefined({
    runtime: input.runtime,
    adapters: input.adapters?.length ? input.adapters : undefined,
    inferenceConfig: given(input.inferenceConfig),
  });
}

/** The `tuning` block of a request. @internal */
export function toTuningFields(input: TuningFieldsInput): NonNullable<CreateWorkspaceRequest['tuning']> {
  return dropUndefined({
    method: input.method ?? 'qlora',
    inputUrls: input.inputUrls?.length ? input.inputUrls : undefined,
    inputImage: given(input.inputImage),
    outputImage: input.outputImage,
    outputImagePushSecret: input.outputImagePushSecret,
    config: given(input.config),
  });
}

function given(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
