import { NodeClaim } from '../api/nodeClaim';
import { NodeSelectorRequirement } from '../api/kubernetes';
import { KaitoAnnotations, KaitoLabels, sanitizeMatchLabels } from '../labels';
import { sha256Hex } from '../util/sha256';
import { namespaceOf } from './metadata';
import { RenderContext } from './renderContext';

/** The fake Karpenter pool Kaito's NodeClaims name, so Karpenter leaves them alone. */
const KAITO_NODE_POOL = 'kaito';
const DEFAULT_DISK = '1024Gi';

/**
 * NodeClaim name: `ws` + the first 9 hex chars of sha256(namespace + name + seed), a valid
 * AKS agent-pool name (`^[a-z][a-z0-9]{0,11}$`).
 *
 * @public
 */
export function nodeClaimName(namespace: string, name: string, seed: string): string {
  return `ws${sha256Hex(namespace + name + seed).slice(0, 9)}`;
}

/**
 * The NodeClaims gpu-provisioner turns into GPU nodes (kaito.md §2.5). NodeClaims are
 * cluster-scoped, so they carry no ownerReference (a namespaced owner would make the
 * garbage collector delete them at once); they are found by the workspace labels.
 *
 * @param count - how many to create (the controller subtracts nodes that already exist).
 * @public
 */
export function renderNodeClaims(context: RenderContext, count: number = context.targetNodeCount): NodeClaim[] {
  const { workspace, settings } = context;
  const instanceType = workspace.resource.instanceType;
  if (settings.provisioner !== 'gpu-provisioner' || !instanceType) {
    return [];
  }
  const namespace = namespaceOf(workspace);
  const timestamp = (settings.now?.() ?? new Date(0)).toISOString();
  const azureLike = settings.cloud !== 'aws';
  const requirements: NodeSelectorRequirement[] = [
    { key: KaitoLabels.karpenterNodePool, operator: 'In', values: [KAITO_NODE_POOL] },
    { key: KaitoLabels.instanceType, operator: 'In', values: [instanceType] },
    { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
    azureLike
      ? { key: 'karpenter.azure.com/sku-name', operator: 'In', values: [instanceType] }
      : { key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'Gt', values: ['0'] },
  ];
  return Array.from({ length: count }, (_, index) => ({
    apiVersion: 'karpenter.sh/v1' as const,
    kind: 'NodeClaim' as const,
    metadata: {
      name: nodeClaimName(namespace, workspace.metadata.name, `${timestamp}#${index}`),
      labels: {
        ...sanitizeMatchLabels(workspace.resource.labelSelector.matchLabels),
        [KaitoLabels.karpenterNodePool]: KAITO_NODE_POOL,
        [KaitoLabels.workspace]: workspace.metadata.name,
        [KaitoLabels.workspaceNamespace]: namespace,
      },
      annotations: {
        [KaitoAnnotations.doNotDisrupt]: 'true',
        [KaitoAnnotations.nodeImageFamily]:
          workspace.metadata.annotations?.[KaitoAnnotations.nodeImageFamily] ?? 'ubuntu',
      },
    },
    spec: {
      nodeClassRef: azureLike
        ? { group: 'kaito.sh', kind: 'KaitoNodeClass', name: nodeClassName(context) }
        : { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: nodeClassName(context) },
      requirements,
      taints: [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' as const }],
      resources: { requests: { storage: context.preset ? `${context.preset.diskGiB}Gi` : DEFAULT_DISK } },
    },
  }));
}

/** @internal */
export function nodeClassName(context: RenderContext): string {
  return (
    context.workspace.metadata.annotations?.[KaitoAnnotations.nodeClassName] ??
    context.settings.nodeClassName ??
    'default'
  );
}
