import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CreateWorkspaceResponse, WorkspaceSummary } from '@kaito-backstage/plugin-kaito-common';

/**
 * One line saying what the workspace will run on, e.g.
 * `phi-3-mini-4k-instruct on 1 × Standard_NV36ads_A10_v5 (1 GPU), about 3.20 USD/hour`.
 *
 * @internal
 */
export function describePlan(workspace: WorkspaceSummary): string {
  const nodes = workspace.instanceType
    ? `${workspace.targetNodeCount} × ${workspace.instanceType}`
    : `${workspace.targetNodeCount} bring-your-own node${workspace.targetNodeCount === 1 ? '' : 's'}`;
  const gpus = `${workspace.gpuCount} GPU${workspace.gpuCount === 1 ? '' : 's'}`;
  const cost =
    workspace.costPerHour !== undefined
      ? `, about ${workspace.costPerHour.toFixed(2)} ${workspace.currency ?? 'USD'}/hour`
      : '';
  const model = workspace.preset ?? 'custom model';
  return `${model} on ${nodes} (${gpus})${cost}`;
}

/** Logs the backend's warnings (retired SKUs and the like), one line each. @internal */
export function logWarnings(logger: LoggerService, response: CreateWorkspaceResponse): void {
  for (const warning of response.warnings) {
    logger.warn(`${warning.path ? `${warning.path}: ` : ''}${warning.message}`);
  }
}

/**
 * Says so when the backend plans another node count than the one asked for:
 * Kaito's vLLM estimator sets the count itself and ignores `resource.count`.
 *
 * @internal
 */
export function logIgnoredCount(logger: LoggerService, requested: number | undefined, workspace: WorkspaceSummary): void {
  if (requested !== undefined && requested !== workspace.targetNodeCount) {
    logger.warn(
      `Kaito sizes this workspace itself: it provisions ${workspace.targetNodeCount} node${workspace.targetNodeCount === 1 ? '' : 's'}, not the ${requested} asked for`,
    );
  }
}
