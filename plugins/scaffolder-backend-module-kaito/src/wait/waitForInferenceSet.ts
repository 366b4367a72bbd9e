import type { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { InferenceSetSummary, WorkspaceRef } from '@kaito-backstage/plugin-kaito-common';
import type { KaitoActionDeps } from '../actions/KaitoActionDeps';

/** What {@link waitForInferenceSet} needs. @internal */
export interface WaitForInferenceSetOptions {
  deps: KaitoActionDeps;
  ref: WorkspaceRef;
  credentials: BackstageCredentials;
  /** Aborts on the timeout or the task's cancellation. */
  signal: AbortSignal;
  timeout: AbortSignal;
  task?: AbortSignal;
  minutes: number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  pollIntervalMs: number;
  logger: LoggerService;
}

const describe = (set: InferenceSetSummary) =>
  `${set.readyReplicas}/${set.replicas} replicas ready${set.message && !set.ready ? ` (${set.reason}: ${set.message})` : ''}`;

/**
 * Polls an InferenceSet until InferenceSetReady is True, logging each change of its ready
 * count; fails at once when the set is refused (InvalidInferenceSet) and with the last
 * count on timeout.
 *
 * @internal
 */
export async function waitForInferenceSet(options: WaitForInferenceSetOptions): Promise<InferenceSetSummary> {
  const { deps, ref, credentials, signal, logger } = options;
  const key = `${ref.cluster}/${ref.namespace}/${ref.name}`;
  let last: InferenceSetSummary | undefined;
  let said = '';
  try {
    for (;;) {
      const set = await deps.client.findInferenceSet(ref, { credentials, signal });
      if (!set) throw new NotFoundError(`Inference set ${key} does not exist (any more)`);
      last = set;
      const now = describe(set);
      if (now !== said) logger.info(`Inference set ${key}: ${now}`);
      said = now;
      if (set.ready) return set;
      if (set.reason === 'InvalidInferenceSet') throw new Error(`Inference set ${key} was refused: ${set.message}`);
      await options.sleep(options.pollIntervalMs, signal);
    }
  } catch (error) {
    if (options.timeout.aborted && !options.task?.aborted) {
      throw new Error(`Timed out after ${options.minutes} minutes waiting for inference set ${key} to be ready${last ? `: ${describe(last)}` : ''}`);
    }
    if (options.task?.aborted) throw new Error(`Stopped waiting for inference set ${key}: the task was cancelled`);
    throw error;
  }
}
