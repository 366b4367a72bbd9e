/**
 * Label, annotation and finalizer keys: Kaito's own (exact strings) and ours.
 *
 * @public
 */
export const KaitoLabels = {
  /** On nodes, NodeClaims and pods: the owning workspace's name. */
  workspace: 'kaito.sh/workspace',
  /** On nodes and NodeClaims: the owning workspace's namespace. */
  workspaceNamespace: 'kaito.sh/workspacenamespace',
  /** Karpenter-provisioner label naming the workspace. */
  karpenterWorkspaceName: 'karpenter.kaito.sh/workspace-name',
  /** Karpenter-provisioner label naming the workspace's namespace. */
  karpenterWorkspaceNamespace: 'karpenter.kaito.sh/workspace-namespace',
  /** Karpenter-provisioner label on the NodePools and NodeClasses Kaito manages: `kaito`. */
  karpenterManagedBy: 'karpenter.kaito.sh/managed-by',
  /** Karpenter-provisioner label naming the InferenceSet of a workspace it created. */
  karpenterInferenceSet: 'karpenter.kaito.sh/inferenceset',
  /** Karpenter-provisioner label naming that InferenceSet's namespace. */
  karpenterInferenceSetNamespace: 'karpenter.kaito.sh/inferenceset-namespace',
  /** Set by gpu-provisioner on its nodes: `gpu` or `cpu`. */
  machineType: 'kaito.sh/machine-type',
  /** The Karpenter pool label; NodeClaims get the fake pool `kaito`. */
  karpenterNodePool: 'karpenter.sh/nodepool',
  /** Node instance type, set by the cloud. */
  instanceType: 'node.kubernetes.io/instance-type',
  /** Added by Kaito on GPU nodes once the plugins run. */
  accelerator: 'accelerator',
  /** ControllerRevision label naming the workspace. */
  revisionWorkspaceName: 'workspace.kaito.io/name',
  /** InferenceSet children. */
  inferenceSetCreatedBy: 'inferenceset.kaito.sh/created-by',
  /** Ours: a sanitized, selectable form of the owner entity ref. */
  backstageOwner: 'backstage.kaito.sh/owner',
  /**
   * On a Workspace (Kaito v0.12's auto-upgrade): move the inference StatefulSet to this
   * `kaito-base` tag when it is the one the controller deploys; kept after as a record.
   */
  upgradeToVersion: 'kaito.sh/upgrade-to-version',
} as const;

/**
 * Annotation keys.
 *
 * @public
 */
export const KaitoAnnotations = {
  /** `vllm` or `transformers`. */
  runtime: 'kaito.sh/runtime',
  /** Any value: GPU-memory admission errors become warnings. */
  bypassResourceChecks: 'kaito.sh/bypass-resource-checks',
  /** Exactly `"True"`: the Service becomes a LoadBalancer. */
  enableLoadBalancer: 'kaito.sh/enablelb',
  /** `ubuntu` or `azurelinux`. */
  nodeImageFamily: 'kaito.sh/node-image-family',
  /** Karpenter NodeClass name. */
  nodeClassName: 'kaito.sh/node-class-name',
  /** `balanced`, `interactivity` or `throughput`. */
  performanceMode: 'kaito.sh/performance-mode',
  /** `"true"` or `"false"`: weights from a hostPath. */
  useLocalWeights: 'kaito.sh/use-local-weights',
  /** `"true"` disables the post-load benchmark. */
  disableBenchmark: 'kaito.sh/disable-benchmark',
  /** sha256 of JSON(resource, inference, tuning). */
  hash: 'workspace.kaito.io/hash',
  /** Integer revision; also on the StatefulSet/Job. */
  revision: 'workspace.kaito.io/revision',
  /** On NodeClaims: keep Karpenter from disrupting the node. */
  doNotDisrupt: 'karpenter.sh/do-not-disrupt',
  /** Ours: owner entity ref, e.g. `group:default/team-a`. */
  backstageOwner: 'backstage.kaito.sh/owner',
  /** Ours: the user entity ref that requested the workspace. */
  backstageRequestedBy: 'backstage.kaito.sh/requested-by',
  /** Ours: the catalog entity the workspace serves. */
  backstageEntityRef: 'backstage.kaito.sh/entity-ref',
  /**
   * Ours: `"true"` lets a workspace whose model is no catalog preset run the model's own
   * code (`--trust-remote-code`); honoured only where config allows it (an admin's choice).
   */
  trustRemoteCode: 'backstage.kaito.sh/trust-remote-code',
  /**
   * Ours: on a workspace being replaced by an edit (a new instance type or node count,
   * immutable in Kaito), the JSON of its successor; the controller creates it once the
   * old workspace's finalizer is done.
   */
  backstageReplaceWith: 'backstage.kaito.sh/replace-with',
} as const;

/** Finalizer Kaito puts on every Workspace. @public */
export const WORKSPACE_FINALIZER = 'workspace.finalizer.kaito.sh';

/** Prefix of every label or annotation this project adds. @public */
export const BACKSTAGE_KAITO_PREFIX = 'backstage.kaito.sh/';

/**
 * Selector keys Kaito strips from a user `labelSelector` (they are Kaito's own).
 *
 * @public
 */
export const RESERVED_SELECTOR_KEYS: readonly string[] = [
  'kaito.sh/workspace',
  'kaito.sh/workspacenamespace',
  'kaito.sh/ragengine',
  'kaito.sh/ragenginenamespace',
  'karpenter.kaito.sh/workspace-name',
  'karpenter.kaito.sh/workspace-namespace',
  'karpenter.kaito.sh/inferenceset',
  'karpenter.kaito.sh/inferenceset-namespace',
];

/**
 * Removes reserved keys from `matchLabels`, as Kaito does wherever it uses a selector.
 *
 * @public
 */
export function sanitizeMatchLabels(
  matchLabels: Record<string, string> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of Object.keys(matchLabels ?? {}).sort()) {
    if (!RESERVED_SELECTOR_KEYS.includes(key)) {
      result[key] = matchLabels![key];
    }
  }
  return result;
}
