import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { WorkspaceListResponse } from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef, WorkspaceListFilter } from '../api/KaitoApi';
import { DEFAULT_RECONNECT_DELAYS } from './useWorkspaceStream';

/** What `useWorkspaceList` reports. @public */
export interface WorkspaceListState {
  /** The latest list (a page when the filter has a limit); kept while the stream reconnects or the query changes. */
  value?: WorkspaceListResponse;
  /** True until the first list or error. */
  loading: boolean;
  /** Why the last connection failed; cleared by the next list. */
  error?: Error;
  /** The live stream is connected; false while it reconnects. */
  live: boolean;
}

/**
 * Follows the workspace list over the backend's list stream: the page the
 * filter asks for (with the totals of every match and the filters' options)
 * on every change of any workspace, no polling. A new filter, sort or page
 * closes the stream and opens one with the new query. Reconnects with
 * backoff when the stream drops or fails, keeping the last list meanwhile.
 *
 * @public
 */
export function useWorkspaceList(
  filter: WorkspaceListFilter = {},
  options: { reconnectDelays?: { initialMs: number; maxMs: number } } = {},
): WorkspaceListState {
  const kaitoApi = useApi(kaitoApiRef);
  const delays = options.reconnectDelays ?? DEFAULT_RECONNECT_DELAYS;
  const [state, setState] = useState<WorkspaceListState>({
    loading: true,
    live: false,
  });
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    const abort = new AbortController();
    const follow = async () => {
      let delayMs = delays.initialMs;
      while (!abort.signal.aborted) {
        try {
          for await (const event of kaitoApi.watchWorkspaces(
            JSON.parse(filterKey),
            { signal: abort.signal },
          )) {
            delayMs = delays.initialMs;
            const { type: _list, ...value } = event;
            setState({ value, loading: false, live: true });
          }
        } catch (error) {
          if (!abort.signal.aborted) {
            setState(s => ({
              ...s,
              loading: false,
              live: false,
              error: error as Error,
            }));
          }
        }
        if (abort.signal.aborted) return;
        setState(s => ({ ...s, live: false }));
        await sleep(delayMs, abort.signal);
        delayMs = Math.min(delayMs * 2, delays.maxMs);
      }
    };
    follow();
    return () => abort.abort();
  }, [kaitoApi, filterKey, delays.initialMs, delays.maxMs]);

  return state;
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
