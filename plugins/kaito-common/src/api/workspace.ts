import { Condition, LabelSelector, ObjectMeta, PodTemplateSpec, Volume } from './kubernetes';

/** Kaito Workspace API group. @public */
export const KAITO_GROUP = 'kaito.sh';

/** Workspace API versions: v1alpha1 is served, v1beta1 is served and stored. @public */
export type WorkspaceApiVersion = 'kaito.sh/v1alpha1' | 'kaito.sh/v1beta1';

/** GPU partitioning of BYO nodes (v1beta1 only). @public */
export interface PartitionSpec {
  mode: 'mig' | 'accelerator';
  /** MIG profile such as `1g.10gb` (MIG only). */
  profile?: string;
  /** Accelerator slices (accelerator mode only). */
  count?: number;
}

/** Where the Workspace's GPUs come from. @public */
export interface ResourceSpec {
  /** @deprecated in v1beta1; node count for the transformers runtime. Default 1. */
  count?: number;
  /** GPU SKU; required with node auto-provisioning, empty in BYO mode. */
  instanceType?: string;
  labelSelector: LabelSelector;
  /** @deprecated no controller at HEAD reads it. */
  preferredNodes?: string[];
  partition?: PartitionSpec;
}

/** @public */
export interface PresetOptions {
  /** @deprecated private images of v0.4. */
  image?: string;
  /** @deprecated pull secrets of the private images of v0.4. */
  imagePullSecrets?: string[];
  /** Secret with the key `HF_TOKEN` (v1beta1). */
  modelAccessSecret?: string;
}

/** @public */
export interface PresetSpec {
  name: string;
  /** @deprecated default `public`. */
  accessMode?: 'public' | 'private';
  presetOptions?: PresetOptions;
}

/** Source of adapters or tuning data. @public */
export interface DataSource {
  name?: string;
  urls?: string[];
  volumeSource?: Omit<Volume, 'name'>;
  image?: string;
  imagePullSecrets?: string[];
}

/** Where a tuning Job writes its result. @public */
export interface DataDestination {
  volumeSource?: Omit<Volume, 'name'>;
  image?: string;
  imagePushSecret?: string;
}

/** @public */
export interface AdapterSpec {
  source: DataSource;
  /** A float in [0,1] written as a string, default "1.0". */
  strength?: string;
}

/** @public */
export interface InferenceSpec {
  preset?: PresetSpec;
  template?: PodTemplateSpec;
  /** ConfigMap name holding `inference_config.yaml`. */
  config?: string;
  adapters?: AdapterSpec[];
}

/** @public */
export type TuningMethod = 'lora' | 'qlora';

/**
 * The tuning method, lower-cased: Kaito accepts `method` in any case (`LoRA`, `QLoRA`).
 *
 * @public
 */
export function tuningMethodOf(tuning: Pick<TuningSpec, 'method'>): TuningMethod {
  return tuning.method.toLowerCase() as TuningMethod;
}

/** @public */
export interface TuningSpec {
  preset: PresetSpec;
  /** `lora` or `qlora`, in any case; read it with {@link tuningMethodOf}. */
  method: string;
  /** ConfigMap name holding `training_config.yaml`. */
  config?: string;
  input: DataSource;
  output: DataDestination;
}

/** @public */
export type WorkspaceState =
  | 'Pending'
  | 'Ready'
  | 'NotReady'
  | 'Running'
  | 'Succeeded'
  | 'Failed';

/** @public */
export interface PerformanceMetric {
  /** The benchmark's load pattern, e.g. `stress/high-concurrency`. */
  description?: string;
  value: string;
  /** e.g. `tokens/min`. */
  unit?: string;
  /** The benchmark's parameters (maxConcurrency, inputTokens, engine, …). */
  config?: Record<string, string>;
}

/** @public */
export interface WorkspaceStatus {
  /** Sorted names of the workspace's nodes. */
  workerNodes?: string[];
  conditions?: Condition[];
  /** v1beta1 only. */
  state?: WorkspaceState;
  /** v1beta1 only; written once, while 0. */
  targetNodeCount?: number;
  /** v1beta1 only; post-load benchmark. */
  performance?: { metrics?: Record<string, PerformanceMetric> };
}

/**
 * A `kaito.sh` Workspace. There is no `spec`: `resource`, `inference` and `tuning`
 * sit beside `metadata`.
 *
 * @public
 */
export interface Workspace {
  apiVersion: WorkspaceApiVersion;
  kind: 'Workspace';
  metadata: ObjectMeta & { name: string };
  resource: ResourceSpec;
  inference?: InferenceSpec;
  tuning?: TuningSpec;
  status?: WorkspaceStatus;
}
