/**
 * Workspace condition types, with Kaito's exact strings.
 *
 * @public
 */
export const ConditionTypes = {
  /** All NodeClaims of the workspace are Ready. */
  NodeClaimReady: 'NodeClaimReady',
  /** Enough Ready nodes with GPU plugins. */
  NodesReady: 'NodesReady',
  /** NodeClaimReady and NodesReady together. */
  ResourceReady: 'ResourceReady',
  /** The inference StatefulSet has all replicas ready. */
  InferenceReady: 'InferenceReady',
  /** The tuning Job has started. */
  JobStarted: 'JobStarted',
  /** The workspace reached its goal (serving, or tuning finished). */
  WorkspaceSucceeded: 'WorkspaceSucceeded',
  /** True while the finalizer runs. */
  WorkspaceDeleting: 'WorkspaceDeleting',
  /** The post-load benchmark finished (write-once). */
  BenchmarkCompleted: 'BenchmarkCompleted',
  /** Weights mirrored for streaming. */
  ModelMirrorReady: 'ModelMirrorReady',
  /** Defined by Kaito, never set by the workspace controller. */
  ScalingDownCompleted: 'ScalingDownCompleted',
  /** v0.2.x: the Machine was ready. */
  MachineReady: 'MachineReady',
  /** v0.2.x: the workspace was ready. */
  WorkspaceReady: 'WorkspaceReady',
} as const;

/** @public */
export type ConditionType = (typeof ConditionTypes)[keyof typeof ConditionTypes];

/**
 * Condition reasons. Kaito's own keep their exact (mixed-case) strings; reasons only
 * this project adds are UpperCamelCase.
 *
 * @public
 */
export const ConditionReasons = {
  /** NodeClaimReady=True. */
  NodeClaimsReady: 'NodeClaimsReady',
  /** NodeClaimReady=False. */
  NodeClaimNotReady: 'NodeClaimNotReady',
  /** A Karpenter stage has not reported yet. */
  AwaitingReconciliation: 'AwaitingReconciliation',
  /** NodesReady=True. */
  NodesReady: 'NodesReady',
  /** Too few Ready nodes. */
  NodeNotReady: 'NodeNotReady',
  /** Nodes lack `nvidia.com/gpu` capacity or the accelerator label. */
  NodePluginsNotReady: 'NodePluginsNotReady',
  /** ResourceReady=True. */
  ResourceStatusSuccess: 'workspaceResourceStatusSuccess',
  /** ResourceReady=False. */
  ResourceStatusNotReady: 'workspaceResourceStatusNotReady',
  /** Streaming: the model mirror is not ready. */
  ModelMirrorNotReady: 'ModelMirrorNotReady',
  /** InferenceReady=True. */
  InferenceStatusSuccess: 'WorkspaceInferenceStatusSuccess',
  /** InferenceReady=False while pods come up. */
  InferenceStatusPending: 'WorkspaceInferenceStatusPending',
  /** A container image cannot be pulled. */
  ImagePullError: 'ImagePullError',
  /** A container restarts in a loop. */
  ContainerCrashLoopBackOff: 'ContainerCrashLoopBackOff',
  /** A container ran out of memory. */
  ContainerOOMKilled: 'ContainerOOMKilled',
  /** A container failed to start. */
  ContainerStartError: 'ContainerStartError',
  /** The pod was evicted. */
  PodEvicted: 'PodEvicted',
  /** The node is short of disk. */
  NodeDiskPressure: 'NodeDiskPressure',
  /** The node is short of memory. */
  NodeMemoryPressure: 'NodeMemoryPressure',
  /** The pod cannot be scheduled. */
  Unschedulable: 'Unschedulable',
  /** Streaming: no SAS token. */
  SASTokenFetchFailed: 'SASTokenFetchFailed',
  /** JobStarted=True. */
  TuningJobStatusStarted: 'WorkspaceTuningJobStatusStarted',
  /** JobStarted=False, not yet started. */
  TuningJobStatusPending: 'WorkspaceTuningJobStatusPending',
  /** JobStarted=False, the Job failed. */
  TuningJobStatusFailed: 'WorkspaceTuningJobStatusFailed',
  /** WorkspaceSucceeded=True. */
  WorkspaceSucceeded: 'workspaceSucceeded',
  /** WorkspaceSucceeded=False while work remains. */
  WorkspacePending: 'workspacePending',
  /** WorkspaceSucceeded=False, tuning failed. */
  WorkspaceFailed: 'workspaceFailed',
  /** WorkspaceDeleting=True. */
  WorkspaceDeleted: 'workspaceDeleted',
  /** BenchmarkCompleted=True. */
  BenchmarkCompleted: 'BenchmarkCompleted',
  /** The benchmark failed. */
  BenchmarkFailed: 'BenchmarkFailed',
  /** ModelMirrorReady=True. */
  ModelMirrorReady: 'ModelMirrorReady',
  /** ModelMirrorReady=False. */
  ModelMirrorPending: 'ModelMirrorPending',
  /** Ours: the preset name is in no catalog. */
  PresetNotFound: 'PresetNotFound',
  /** Ours: the instance type is in no SKU table and no custom config. */
  SkuNotFound: 'SkuNotFound',
  /** Ours: the model does not fit the SKU at any allowed node count. */
  SkuTooSmall: 'SkuTooSmall',
  /** Ours: the workspace fails validation. */
  InvalidWorkspace: 'InvalidWorkspace',
  /** Ours: an object with a child's name exists and is not controlled by this workspace, so it is left alone. */
  ResourceConflict: 'ResourceConflict',
  /**
   * Ours: the owner group's quota (kaito.quotas) has no room for a workspace created in the
   * cluster past the portal, so it is not provisioned. Not Kaito's QuotaExceeded (the cloud's).
   */
  OwnerQuotaExceeded: 'OwnerQuotaExceeded',
} as const;

/** @public */
export type ConditionReason = (typeof ConditionReasons)[keyof typeof ConditionReasons];
