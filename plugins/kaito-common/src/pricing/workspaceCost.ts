import { Workspace } from '../api/workspace';

/**
 * When a workspace stopped costing: the moment it Failed (its latest
 * condition transition) or its tuning Succeeded (WorkspaceSucceeded turning
 * True). Undefined while it runs, or may still run. A failed workspace holds
 * no GPU node (the cloud refused it, the spec was invalid, or the Job ended),
 * and a finished tuning workspace gives its nodes back, so neither counts
 * toward cost per hour.
 *
 * @public
 */
export function costStoppedAt(workspace: Workspace): string | undefined {
  const state = workspace.status?.state;
  const conditions = workspace.status?.conditions ?? [];
  if (state === 'Succeeded') {
    return conditions.find(c => c.type === 'WorkspaceSucceeded' && c.status === 'True')?.lastTransitionTime || undefined;
  }
  if (state === 'Failed') {
    const times = conditions.map(c => c.lastTransitionTime).filter(Boolean).sort();
    return times[times.length - 1];
  }
  return undefined;
}

/** Whether a workspace in this state stopped costing (failed, or tuning finished). @public */
export function isCostStopped(state: string | undefined): boolean {
  return state === 'Failed' || state === 'Succeeded';
}

/**
 * What a workspace has cost from its creation to `until` (its stop, or now)
 * at `perHour`, rounded to cents; undefined without a price or creation time.
 *
 * @public
 */
export function costSoFar(options: {
  perHour: number | undefined;
  createdAt: string | undefined;
  stoppedAt?: string;
  now: Date;
}): number | undefined {
  const { perHour, createdAt, stoppedAt, now } = options;
  if (perHour === undefined || !createdAt) return undefined;
  const start = Date.parse(createdAt);
  const end = stoppedAt ? Math.min(Date.parse(stoppedAt), now.getTime()) : now.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
  const hours = Math.max(0, end - start) / 3_600_000;
  return Math.round(perHour * hours * 100) / 100;
}
