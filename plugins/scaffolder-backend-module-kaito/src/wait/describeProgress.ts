import type { ProvisioningStep, WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';

/** What has been logged so far, to log each change once. @internal */
export interface ProgressMemory {
  state?: string;
  /** Step id (or condition type) → the signature last logged. */
  seen: Record<string, string>;
}

/** A line to log. @internal */
export interface ProgressLine {
  level: 'info' | 'warn';
  text: string;
}

const STATUS_WORDS: Record<ProvisioningStep['status'], string> = {
  done: 'done',
  active: 'in progress',
  failed: 'failed',
  pending: 'pending',
};

/**
 * The lines to log for a new snapshot of the workspace: each provisioning
 * step whose status, reason or message changed, then the state if it
 * changed. Steps that were never started are not logged. When the backend
 * reports no steps, the Kaito conditions stand in for them.
 *
 * @internal
 */
export function describeProgress(
  memory: ProgressMemory,
  details: WorkspaceDetails,
): { lines: ProgressLine[]; memory: ProgressMemory } {
  const lines: ProgressLine[] = [];
  const seen = { ...memory.seen };

  if (details.steps.length) {
    for (const step of details.steps) {
      const signature = [step.status, step.reason, step.message].join('|');
      const logged = seen[step.id];
      if (signature === logged || (logged === undefined && step.status === 'pending')) {
        continue;
      }
      seen[step.id] = signature;
      lines.push(...describeStep(step));
    }
  } else {
    for (const condition of details.conditions) {
      const signature = [condition.status, condition.reason, condition.message].join('|');
      if (seen[condition.type] === signature) {
        continue;
      }
      seen[condition.type] = signature;
      const why = [condition.reason, condition.message].filter(Boolean).join(': ');
      lines.push({ level: 'info', text: `${condition.type}=${condition.status}${why ? ` (${why})` : ''}` });
    }
  }

  // The state goes last: it is the outcome of the step changes above it.
  if (details.state !== memory.state) {
    lines.push({
      level: 'info',
      text: `Workspace ${details.key} is ${memory.state ? 'now ' : ''}${details.state}`,
    });
  }

  return { lines, memory: { state: details.state, seen } };
}

function describeStep(step: ProvisioningStep): ProgressLine[] {
  const why = [step.reason, step.message].filter(Boolean).join(': ');
  const text = `[${STATUS_WORDS[step.status]}] ${step.title}${why ? ` (${why})` : ''}`;
  if (step.status !== 'failed') {
    return [{ level: 'info', text }];
  }
  const lines: ProgressLine[] = [{ level: 'warn', text }];
  if (step.hint) {
    lines.push({ level: 'warn', text: `Hint: ${step.hint}` });
  }
  return lines;
}
