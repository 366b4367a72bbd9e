import {
  costSoFar,
  type WorkspaceSummary,
} from '@kaito-backstage/plugin-kaito-common';

/**
 * A workspace's cost so far at `nowMs`: the backend's figure for one that
 * stopped costing, else counted on from its creation at its price, so the
 * figure moves between the snapshots of the live stream.
 *
 * @internal
 */
export function liveCostSoFar(
  workspace: Pick<
    WorkspaceSummary,
    'costSoFar' | 'costStoppedAt' | 'costPerHour' | 'createdAt'
  >,
  nowMs: number,
): number | undefined {
  if (workspace.costStoppedAt) return workspace.costSoFar;
  return (
    costSoFar({
      perHour: workspace.costPerHour,
      createdAt: workspace.createdAt,
      now: new Date(nowMs),
    }) ?? workspace.costSoFar
  );
}
