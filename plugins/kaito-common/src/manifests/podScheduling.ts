import { Affinity, NodeSelectorRequirement, Toleration } from '../api/kubernetes';
import { KaitoLabels, sanitizeMatchLabels } from '../labels';
import { namespaceOf } from './metadata';
import { RenderContext } from './renderContext';

/** Tolerations for GPU nodes: the NVIDIA and `sku=gpu` taints, and Azure spot. @internal */
export function gpuTolerations(context: RenderContext): Toleration[] {
  return [
    { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
    ...(context.settings.cloud === 'aws'
      ? []
      : [{ key: 'kubernetes.azure.com/scalesetpriority', operator: 'Equal' as const, value: 'spot', effect: 'NoSchedule' as const }]),
  ];
}

/**
 * Required node affinity: `In` per sanitized selector label, plus the workspace labels the
 * provisioner puts on its nodes, as Kaito v0.12 pins pods to them: `kaito.sh/workspace` and
 * `kaito.sh/workspacenamespace` for gpu-provisioner, `karpenter.kaito.sh/workspace-name` and
 * `-namespace` for Karpenter, none for BYO. Sorted by key for stable output.
 *
 * @internal
 */
export function workspaceNodeAffinity(context: RenderContext): Affinity {
  const { workspace, settings } = context;
  const labels: Record<string, string> = {
    ...sanitizeMatchLabels(workspace.resource.labelSelector.matchLabels),
    ...provisionerNodeLabels(settings.provisioner, workspace.metadata.name, namespaceOf(workspace)),
  };
  const matchExpressions: NodeSelectorRequirement[] = Object.keys(labels)
    .sort()
    .map(key => ({ key, operator: 'In', values: [labels[key]] }));
  for (const expression of workspace.resource.labelSelector.matchExpressions ?? []) {
    matchExpressions.push({ key: expression.key, operator: expression.operator, ...(expression.values ? { values: expression.values } : {}) });
  }
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] },
    },
  };
}

function provisionerNodeLabels(provisioner: RenderContext['settings']['provisioner'], name: string, namespace: string): Record<string, string> {
  switch (provisioner) {
    case 'gpu-provisioner':
      return { [KaitoLabels.workspace]: name, [KaitoLabels.workspaceNamespace]: namespace };
    case 'karpenter':
      return { [KaitoLabels.karpenterWorkspaceName]: name, [KaitoLabels.karpenterWorkspaceNamespace]: namespace };
    default:
      return {};
  }
}
