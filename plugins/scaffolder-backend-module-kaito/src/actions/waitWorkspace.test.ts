import type { ServerResponse } from 'node:http';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';
import {
  FakeKaitoBackend,
  openEventStream,
  sendError,
  sendJson,
  startFakeKaitoBackend,
} from '../__testUtils__/fakeKaitoBackend';
import { aWorkspace, steps } from '../__testUtils__/workspaceDetails';
import { KaitoBackendClient } from '../client/KaitoBackendClient';
import { createKaitoWaitWorkspaceAction } from './waitWorkspace';

const WORKSPACE_PATH = 'GET /workspaces/local/default/support-phi-3';
const STREAM_PATH = `${WORKSPACE_PATH}/stream`;

const pending = aWorkspace({ state: 'Pending', steps: steps({ validated: 'done', nodeClaim: 'active' }) });
const loading = aWorkspace({
  state: 'NotReady',
  steps: steps({ validated: 'done', nodeClaim: 'done', nodeReady: 'done', imagePulled: 'done', modelLoaded: 'active' }),
});
const ready = aWorkspace({
  state: 'Ready',
  steps: steps({
    validated: 'done',
    nodeClaim: 'done',
    nodeReady: 'done',
    imagePulled: 'done',
    modelLoaded: 'done',
    ready: 'done',
  }),
  endpoint: {
    serviceUrl: 'http://support-phi-3.default.svc.cluster.local:80',
    api: 'openai',
    models: ['phi-3-mini-4k-instruct'],
    curlExample: 'curl ...',
  },
});
const quotaExceeded = aWorkspace({
  state: 'NotReady',
  steps: steps({
    validated: 'done',
    nodeClaim: {
      status: 'failed',
      reason: 'QuotaExceeded',
      message: 'exceeding approved quota for Standard_ND96isr_H100_v5',
      hint: 'Pick another instance type or ask the platform team for quota',
    },
  }),
});

