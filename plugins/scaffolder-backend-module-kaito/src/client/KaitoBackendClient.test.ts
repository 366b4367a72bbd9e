import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import type { CreateWorkspaceRequest, WorkspaceStreamEvent } from '@kaito-backstage/plugin-kaito-common';
import {
  FakeKaitoBackend,
  openEventStream,
  sendError,
  sendJson,
  startFakeKaitoBackend,
} from '../__testUtils__/fakeKaitoBackend';
import { aWorkspace, aWorkspaceSummary } from '../__testUtils__/workspaceDetails';
import { KaitoBackendClient, KaitoStreamUnavailableError } from './KaitoBackendClient';

const credentials = mockCredentials.user('user:default/guest');
const request: CreateWorkspaceRequest = {
  cluster: 'local',
  namespace: 'default',
  name: 'support-phi-3',
  preset: 'phi-3-mini-4k-instruct',
  instanceType: 'Standard_NV36ads_A10_v5',
  owner: 'group:default/ml-team',
};
const ref = { cluster: 'local', namespace: 'default', name: 'support-phi-3' };

describe('KaitoBackendClient', () => {
  let backend: FakeKaitoBackend;
  let client: KaitoBackendClient;

  beforeEach(async () => {
    backend = await startFakeKaitoBackend();
    client = new KaitoBackendClient({ discovery: backend.discovery, auth: mockServices.auth() });
  });

  afterEach(() => backend.close());

  describe('createWorkspace', () => {
    it('posts the request with a plugin token issued on behalf of the initiator', async () => {
      const created = { workspace: aWorkspaceSummary(), manifest: aWorkspace().workspace, warnings: [] };
      backend.routes.set('POST /workspaces', (_req, res) => sendJson(res, 201, created));

      await expect(client.createWorkspace(request, { credentials })).resolves.toEqual(created);

      expect(backend.requests).toEqual([
        expect.objectContaining({ method: 'POST', path: '/workspaces', body: request }),
      ]);
      expect(backend.requests[0].headers.authorization).toBe(
        `Bearer ${mockCredentials.service.token({ onBehalfOf: credentials, targetPluginId: 'kaito' })}`,
      );
    });

    it.each([
      {
        status: 400,
        name: 'InputError',
        message: 'resource.instanceType: Standard_XYZ is not a known instance type; name: must be a DNS-1123 label',
        expected: InputError,
      },
      {
        status: 403,
        name: 'NotAllowedError',
        message: 'Quota of group:default/ml-team exceeded: 9 of 8 GPUs',
        expected: NotAllowedError,
      },
      { status: 404, name: 'NotFoundError', message: 'No cluster named nowhere', expected: NotFoundError },
      { status: 409, name: 'ConflictError', message: 'Workspace local/default/support-phi-3 exists', expected: ConflictError },
    ])('turns a $status into $name with the server message', async ({ status, name, message, expected }) => {
      backend.routes.set('POST /workspaces', (_req, res) => sendError(res, status, name, message));

      const error = await client.createWorkspace(request, { credentials }).catch(e => e);

      expect(error).toBeInstanceOf(expected);
      expect(error.message).toBe(`Creating workspace local/default/support-phi-3: ${message}`);
      expect(error.cause).toBeInstanceOf(ResponseError);
    });

    it('says it was checking when a dry run is refused', async () => {
      backend.routes.set('POST /workspaces', (_req, res) => sendError(res, 400, 'InputError', 'preset: unknown'));

      await expect(client.createWorkspace({ ...request, dryRun: true }, { credentials })).rejects.toThrow(
        'Checking workspace local/default/support-phi-3: preset: unknown',
      );
    });

    it('keeps the status code of unexpected server errors in the message', async () => {
      backend.routes.set('POST /workspaces', (_req, res) => sendError(res, 500, 'Error', 'database is locked'));

      await expect(client.createWorkspace(request, { credentials })).rejects.toThrow(
        'Creating workspace local/default/support-phi-3: database is locked (HTTP 500)',
      );
    });
  });

  describe('when the backend cannot be reached', () => {
    it('names the URL it tried', async () => {
      const baseUrl = backend.baseUrl;
      await backend.close();

      await expect(client.getWorkspace(ref, { credentials })).rejects.toThrow(
        `Could not reach the kaito backend at ${baseUrl}`,
      );
    });
  });

  describe('getWorkspace', () => {
    it('reads the workspace by its path-encoded key', async () => {
      const details = aWorkspace({ state: 'Ready' });
      backend.routes.set('GET /workspaces/my.cluster/default/support-phi-3', (_req, res) => sendJson(res, 200, details));

      await expect(
        client.getWorkspace({ ...ref, cluster: 'my.cluster' }, { credentials }),
      ).resolves.toEqual(details);
    });

    it('fails with NotFoundError when there is no such workspace', async () => {
      await expect(client.getWorkspace(ref, { credentials })).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('watchWorkspace', () => {
    const streamPath = 'GET /workspaces/local/default/support-phi-3/stream';

    async function collect(): Promise<WorkspaceStreamEvent[]> {
      const events: WorkspaceStreamEvent[] = [];
      for await (const event of client.watchWorkspace(ref, { credentials })) {
        events.push(event);
      }
      return events;
    }

    it('yields each snapshot and the deletion, skipping pings and other event types', async () => {
      const pending = aWorkspace();
      const ready = aWorkspace({ state: 'Ready' });
      backend.routes.set(streamPath, (_req, res) => {
        const stream = openEventStream(res);
        stream.send({ type: 'snapshot', workspace: pending });
        stream.ping();
        res.write('event: other\ndata: {}\n\n');
        stream.send({ type: 'snapshot', workspace: ready });
        stream.send({ type: 'deleted', key: 'local/default/support-phi-3' });
        stream.end();
      });

      await expect(collect()).resolves.toEqual([
        { type: 'snapshot', workspace: pending },
        { type: 'snapshot', workspace: ready },
        { type: 'deleted', key: 'local/default/support-phi-3' },
      ]);
      expect(backend.requests[0].headers.accept).toBe('text/event-stream');
    });

    it.each([
      {
        when: 'the route does not exist',
        route: undefined,
        message: 'The event stream is not available: Watching workspace local/default/support-phi-3: No route',
      },
      {
        when: 'the server answers with JSON',
        route: (_req: unknown, res: import('node:http').ServerResponse) => sendJson(res, 200, aWorkspace()),
        message: "The event stream is not available: unexpected content type 'application/json'",
      },
      {
        when: 'the connection breaks off mid-stream',
        route: (_req: unknown, res: import('node:http').ServerResponse) => {
          openEventStream(res).send({ type: 'snapshot', workspace: aWorkspace() });
          setImmediate(() => res.destroy());
        },
        message: 'The event stream broke off',
      },
    ])('throws KaitoStreamUnavailableError when $when', async ({ route, message }) => {
      if (route) {
        backend.routes.set(streamPath, route);
      }

      const error = await collect().catch(e => e);

      expect(error).toBeInstanceOf(KaitoStreamUnavailableError);
      expect(error.message).toContain(message);
    });

    it('stops without an error of its own when the caller aborts', async () => {
      backend.routes.set(streamPath, (_req, res) => {
        openEventStream(res).send({ type: 'snapshot', workspace: aWorkspace() });
      });
      const controller = new AbortController();
      const iterator = client.watchWorkspace(ref, { credentials, signal: controller.signal });

      await expect(iterator.next()).resolves.toMatchObject({ value: { type: 'snapshot' } });
      controller.abort(new Error('cancelled by the test'));

      await expect(iterator.next()).rejects.toThrow('cancelled by the test');
    });
  });
});
