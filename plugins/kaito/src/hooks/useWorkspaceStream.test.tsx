import { ReactNode } from 'react';
import { renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import type { WorkspaceStreamEvent } from '@kaito-backstage/plugin-kaito-common';
import { KaitoApi, kaitoApiRef } from '../api/KaitoApi';
import { readyWorkspace } from '../__testUtils__/fixtures';
import { useWorkspaceStream } from './useWorkspaceStream';

const ref = { cluster: 'local', namespace: 'default', name: 'phi-3' };
const pending = readyWorkspace({ state: 'Pending' });
const ready = readyWorkspace();

/** One scripted connection: the events it yields, then how it ends. */
type Connection = {
  events: WorkspaceStreamEvent[];
  end?: 'close' | Error | 'hang';
};

/** A KaitoApi whose `watchWorkspace` plays one scripted connection per call. */
function scriptedApi(connections: Connection[]) {
  const signals: AbortSignal[] = [];
  const watchWorkspace = jest.fn(async function* watch(
    _ref: unknown,
    { signal }: { signal: AbortSignal },
  ): AsyncGenerator<WorkspaceStreamEvent> {
    signals.push(signal);
    const connection = connections.shift() ?? { events: [], end: 'hang' };
    yield* connection.events;
    if (connection.end instanceof Error) {
      throw connection.end;
    }
    if (connection.end === 'hang') {
      await new Promise<void>(resolve =>
        signal.addEventListener('abort', () => resolve()),
      );
    }
  });
  return {
    api: { watchWorkspace } as unknown as KaitoApi,
    watchWorkspace,
    signals,
  };
}

async function responseError(status: number): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({ error: { name: 'Error', message: `status ${status}` } }),
      {
        status,
        headers: { 'Content-Type': 'application/json' },
      },
    ) as never,
  );
}

function render(api: KaitoApi, waitingMs = 5) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[kaitoApiRef, api]]}>{children}</TestApiProvider>
  );
  // Tiny injected delays: reconnects happen at once instead of after seconds.
  return renderHook(
    () =>
      useWorkspaceStream(ref, {
        reconnectDelays: { initialMs: 1, maxMs: 2 },
        waitingDelays: { initialMs: waitingMs, maxMs: waitingMs },
      }),
    { wrapper },
  );
}

describe('useWorkspaceStream', () => {
  it('shows each snapshot as live', async () => {
    const { api } = scriptedApi([
      {
        events: [
          { type: 'snapshot', workspace: pending },
          { type: 'snapshot', workspace: ready },
        ],
        end: 'hang',
      },
    ]);
    const { result } = render(api);
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.workspace?.state).toBe('Ready'));
    expect(result.current).toMatchObject({
      loading: false,
      live: true,
      deleted: false,
    });
  });

  describe('when the stream drops', () => {
    it.each([
      ['the server closes it', 'close' as const],
      ['a network or server error ends it', new Error('network error')],
    ])(
      'reconnects when %s and keeps the last snapshot meanwhile',
      async (_, end) => {
        const { api, watchWorkspace } = scriptedApi([
          { events: [{ type: 'snapshot', workspace: pending }], end },
          { events: [{ type: 'snapshot', workspace: ready }], end: 'hang' },
        ]);
        const { result } = render(api);
        await waitFor(() =>
          expect(result.current.workspace?.state).toBe('Ready'),
        );
        expect(watchWorkspace).toHaveBeenCalledTimes(2);
        expect(result.current.live).toBe(true);
      },
    );

    it('reconnects after a 503 before the first snapshot', async () => {
      const { api, watchWorkspace } = scriptedApi([
        { events: [], end: await responseError(503) },
        { events: [{ type: 'snapshot', workspace: ready }], end: 'hang' },
      ]);
      const { result } = render(api);
      await waitFor(() =>
        expect(result.current.workspace?.state).toBe('Ready'),
      );
      expect(result.current.error).toBeUndefined();
      expect(watchWorkspace).toHaveBeenCalledTimes(2);
    });
  });

  describe('when the workspace does not exist yet', () => {
    it('waits for it, looking again until it appears, then follows it live', async () => {
      const { api, watchWorkspace } = scriptedApi([
        { events: [], end: await responseError(404) },
        { events: [], end: await responseError(404) },
        { events: [{ type: 'snapshot', workspace: pending }], end: 'hang' },
      ]);
      // Long enough looks apart for the waiting state to be seen.
      const { result } = render(api, 150);
      await waitFor(() => expect(result.current.waiting).toBe(true));
      expect(result.current).toMatchObject({
        loading: false,
        live: false,
        deleted: false,
      });
      expect(result.current.error).toBeUndefined();
      await waitFor(() =>
        expect(result.current.workspace?.state).toBe('Pending'),
      );
      expect(result.current).toMatchObject({ waiting: false, live: true });
      expect(watchWorkspace).toHaveBeenCalledTimes(3);
    });

    it('reports a workspace that was shown and is then not found as deleted', async () => {
      const { api, watchWorkspace } = scriptedApi([
        { events: [{ type: 'snapshot', workspace: ready }], end: 'close' },
        { events: [], end: await responseError(404) },
      ]);
      const { result } = render(api);
      await waitFor(() => expect(result.current.deleted).toBe(true));
      expect(result.current.waiting).toBe(false);
      await new Promise(resolve => setTimeout(resolve, 20));
      expect(watchWorkspace).toHaveBeenCalledTimes(2);
    });
  });

  describe('when the backend refuses for good', () => {
    it.each([400, 403])('reports the %s and stops', async status => {
      const { api, watchWorkspace } = scriptedApi([
        { events: [], end: await responseError(status) },
      ]);
      const { result } = render(api);
      await waitFor(() =>
        expect(result.current.error).toBeInstanceOf(ResponseError),
      );
      expect(result.current).toMatchObject({ loading: false, live: false });
      await new Promise(resolve => setTimeout(resolve, 10));
      expect(watchWorkspace).toHaveBeenCalledTimes(1);
    });
  });

  it('reports a deletion and stops following', async () => {
    const { api, watchWorkspace } = scriptedApi([
      {
        events: [
          { type: 'snapshot', workspace: ready },
          { type: 'deleted', key: 'local/default/phi-3' },
        ],
        end: 'close',
      },
    ]);
    const { result } = render(api);
    await waitFor(() => expect(result.current.deleted).toBe(true));
    expect(result.current.live).toBe(false);
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(watchWorkspace).toHaveBeenCalledTimes(1);
  });

  it('closes the stream on unmount', async () => {
    const { api, signals } = scriptedApi([
      { events: [{ type: 'snapshot', workspace: ready }], end: 'hang' },
    ]);
    const { result, unmount } = render(api);
    await waitFor(() => expect(result.current.live).toBe(true));
    unmount();
    expect(signals[0].aborted).toBe(true);
  });
});