describe('kaito:workspace:wait', () => {
  let backend: FakeKaitoBackend;
  let timeout: AbortController;
  let sleep: jest.Mock<Promise<void>, [number, AbortSignal]>;
  let action: ReturnType<typeof createKaitoWaitWorkspaceAction>;

  beforeEach(async () => {
    backend = await startFakeKaitoBackend();
    timeout = new AbortController();
    sleep = jest.fn(async (_ms: number, signal: AbortSignal) => signal.throwIfAborted());
    action = createKaitoWaitWorkspaceAction({
      client: new KaitoBackendClient({ discovery: backend.discovery, auth: mockServices.auth() }),
      sleep,
      timeoutSignal: () => timeout.signal,
    });
  });

  afterEach(() => backend.close());

  function context(input: Record<string, unknown>, extra: { signal?: AbortSignal; isDryRun?: boolean } = {}) {
    const logger = mockServices.logger.mock();
    // createMockActionContext drops isDryRun and signal, so they are added afterwards.
    const ctx = {
      ...createMockActionContext({
        input: { workspaceRef: 'local/default/support-phi-3', ...input } as any,
        logger,
      }),
      ...extra,
    };
    return { ctx, logger };
  }

  function loggedLines(logger: ReturnType<typeof mockServices.logger.mock>) {
    return [...logger.info.mock.calls, ...logger.warn.mock.calls].map(([message]) => message);
  }

  /** Answers each GET with the next snapshot (the last one repeats). */
  function serveSnapshots(snapshots: Array<WorkspaceDetails | ((res: ServerResponse) => void)>) {
    let call = 0;
    backend.routes.set(WORKSPACE_PATH, (_req, res) => {
      const next = snapshots[Math.min(call++, snapshots.length - 1)];
      if (typeof next === 'function') {
        next(res);
      } else {
        sendJson(res, 200, next);
      }
    });
  }

  describe('when the event stream is available', () => {
    it('logs each step as it changes and outputs the endpoint once Ready', async () => {
      backend.routes.set(STREAM_PATH, (_req, res) => {
        const stream = openEventStream(res);
        for (const snapshot of [pending, pending, loading, ready]) {
          stream.send({ type: 'snapshot', workspace: snapshot });
        }
        // The stream stays open: the action must stop reading on its own.
      });
      const { ctx, logger } = context({ state: 'Ready' });

      await action.handler(ctx);

      expect(loggedLines(logger)).toEqual([
        '[done] Request validated',
        '[in progress] GPU node requested',
        'Workspace local/default/support-phi-3 is Pending',
        '[done] GPU node requested',
        '[done] Node ready',
        '[done] Image pulled',
        '[in progress] Model loaded',
        'Workspace local/default/support-phi-3 is now NotReady',
        '[done] Model loaded',
        '[done] Serving',
        'Workspace local/default/support-phi-3 is now Ready',
      ]);
      expect(ctx.output).toHaveBeenCalledWith('state', 'Ready');
      expect(ctx.output).toHaveBeenCalledWith('serviceUrl', 'http://support-phi-3.default.svc.cluster.local:80');
      expect(ctx.output).toHaveBeenCalledWith('models', ['phi-3-mini-4k-instruct']);
      expect(backend.requests.map(r => r.path)).toEqual(['/workspaces/local/default/support-phi-3/stream']);
    });

    it('fails with the step\'s reason, message and hint when a step fails', async () => {
      backend.routes.set(STREAM_PATH, (_req, res) => {
        const stream = openEventStream(res);
        stream.send({ type: 'snapshot', workspace: pending });
        stream.send({ type: 'snapshot', workspace: quotaExceeded });
      });
      const { ctx, logger } = context({});

      await expect(action.handler(ctx)).rejects.toThrow(
        'Workspace local/default/support-phi-3 failed: step "GPU node requested" failed (QuotaExceeded: exceeding approved quota for Standard_ND96isr_H100_v5). Hint: Pick another instance type or ask the platform team for quota',
      );
      expect(logger.warn).toHaveBeenCalledWith('Hint: Pick another instance type or ask the platform team for quota');
    });

    it('fails when the workspace is deleted while waiting', async () => {
      backend.routes.set(STREAM_PATH, (_req, res) => {
        const stream = openEventStream(res);
        stream.send({ type: 'snapshot', workspace: pending });
        stream.send({ type: 'deleted', key: 'local/default/support-phi-3' });
      });

      await expect(action.handler(context({}).ctx)).rejects.toThrow(
        'Workspace local/default/support-phi-3 was deleted while waiting for it',
      );
    });

    it('waits for Succeeded on a tuning workspace when no state is given', async () => {
      const tuning = (state: WorkspaceDetails['state']) => aWorkspace({ kind: 'tuning', state, steps: [] });
      backend.routes.set(STREAM_PATH, (_req, res) => {
        const stream = openEventStream(res);
        for (const state of ['Pending', 'Running', 'Succeeded'] as const) {
          stream.send({ type: 'snapshot', workspace: tuning(state) });
        }
      });
      const { ctx } = context({});

      await action.handler(ctx);

      expect(ctx.output).toHaveBeenCalledWith('state', 'Succeeded');
      expect(ctx.output).not.toHaveBeenCalledWith('serviceUrl', expect.anything());
    });
  });

  describe('when the event stream is unavailable', () => {
    it('polls every 2 s until the workspace is Ready', async () => {
      serveSnapshots([pending, loading, ready]);
      const { ctx, logger } = context({});

      await action.handler(ctx);

      expect(ctx.output).toHaveBeenCalledWith('state', 'Ready');
      expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([2000, 2000]);
      expect(backend.requests.map(r => r.path)).toEqual([
        '/workspaces/local/default/support-phi-3/stream',
        '/workspaces/local/default/support-phi-3',
        '/workspaces/local/default/support-phi-3',
        '/workspaces/local/default/support-phi-3',
      ]);
      expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/^The event stream is not available: .*; polling every 2 s instead$/));
    });

    it('carries on polling when the stream breaks off, without logging a step twice', async () => {
      backend.routes.set(STREAM_PATH, (_req, res) => {
        openEventStream(res).send({ type: 'snapshot', workspace: pending });
        setImmediate(() => res.destroy());
      });
      serveSnapshots([pending, ready]);
      const { ctx, logger } = context({});

      await action.handler(ctx);

      expect(ctx.output).toHaveBeenCalledWith('state', 'Ready');
      expect(loggedLines(logger).filter(line => line === '[done] Request validated')).toHaveLength(1);
    });

    it('retries a read that fails with a server error', async () => {
      serveSnapshots([pending, res => sendError(res, 503, 'ServiceUnavailableError', 'restarting'), ready]);
      const { ctx, logger } = context({});

      await action.handler(ctx);

      expect(ctx.output).toHaveBeenCalledWith('state', 'Ready');
      expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('Could not read local/default/support-phi-3, retrying'));
    });

    it('fails at once when the workspace does not exist', async () => {
      await expect(action.handler(context({}).ctx)).rejects.toThrow(
        'Reading workspace local/default/support-phi-3: No route for GET /workspaces/local/default/support-phi-3',
      );
      expect(sleep).not.toHaveBeenCalled();
    });
  });

  describe('when the timeout passes', () => {
    it('says where the workspace got stuck', async () => {
      serveSnapshots([loading]);
      sleep.mockImplementation(async (_ms, signal) => {
        if (sleep.mock.calls.length === 3) {
          timeout.abort(new DOMException('timed out', 'TimeoutError'));
        }
        signal.throwIfAborted();
      });

      await expect(action.handler(context({ state: 'Ready', timeoutMinutes: 15 }).ctx)).rejects.toThrow(
        'Timed out after 15 minutes waiting for workspace local/default/support-phi-3 to be Ready. It is NotReady: step "Model loaded" is in progress.',
      );
    });
  });

  describe('when the task is cancelled', () => {
    it('stops waiting', async () => {
      serveSnapshots([pending]);
      const cancel = new AbortController();
      sleep.mockImplementation(async (_ms, signal) => {
        cancel.abort();
        signal.throwIfAborted();
      });

      await expect(action.handler(context({}, { signal: cancel.signal }).ctx)).rejects.toThrow(
        'Stopped waiting for workspace local/default/support-phi-3: the task was cancelled',
      );
    });
  });

  describe('on a dry run', () => {
    it.each([
      { input: {}, expected: 'Ready' },
      { input: { state: 'Succeeded' }, expected: 'Succeeded' },
    ])('returns at once with $expected', async ({ input, expected }) => {
      const { ctx } = context(input, { isDryRun: true });

      await action.handler(ctx);

      expect(ctx.output).toHaveBeenCalledWith('state', expected);
      expect(backend.requests).toEqual([]);
    });
  });

  describe('with bad input', () => {
    it.each(['support-phi-3', 'local/default', 'local/Default/x', 'a/b/c/d'])(
      'rejects the workspaceRef %p',
      async workspaceRef => {
        const error = await action.handler(context({ workspaceRef }).ctx).catch(e => e);
        expect(error).toBeInstanceOf(InputError);
        expect(error.message).toContain(`Invalid workspaceRef '${workspaceRef}'`);
        expect(backend.requests).toEqual([]);
      },
    );
  });
});
