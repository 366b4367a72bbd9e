import { NodeSelectorRequirement } from '../api/kubernetes';
import { NodePool } from '../api/nodePool';
import { KaitoLabels, sanitizeMatchLabels } from '../labels';
import { sha256Hex } from '../util/sha256';
import { namespaceOf } from './metadata';
import { RenderContext } from './renderContext';
import { nodeClassName } from './renderNodeClaims';

/**
 * NodePool name `<namespace>-<name>`, cut to 63 characters (the first 53, a dash and 9 hex
 * of its sha256) when longer, as Kaito v0.12 names it, so distinct workspaces never share a pool.
 *
 * @public
 */
export function nodePoolName(namespace: string, name: string): string {
  const full = `${namespace}-${name}`;
  if (full.length <= 63) {
    return full;
  }
  return `${full.slice(0, 53)}-${sha256Hex(full).slice(0, 9)}`;
}

/**
 * The Karpenter NodePool of one workspace, as Kaito v0.12's `karpenter` provisioner makes it:
 * static `replicas`; labels `karpenter.kaito.sh/managed-by: kaito` and the workspace's name and
 * namespace; a template whose labels (`karpenter.kaito.sh/workspace-name/-namespace` and the
 * sanitized matchLabels, plus the InferenceSet's for its children) reach the NodeClaims and
 * nodes; GPU taint; instance-type requirement; `consolidateAfter: 0s` and a drift budget of 1
 * node, 0 for an InferenceSet's workspaces. Cluster-scoped, so it is found by labels rather
 * than an ownerReference.
 *
 * @public
 */
export function renderNodePool(context: RenderContext): NodePool | undefined {
  const { workspace, settings } = context;
  const instanceType = workspace.resource.instanceType;
  if (settings.provisioner !== 'karpenter' || !instanceType) {
    return undefined;
  }
  const namespace = namespaceOf(workspace);
  const azureLike = settings.cloud !== 'aws';
  const requirements: NodeSelectorRequirement[] = [
    { key: KaitoLabels.instanceType, operator: 'In', values: [instanceType] },
    ...(azureLike
      ? [{ key: 'karpenter.azure.com/placement-scope', operator: 'In' as const, values: ['regional'] }]
      : []),
  ];
  const inferenceSet = workspace.metadata.labels?.[KaitoLabels.inferenceSetCreatedBy];
  const inferenceSetLabels: Record<string, string> =
    inferenceSet === undefined
      ? {}
      : { [KaitoLabels.karpenterInferenceSet]: inferenceSet, [KaitoLabels.karpenterInferenceSetNamespace]: namespace };
  const ownerLabels = {
    [KaitoLabels.karpenterWorkspaceName]: workspace.metadata.name,
    [KaitoLabels.karpenterWorkspaceNamespace]: namespace,
  };
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: {
      name: nodePoolName(namespace, workspace.metadata.name),
      labels: { [KaitoLabels.karpenterManagedBy]: 'kaito', ...ownerLabels, ...inferenceSetLabels },
    },
    spec: {
      replicas: context.targetNodeCount,
      template: {
        metadata: {
          labels: {
            ...ownerLabels,
            ...sanitizeMatchLabels(workspace.resource.labelSelector.matchLabels),
            ...inferenceSetLabels,
          },
        },
        spec: {
          nodeClassRef: azureLike
            ? { group: 'karpenter.azure.com', kind: 'AKSNodeClass', name: nodeClassName(context) }
            : { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: nodeClassName(context) },
          requirements,
          taints: [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }],
        },
      },
      // An InferenceSet's workspaces start with drift replacement blocked; its controller opens it.
      disruption: {
        consolidateAfter: '0s',
        budgets: [{ nodes: inferenceSet === undefined ? '1' : '0', reasons: ['Drifted'] }],
      },
    },
  };
}
