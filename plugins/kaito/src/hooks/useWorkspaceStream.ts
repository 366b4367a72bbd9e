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
  /** The live stream is connected; false while it reconnects. */
  live: boolean;
}

/** Reconnect delays: 1 s doubling to 30 s, reset by any event. */
export const DEFAULT_RECONNECT_DELAYS = { initialMs: 1000, maxMs: 30_000 };

/**
 * Follows one workspace over the backend's event stream, reconnecting with
 * backoff when the stream drops. A 4xx answer (not found, not allowed) is
 * final and shown as the error.
 *
 * @public
 */
export function useWorkspaceStream(
  ref: WorkspaceRef | undefined,
  options: { reconnectDelays?: { initialMs: number; maxMs: number } } = {},
): WorkspaceStreamState {
  const kaitoApi = useApi(kaitoApiRef);
  const delays = options.reconnectDelays ?? DEFAULT_RECONNECT_DELAYS;
  const [state, setState] = useState<WorkspaceStreamState>({
    loading: true,
    deleted: false,
    live: false,
  });
  const key = ref ? `${ref.cluster}/${ref.namespace}/${ref.name}` : undefined;

  useEffect(() => {
    if (!ref) {
      return undefined;
    }
    setState({ loading: true, deleted: false, live: false });
    const abort = new AbortController();
    const follow = async () => {
      let delayMs = delays.initialMs;
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
                live: false,
              }));
              return;
            }
            setState({
              workspace: event.workspace,
              loading: false,
              deleted: false,
              live: true,
            });
          }
        } catch (error) {
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
  }, [kaitoApi, key, delays.initialMs, delays.maxMs]);

  return state;
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
