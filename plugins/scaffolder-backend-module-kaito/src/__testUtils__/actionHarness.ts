import { mockServices } from '@backstage/backend-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { CreateWorkspaceRequest } from '@kaito-backstage/plugin-kaito-common';
import { KaitoBackendClient } from '../client/KaitoBackendClient';
import { FakeKaitoBackend, sendError, sendJson, startFakeKaitoBackend } from './fakeKaitoBackend';
import { aWorkspace, aWorkspaceSummary } from './workspaceDetails';

/** A fake backend whose `POST /workspaces` answers 201 with a summary echoing the request. */
export async function startCreatingBackend(): Promise<{ backend: FakeKaitoBackend; client: KaitoBackendClient }> {
  const backend = await startFakeKaitoBackend();
  backend.routes.set('POST /workspaces', (req, res) => {
    const body = req.body as CreateWorkspaceRequest;
    const base = aWorkspace().workspace;
    sendJson(res, 201, {
      workspace: aWorkspaceSummary({
        ref: { cluster: body.cluster, namespace: body.namespace, name: body.name },
        key: `${body.cluster}/${body.namespace}/${body.name}`,
        kind: body.tuning ? 'tuning' : 'inference',
        preset: body.preset,
        instanceType: body.instanceType,
        costPerHour: 3.2,
        currency: 'USD',
      }),
      manifest: {
        ...base,
        metadata: {
          name: body.name,
          namespace: body.namespace,
          uid: 'dry-run-uid',
          resourceVersion: '1',
          creationTimestamp: '2026-11-22T10:00:00Z',
          annotations: { 'backstage.kaito.sh/owner': body.owner },
        },
        status: { conditions: [] },
      },
      warnings: [{ path: 'resource.instanceType', message: 'Standard_NC6 is retired', severity: 'warning' }],
    });
  });
  const client = new KaitoBackendClient({ discovery: backend.discovery, auth: mockServices.auth() });
  return { backend, client };
}

/** Makes `POST /workspaces` fail like the kaito backend's error middleware. */
export function refuseCreate(backend: FakeKaitoBackend, status: number, name: string, message: string) {
  backend.routes.set('POST /workspaces', (_req, res) => sendError(res, status, name, message));
}

/**
 * A mock action context with a mock logger; `isDryRun` and `signal` are set
 * afterwards because `createMockActionContext` does not pass them through.
 */
export function actionContext(
  input: object,
  extra: Partial<Pick<ActionContext<any, any>, 'isDryRun' | 'signal' | 'user' | 'workspacePath'>> = {},
) {
  const logger = mockServices.logger.mock();
  const { isDryRun, signal, ...options } = extra;
  // The handlers' input types are checked by the schema tests; here any input may be tried.
  const ctx: ActionContext<any, any> = {
    ...createMockActionContext<any, any>({ input, logger, ...options }),
    isDryRun,
    signal,
  };
  return { ctx, logger };
}
