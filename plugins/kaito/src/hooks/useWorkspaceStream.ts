import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  WorkspaceDetails,
  WorkspaceRef,
} from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../api/KaitoApi';

/** What `useWorkspaceStream` reports. @public */
export interface WorkspaceStreamState {
  workspace?: WorkspaceDetails;
  /** True until the first snapshot or error. */
  loading: boolean;
  /** Why the workspace cannot be shown (not found, not allowed, ...). */
  error?: Error;
  /** The workspace was deleted while shown. */
  deleted: boolean;
  /**
   * The workspace does not exist yet (opened from a link while it is being
   * created, or an entity made before its workspace): followed until it
   * appears.
   */
  waiting: boolean;
  /** The live stream is connected; false while it reconnects. */
  live: boolean;
}

/** Reconnect delays: 1 s doubling to 30 s, reset by any event. */
export const DEFAULT_RECONNECT_DELAYS = { initialMs: 1000, maxMs: 30_000 };

/**
 * Delays between looks for a workspace that does not exist yet: 1 s doubling
 * to 10 s, so a fresh Create shows within a second or two and a long wait
 * costs one request per 10 s.
 */
export const DEFAULT_WAITING_DELAYS = { initialMs: 1000, maxMs: 10_000 };

/**
 * Follows one workspace over the backend's event stream, reconnecting with
 * backoff when the stream drops. A workspace not found before it was ever
 * seen is waited for (looked for again with backoff) until it appears; not
 * found after it was seen means deleted. Other 4xx answers (not allowed) are
 * final and shown as the error.
 *
 * @public
 */
export function useWorkspaceStream(
  ref: WorkspaceRef | undefined,
  options: {
    reconnectDelays?: { initialMs: number; maxMs: number };
    waitingDelays?: { initialMs: number; maxMs: number };
  } = {},
): WorkspaceStreamState {
  const kaitoApi = useApi(kaitoApiRef);
  const delays = options.reconnectDelays ?? DEFAULT_RECONNECT_DELAYS;
  const waitingDelays = options.waitingDelays ?? DEFAULT_WAITING_DELAYS;
  const [state, setState] = useState<WorkspaceStreamState>({
    loading: true,
    deleted: false,
    waiting: false,
    live: false,
  });
  const key = ref ? `${ref.cluster}/${ref.namespace}/${ref.name}` : undefined;

  useEffect(() => {
    if (!ref) {
      return undefined;
    }
    setState({ loading: true, deleted: false, waiting: false, live: false });
    const abort = new AbortController();
    const follow = async () => {
      let delayMs = delays.initialMs;
      let waitMs = waitingDelays.initialMs;
      let seen = false;
      while (!abort.signal.aborted) {
        try {
          for await (const event of kaitoApi.watchWorkspace(ref, {
            signal: abort.signal,
          })) {
            delayMs = delays.initialMs;
            if (event.type === 'deleted') {
              setState(s => ({
                ...s,
                loading: false,
                deleted: true,
                waiting: false,
                live: false,
              }));
              return;
            }
            seen = true;
            setState({
              workspace: event.workspace,
              loading: false,
              deleted: false,
              waiting: false,
              live: true,
            });
          }
        } catch (error) {
          if (isNotFound(error) && !abort.signal.aborted) {
            if (seen) {
              setState(s => ({
                ...s,
                loading: false,
                deleted: true,
                live: false,
              }));
              return;
            }
            setState({
              loading: false,
              deleted: false,
              waiting: true,
              live: false,
            });
            await sleep(waitMs, abort.signal);
            waitMs = Math.min(waitMs * 2, waitingDelays.maxMs);
            continue;
          }
          if (isFinal(error)) {
            setState(s => ({
              ...s,
              loading: false,
              live: false,
              error: error as Error,
            }));
            return;
          }
        }
        if (abort.signal.aborted) {
          return;
        }
        setState(s => ({ ...s, live: false }));
        await sleep(delayMs, abort.signal);
        delayMs = Math.min(delayMs * 2, delays.maxMs);
      }
    };
    follow();
    return () => abort.abort();
    // The key identifies the ref; the object itself may be new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    kaitoApi,
    key,
    delays.initialMs,
    delays.maxMs,
    waitingDelays.initialMs,
    waitingDelays.maxMs,
  ]);

  return state;
}

function isNotFound(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 404;
}

function isFinal(error: unknown): boolean {
  return (
    error instanceof ResponseError &&
    error.statusCode >= 400 &&
    error.statusCode < 500
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
