import { NodeSelectorRequirement } from '../api/kubernetes';
import { NodePool } from '../api/nodePool';
import { KaitoLabels, sanitizeMatchLabels } from '../labels';
import { sha256Hex } from '../util/sha256';
import { namespaceOf } from './metadata';
import { RenderContext } from './renderContext';
import { nodeClassName } from './renderNodeClaims';

/**
 * NodePool name `<namespace>-<name>`, cut to 63 characters with a 9-hex hash suffix
 * when longer, so distinct workspaces never share a pool.
 *
 * @public
 */
export function nodePoolName(namespace: string, name: string): string {
  const full = `${namespace}-${name}`;
  if (full.length <= 63) {
    return full;
  }
  return `${full.slice(0, 53).replace(/-+$/, '')}-${sha256Hex(full).slice(0, 9)}`;
}

/**
 * The Karpenter NodePool of one workspace (Kaito ≥ v0.11 `karpenter` provisioner):
 * static `replicas`, GPU taint, instance-type requirement, no consolidation of busy nodes.
 * Cluster-scoped, so it is found by labels rather than an ownerReference.
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
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: {
      name: nodePoolName(namespace, workspace.metadata.name),
      labels: {
        'app.kubernetes.io/managed-by': 'kaito',
        [KaitoLabels.karpenterWorkspaceName]: workspace.metadata.name,
        [KaitoLabels.karpenterWorkspaceNamespace]: namespace,
      },
    },
    spec: {
      replicas: context.targetNodeCount,
      template: {
        metadata: {
          labels: {
            ...sanitizeMatchLabels(workspace.resource.labelSelector.matchLabels),
            [KaitoLabels.workspace]: workspace.metadata.name,
            [KaitoLabels.workspaceNamespace]: namespace,
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
      disruption: {
        consolidationPolicy: 'WhenEmpty',
        consolidateAfter: '0s',
        budgets: [{ nodes: '1', reasons: ['Drifted'] }],
      },
    },
  };
}
