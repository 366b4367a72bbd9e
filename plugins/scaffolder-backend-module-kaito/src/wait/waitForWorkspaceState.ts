import type { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import type { WorkspaceDetails, WorkspaceRef } from '@kaito-backstage/plugin-kaito-common';
import { KaitoBackendClient, KaitoStreamUnavailableError } from '../client/KaitoBackendClient';
import { describeProgress, ProgressMemory } from './describeProgress';
import { defaultWaitTarget, evaluateWorkspace, WaitTarget } from './evaluateWorkspace';

/** A backend restart or a network blip should not fail a long wait. */
const MAX_TRANSIENT_FAILURES_IN_A_ROW = 5;

const PERMANENT_ERRORS = new Set(['InputError', 'AuthenticationError', 'NotAllowedError', 'NotFoundError', 'ConflictError']);

function isTransient(error: unknown): boolean {
  return error instanceof Error && !PERMANENT_ERRORS.has(error.name);
}

/** Options of {@link waitForWorkspaceState}. @internal */
export interface WaitForWorkspaceStateOptions {
  client: Pick<KaitoBackendClient, 'getWorkspace' | 'watchWorkspace'>;
  ref: WorkspaceRef;
  /** Defaults to `Succeeded` for tuning workspaces and `Ready` otherwise. */
  target?: WaitTarget;
  credentials: BackstageCredentials;
  /** Aborts the wait (task cancelled or timed out); the wait rejects with its reason. */
  signal: AbortSignal;
  logger: LoggerService;
  failOnStepFailure: boolean;
  pollIntervalMs: number;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Told about every snapshot, so a timeout can say where the workspace was. */
  onSnapshot?(details: WorkspaceDetails): void;
}

/**
 * Waits until the workspace reaches the target state, logging each
 * provisioning step change once. Follows the backend's event stream and,
 * when the stream is unavailable or breaks off, polls instead.
 *
 * @returns the snapshot in which the target state was reached.
 * @throws when the workspace fails, is deleted, or `signal` aborts.
 * @internal
 */
export async function waitForWorkspaceState(options: WaitForWorkspaceStateOptions): Promise<WorkspaceDetails> {
  const { client, ref, credentials, signal, logger } = options;
  const key = `${ref.cluster}/${ref.namespace}/${ref.name}`;
  let memory: ProgressMemory = { seen: {} };

  const isSettled = (details: WorkspaceDetails): boolean => {
    options.onSnapshot?.(details);
    const progress = describeProgress(memory, details);
    memory = progress.memory;
    for (const line of progress.lines) {
      logger[line.level](line.text);
    }
    const target = options.target ?? defaultWaitTarget(details);
    const verdict = evaluateWorkspace(details, target, options.failOnStepFailure);
    if (verdict.kind === 'failed') {
      throw new Error(verdict.message);
    }
    return verdict.kind === 'reached';
  };

  try {
    for await (const event of client.watchWorkspace(ref, { credentials, signal })) {
      if (event.type === 'deleted') {
        throw new Error(`Workspace ${key} was deleted while waiting for it`);
      }
      if (isSettled(event.workspace)) {
        return event.workspace;
      }
    }
    logger.info(`The event stream of ${key} ended; polling every ${options.pollIntervalMs / 1000} s instead`);
  } catch (error) {
    if (!(error instanceof KaitoStreamUnavailableError)) {
      throw error;
    }
    logger.info(`${error.message}; polling every ${options.pollIntervalMs / 1000} s instead`);
  }

  let failuresInARow = 0;
  for (;;) {
    signal.throwIfAborted();
    let details: WorkspaceDetails | undefined;
    try {
      details = await client.getWorkspace(ref, { credentials, signal });
      failuresInARow = 0;
    } catch (error) {
      failuresInARow += 1;
      if (signal.aborted || !isTransient(error) || failuresInARow > MAX_TRANSIENT_FAILURES_IN_A_ROW) {
        throw error;
      }
      logger.warn(`Could not read ${key}, retrying: ${(error as Error).message}`);
    }
    if (details && isSettled(details)) {
      return details;
    }
    await options.sleep(options.pollIntervalMs, signal);
  }
}

