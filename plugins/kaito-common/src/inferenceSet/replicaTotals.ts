import { FitResponseBody } from '../rest/types';

/** A fit check multiplied out over a set's replicas. @public */
export interface ReplicaTotals {
  replicas: number;
  /** The most replicas the request may reach: autoscaling's max, else `replicas`. */
  maxReplicas: number;
  gpusPerReplica: number;
  gpus: number;
  maxGpus: number;
  costPerHour?: number;
  maxCostPerHour?: number;
  currency?: string;
  /** The owner's quota after the request at its most, and what is wrong with it, if anything. */
  quota?: { usedGpus: number; maxGpus?: number; usedWorkspaces: number; maxWorkspaces?: number; problem?: string };
}

/**
 * One replica's fit (`POST /fit`: GPUs, cost per hour, the owner's quota) times the replicas
 * asked for and times the autoscaling maximum, which the backend checks against the quota at
 * request time; `quota.problem` says which limit the maximum breaks, in the backend's numbers.
 *
 * @public
 */
export function replicaTotals(fit: Pick<FitResponseBody, 'gpuCount' | 'costPerHour' | 'currency' | 'quota'>, replicas: number, maxReplicas = replicas): ReplicaTotals {
  const most = Math.max(replicas, maxReplicas);
  const totals: ReplicaTotals = {
    replicas,
    maxReplicas: most,
    gpusPerReplica: fit.gpuCount,
    gpus: fit.gpuCount * replicas,
    maxGpus: fit.gpuCount * most,
    ...(fit.costPerHour !== undefined ? { costPerHour: fit.costPerHour * replicas, maxCostPerHour: fit.costPerHour * most } : {}),
    ...(fit.currency ? { currency: fit.currency } : {}),
  };
  const quota = fit.quota;
  if (!quota) return totals;
  const needs = most === replicas ? `${most} replicas` : `autoscaling up to ${most} replicas`;
  let problem: string | undefined;
  if (quota.maxGpus !== undefined && quota.usedGpus + totals.maxGpus > quota.maxGpus) {
    problem = `Over the GPU quota of ${quota.group}: ${quota.usedGpus} of ${quota.maxGpus} GPUs in use, ${needs} need ${totals.maxGpus}`;
  } else if (quota.maxWorkspaces !== undefined && quota.usedWorkspaces + most > quota.maxWorkspaces) {
    problem = `Over the workspace quota of ${quota.group}: ${quota.usedWorkspaces} of ${quota.maxWorkspaces} in use, ${needs} need ${most} (one per replica)`;
  }
  return {
    ...totals,
    quota: {
      usedGpus: quota.usedGpus,
      ...(quota.maxGpus !== undefined ? { maxGpus: quota.maxGpus } : {}),
      usedWorkspaces: quota.usedWorkspaces,
      ...(quota.maxWorkspaces !== undefined ? { maxWorkspaces: quota.maxWorkspaces } : {}),
      ...(problem ? { problem } : {}),
    },
  };
}
