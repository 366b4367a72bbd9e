import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import type { WorkspaceListResponse } from '@kaito-backstage/plugin-kaito-common';
import { seriousAxeViolations } from '../../__testUtils__/axe';
import { setupKaitoServer } from '../../__testUtils__/server';
import { kaitoApiRef } from '../../api/KaitoApi';
import { API, testKaitoClient } from '../../__testUtils__/apis';
import {
  finishedTuningWorkspace,
  quotaStuckWorkspace,
  readyWorkspace,
  summaryOf,
} from '../../__testUtils__/fixtures';
import { permissionApiDenying } from '../../__testUtils__/render';
import { eventStreamResponse } from '../../__testUtils__/sse';
import { rootRouteRef } from '../../routes';
import { WorkspacesPage } from './WorkspacesPage';

const server = setupKaitoServer();

const list: WorkspaceListResponse = {
  items: [
    summaryOf(readyWorkspace()),
    summaryOf(quotaStuckWorkspace()),
    summaryOf(finishedTuningWorkspace()),
  ],
  errors: [],
};

async function renderPage(body: WorkspaceListResponse) {
  server.use(
    http.get(`${API}/workspaces`, () => HttpResponse.json(body)),
    http.get(`${API}/workspaces/stream`, () =>
      eventStreamResponse([{ data: { type: 'list', ...body } }]),
    ),
  );
  return renderInTestApp(<WorkspacesPage />, {
    apis: [
      [kaitoApiRef, testKaitoClient()],
      [permissionApiRef, permissionApiDenying()],
    ],
    mountPath: '/kaito/*',
    initialRouteEntries: ['/kaito'],
    mountedRoutes: { '/kaito': convertLegacyRouteRef(rootRouteRef) },
  });
}

describe('WorkspacesPage accessibility', () => {
  it('has no serious or critical axe violations with workspaces listed', async () => {
    await renderPage(list);
    expect(await screen.findByText('All workspaces (3)')).toBeInTheDocument();
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('has no serious or critical axe violations when there are none, and its card title is a heading', async () => {
    await renderPage({ items: [], errors: [] });
    expect(
      await screen.findByRole('heading', {
        level: 2,
        name: 'No workspaces yet',
      }),
    ).toBeInTheDocument();
    expect(await seriousAxeViolations()).toEqual([]);
  });
});
