import { Workspace } from '../api/workspace';
import { KaitoCatalog } from '../catalog/kaitoCatalog';
import { ConditionReasons, ConditionTypes } from '../conditions';
import { KaitoAnnotations } from '../labels';
import { computeTargetNodeCount } from '../manifests/renderContext';
import { findPreset } from '../presets/findPreset';
import { estimateCost } from '../pricing/estimateCost';
import { costSoFar, costStoppedAt, isCostStopped } from '../pricing/workspaceCost';
import { lookupSku } from '../sku/lookupSku';
import { workspaceRuntime } from '../validation/runtime';
import { WorkspaceSummary } from './types';

const conditionStatus = (workspace: Workspace, type: string) =>
  workspace.status?.conditions?.find(c => c.type === type)?.status;

/**
 * The nodes Kaito will provision before it has written status.targetNodeCount:
 * its vLLM estimator ignores `resource.count`, so a new workspace's cost and
 * node count must not claim the requested count.
 */
function plannedNodeCount(workspace: Workspace, catalog: KaitoCatalog): number {
  const presetName = workspace.inference?.preset?.name ?? workspace.tuning?.preset.name;
  const instanceType = workspace.resource.instanceType;
  return computeTargetNodeCount(workspace, {
    preset: presetName ? findPreset(presetName, { customPresets: catalog.customPresets }) : undefined,
    sku: instanceType ? lookupSku(instanceType, { customSkus: catalog.customSkus }) : undefined,
    runtime: workspaceRuntime(workspace),
  });
}

/**
 * Whether the controller holds the workspace back for its owner's quota (it
 * was written to the cluster past the portal): no node was ever launched for
 * it, so it costs nothing until it is admitted.
 */
function heldByOwnerQuota(workspace: Workspace): boolean {
  const resource = workspace.status?.conditions?.find(c => c.type === ConditionTypes.ResourceReady);
  return resource?.status === 'False' && resource.reason === ConditionReasons.OwnerQuotaExceeded && !workspace.status?.workerNodes?.length;
}

/**
 * One line about a workspace: what runs where, its state and Kaito's columns,
 * GPUs and cost per hour, and who owns it.
 *
 * @public
 */
export function summarizeWorkspace(
  cluster: string,
  workspace: Workspace,
  catalog: KaitoCatalog = {},
  now: Date = new Date(),
): WorkspaceSummary {
  const { name, namespace = 'default', annotations = {} } = workspace.metadata;
  const instanceType = workspace.resource.instanceType;
  const sku = instanceType ? lookupSku(instanceType, { customSkus: catalog.customSkus }) : undefined;
  const nodes = workspace.status?.targetNodeCount || plannedNodeCount(workspace, catalog);
  const cost = instanceType ? estimateCost(instanceType, nodes, catalog.prices) : undefined;
  const tuning = Boolean(workspace.tuning);
  const state = workspace.status?.state ?? 'Pending';
  const stoppedAt = costStoppedAt(workspace);
  const held = heldByOwnerQuota(workspace);
  return {
    ref: { cluster, namespace, name },
    key: `${cluster}/${namespace}/${name}`,
    kind: tuning ? 'tuning' : 'inference',
    preset: workspace.inference?.preset?.name ?? workspace.tuning?.preset.name,
    runtime: workspaceRuntime(workspace),
    instanceType,
    state,
    columns: {
      resourceReady: conditionStatus(workspace, 'ResourceReady'),
      inferenceReady: tuning ? undefined : conditionStatus(workspace, 'InferenceReady'),
      jobStarted: tuning ? conditionStatus(workspace, 'JobStarted') : undefined,
      workspaceSucceeded: conditionStatus(workspace, 'WorkspaceSucceeded'),
    },
    targetNodeCount: nodes,
    gpuCount: nodes * (sku?.gpuCount ?? 0),
    // Held back by the owner's quota: it costs nothing now, priced or not (so it is not counted as unpriced either).
    costPerHour: held ? 0 : cost && (isCostStopped(state) ? 0 : cost.perHour),
    costSoFar: held ? 0 : costSoFar({ perHour: cost?.perHour, createdAt: workspace.metadata.creationTimestamp, stoppedAt, now }),
    costStoppedAt: stoppedAt,
    currency: cost?.currency,
    owner: annotations[KaitoAnnotations.backstageOwner],
    requestedBy: annotations[KaitoAnnotations.backstageRequestedBy],
    entityRef: annotations[KaitoAnnotations.backstageEntityRef],
    createdAt: workspace.metadata.creationTimestamp,
    deleting: Boolean(workspace.metadata.deletionTimestamp),
  };
}
