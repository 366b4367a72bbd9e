import { Condition, LabelSelector, ObjectMeta } from '../api/kubernetes';
import { InferenceSpec, PartitionSpec } from '../api/workspace';

/** InferenceSet API versions (Kaito v0.12): v1alpha1 served, v1beta1 served and stored. @public */
export type InferenceSetApiVersion = 'kaito.sh/v1alpha1' | 'kaito.sh/v1beta1';

/** What each replica runs on. `partition` exists in v1beta1 only. @public */
export interface InferenceSetResourceSpec {
  instanceType?: string;
  partition?: PartitionSpec;
}

/** The Workspace every replica is made from. @public */
export interface InferenceSetTemplate {
  /** Labels and annotations copied to every child Workspace. */
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  resource?: InferenceSetResourceSpec;
  inference: InferenceSpec;
}

/** @public */
export interface InferenceSetMaintenanceWindow {
  /** 5-field cron, UTC. */
  schedule: string;
  /** A Go duration such as `4h`; default 4h. */
  duration?: string;
}

/** @public */
export interface InferenceSetAutoUpgrade {
  enabled?: boolean;
  strategy?: 'InPlace' | 'Surge';
  maintenanceWindow?: InferenceSetMaintenanceWindow;
}

/** @public */
export interface InferenceSetSpec {
  template: InferenceSetTemplate;
  /** Child Workspaces wanted; default 1, at least 0. */
  replicas?: number;
  /** Most GPU nodes all replicas together may use; 0 or unset: no limit. */
  nodeCountLimit?: number;
  /** Copied into every child's `resource.labelSelector`. */
  labelSelector: LabelSelector;
  updateStrategy?: Record<string, unknown>;
  autoUpgrade?: InferenceSetAutoUpgrade;
}

/** @public */
export interface InferenceSetStatus {
  replicas?: number;
  readyReplicas?: number;
  /** `inferenceset.kaito.sh/created-by=<name>`, for the scale subresource. */
  selector?: string;
  conditions?: Condition[];
  performance?: { metrics?: Record<string, { description: string; value: string; unit?: string }> };
}

/**
 * A `kaito.sh` InferenceSet: N Workspaces made from one template.
 *
 * @public
 */
export interface InferenceSet {
  apiVersion: InferenceSetApiVersion;
  kind: 'InferenceSet';
  metadata: ObjectMeta & { name: string };
  spec: InferenceSetSpec;
  status?: InferenceSetStatus;
}

/** Kaito's InferenceSet condition types and reasons (api/v1beta1/condition_types.go, pkg/inferenceset). @public */
export const InferenceSetConditions = {
  ready: 'InferenceSetReady',
  deleting: 'InferenceSetDeleting',
  reasonReady: 'inferencesetReady',
  reasonNotReady: 'inferencesetNotReady',
  reasonDeleted: 'inferencesetDeleted',
  /** Ours: the set breaks Kaito's webhook rules, so no replica is made. */
  reasonInvalid: 'InvalidInferenceSet',
  /** Ours: more replicas are asked for than nodeCountLimit allows. */
  reasonNodeCountLimit: 'NodeCountLimitReached',
} as const;

/** Kaito's finalizer on InferenceSets. @public */
export const INFERENCE_SET_FINALIZER = 'inferenceset.finalizer.kaito.sh';

/** The replicas an InferenceSet asks for: `spec.replicas`, default 1. @public */
export function desiredReplicas(set: Pick<InferenceSet, 'spec'>): number {
  return set.spec.replicas ?? 1;
}

/** Whether a document is an InferenceSet of Kaito's group. @public */
export function isInferenceSetDocument(doc: unknown): boolean {
  const d = doc as { apiVersion?: unknown; kind?: unknown } | null;
  return Boolean(d && d.kind === 'InferenceSet' && typeof d.apiVersion === 'string' && d.apiVersion.startsWith('kaito.sh/'));
}
