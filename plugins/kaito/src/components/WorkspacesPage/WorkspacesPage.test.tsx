import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupKaitoServer } from '../../__testUtils__/server';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import type { WorkspaceListResponse } from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../../api/KaitoApi';
import { API, testKaitoClient } from '../../__testUtils__/apis';
import {
  finishedTuningWorkspace,
  quotaStuckWorkspace,
  readyWorkspace,
  summaryOf,
} from '../../__testUtils__/fixtures';
import { permissionApiDenying } from '../../__testUtils__/render';
import {
  controllableEventStream,
  errorResponse,
  eventStreamResponse,
} from '../../__testUtils__/sse';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createFromTemplateRouteRef, rootRouteRef } from '../../routes';
import { WorkspacesPage } from './WorkspacesPage';

const server = setupKaitoServer();

const list: WorkspaceListResponse = {
  items: [
    summaryOf(readyWorkspace()),
    {
      ...summaryOf(quotaStuckWorkspace()),
      owner: 'group:default/platform-team',
    },
    {
      ...summaryOf(finishedTuningWorkspace()),
      ref: { cluster: 'aks-prod', namespace: 'ml', name: 'phi-tune' },
      key: 'aks-prod/ml/phi-tune',
    },
  ],
  errors: [
    { cluster: 'aks-west', message: 'connect ECONNREFUSED 10.0.0.4:443' },
  ],
};

/** The list stream's answer: the list once, as the backend sends it first. */
const listStream = (body: WorkspaceListResponse) =>
  eventStreamResponse([{ data: { type: 'list', ...body } }]);

/** Renders the page with the new frontend system's test app. */
async function renderPage(
  initialPath = '/kaito',
  mounts: { page: string; entity: string; template: string } = {
    page: '/kaito',
    entity: '/catalog/:namespace/:kind/:name',
    template: '/create/templates/:namespace/:templateName',
  },
) {
  return renderInTestApp(<WorkspacesPage />, {
    apis: [
      [kaitoApiRef, testKaitoClient()],
      [permissionApiRef, permissionApiDenying()],
    ],
    mountPath: `${mounts.page}/*`,
    initialRouteEntries: [initialPath],
    mountedRoutes: {
      [mounts.page]: convertLegacyRouteRef(rootRouteRef),
      [mounts.entity]: convertLegacyRouteRef(entityRouteRef),
      [mounts.template]: convertLegacyRouteRef(createFromTemplateRouteRef),
    },
  });
}

describe('WorkspacesPage', () => {
  describe('when workspaces exist on several clusters', () => {
    beforeEach(() =>
      server.use(http.get(`${API}/workspaces/stream`, () => listStream(list))),
    );

    it('lists them with GPU and cost totals and names the clusters that failed', async () => {
      await renderPage();
      expect(await screen.findByText('All workspaces (3)')).toBeInTheDocument();
      expect(screen.getByTestId('total-gpus')).toHaveTextContent('3');
      // The finished tuning workspace holds no node: only phi-3 and phi-h100 cost.
      expect(screen.getByTestId('total-cost-per-hour')).toHaveTextContent(
        '$101.52/h',
      );
      expect(
        screen.getByText(
          /Cluster aks-west could not be read: connect ECONNREFUSED/,
        ),
      ).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'phi-3' })).toHaveAttribute(
        'href',
        '/kaito/local/default/phi-3',
      );
      // Owners link to their catalog pages through the catalog's entityRouteRef.
      expect(
        screen.getByRole('link', { name: 'platform-team' }),
      ).toHaveAttribute('href', '/catalog/default/group/platform-team');
    });

    it('links wherever the app mounts the page, the catalog and the templates', async () => {
      await renderPage('/ai/llm', {
        page: '/ai/llm',
        entity: '/portal/entities/:namespace/:kind/:name',
        template: '/new/:namespace/:templateName',
      });
      expect(await screen.findByText('All workspaces (3)')).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'phi-3' })).toHaveAttribute(
        'href',
        '/ai/llm/local/default/phi-3',
      );
      expect(
        screen.getByRole('link', { name: 'platform-team' }),
      ).toHaveAttribute('href', '/portal/entities/default/group/platform-team');
    });

    it.each([
      ['Cluster', 'aks-prod', ['phi-tune'], '$0.00/h'],
      ['State', 'Pending', ['phi-h100'], '$98.32/h'],
      ['Owner', 'group:default/platform-team', ['phi-h100'], '$98.32/h'],
    ])('filters by %s', async (filter, option, names, cost) => {
      await renderPage();
      await screen.findByText('All workspaces (3)');
      // The table's sort buttons share the filter names: open the filter by its id.
      await userEvent.click(
        document.getElementById(`kaito-filter-${filter.toLowerCase()}`)!,
      );
      await userEvent.click(
        await screen.findByRole('option', { name: option }),
      );

      expect(
        await screen.findByText(`Workspaces (${names.length} of 3)`),
      ).toBeInTheDocument();
      const table = screen
        .getByText(`Workspaces (${names.length} of 3)`)
        .closest('div[class*="MuiPaper"]') as HTMLElement;
      for (const name of ['phi-3', 'phi-h100', 'phi-tune']) {
        const shown = within(table).queryByRole('link', { name });
        expect(Boolean(shown)).toBe(names.includes(name));
      }
      expect(screen.getByTestId('total-cost-per-hour')).toHaveTextContent(cost);
    });
  });

  describe('live on the list stream', () => {
    it('shows a workspace as soon as the stream sends it, without polling', async () => {
      const stream = controllableEventStream();
      let lists = 0;
      let connections = 0;
      server.use(
        http.get(`${API}/workspaces`, () => {
          lists += 1;
          return HttpResponse.json(list);
        }),
        http.get(`${API}/workspaces/stream`, () => {
          connections += 1;
          return stream.response();
        }),
      );
      await renderPage();
      stream.send({ type: 'list', items: list.items.slice(0, 1), errors: [] });
      expect(await screen.findByText('All workspaces (1)')).toBeInTheDocument();

      stream.send({ type: 'list', ...list });
      expect(await screen.findByText('All workspaces (3)')).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: 'phi-h100' }),
      ).toBeInTheDocument();
      expect(connections).toBe(1);
      expect(lists).toBe(0);
    });
  });

  describe('when the list stream drops', () => {
    it('keeps the list, says it is reconnecting, and is live again when the stream is back', async () => {
      const first = controllableEventStream();
      const third = controllableEventStream();
      let connections = 0;
      server.use(
        http.get(`${API}/workspaces/stream`, () => {
          connections += 1;
          if (connections === 1) return first.response();
          if (connections === 2)
            return errorResponse(
              503,
              'ServiceUnavailableError',
              'backend restarting',
            );
          return third.response();
        }),
      );
      await renderPage();
      first.send({ type: 'list', ...list });
      expect(await screen.findByText('All workspaces (3)')).toBeInTheDocument();
      first.close();

      const notice = await screen.findByTestId('list-reconnecting', undefined, {
        timeout: 3000,
      });
      expect(notice).toHaveTextContent('503 Service Unavailable');
      expect(screen.getByText('All workspaces (3)')).toBeInTheDocument();

      await waitFor(() => expect(connections).toBe(3), { timeout: 5000 });
      third.send({ type: 'list', items: list.items.slice(0, 2), errors: [] });
      expect(await screen.findByText('All workspaces (2)')).toBeInTheDocument();
      expect(screen.queryByTestId('list-reconnecting')).not.toBeInTheDocument();
    });
  });

  describe('with filters in the URL', () => {
    beforeEach(() =>
      server.use(http.get(`${API}/workspaces/stream`, () => listStream(list))),
    );

    it('opens filtered as the URL says', async () => {
      await renderPage(
        '/kaito?state=Pending&owner=group%3Adefault%2Fplatform-team',
      );
      expect(
        await screen.findByText('Workspaces (1 of 3)'),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: 'phi-h100' }),
      ).toBeInTheDocument();
      expect(screen.getByTestId('filter-state')).toHaveValue('Pending');
      expect(screen.getByTestId('total-cost-per-hour')).toHaveTextContent(
        '$98.32/h',
      );
    });

    it('reads the filters from the URL only: choosing Any clears the cluster the URL set', async () => {
      const { unmount } = await renderPage('/kaito?cluster=aks-prod');
      expect(
        await screen.findByText('Workspaces (1 of 3)'),
      ).toBeInTheDocument();
      await userEvent.click(document.getElementById('kaito-filter-cluster')!);
      await userEvent.click(await screen.findByRole('option', { name: 'Any' }));
      expect(await screen.findByText('All workspaces (3)')).toBeInTheDocument();
      unmount();
    });
  });

  describe('when a cluster lacks permissions the portal needs', () => {
    const cluster = {
      name: 'aks-prod',
      title: 'AKS prod',
      mode: 'builtin',
      cloud: 'azure',
      provisioner: 'gpu-provisioner',
      simulated: false,
    };
    const fix =
      'grant it with plugins/kaito-backend/manifests/rbac.yaml (ClusterRole kaito-backstage-controller)';
    beforeEach(() =>
      server.use(
        http.get(`${API}/workspaces/stream`, () => listStream(list)),
        http.get(`${API}/clusters`, () =>
          HttpResponse.json({
            items: [
              {
                ...cluster,
                permissions: {
                  state: 'missing',
                  checkedAt: '2026-12-01T08:05:13Z',
                  checked: 60,
                  missing: [
                    {
                      verb: 'list',
                      group: '',
                      resource: 'events',
                      description: 'list events (core) in all namespaces',
                      usedFor: 'showing workspace events',
                      fix,
                    },
                    {
                      verb: 'get',
                      group: '',
                      resource: 'pods/log',
                      description: 'get pods/log (core) in all namespaces',
                      usedFor: 'showing pod logs',
                      fix,
                    },
                  ],
                },
              },
              {
                ...cluster,
                name: 'local',
                title: 'Local',
                permissions: {
                  state: 'ok',
                  checkedAt: '2026-12-01T08:05:13Z',
                  checked: 60,
                  missing: [],
                },
              },
              {
                ...cluster,
                name: 'old',
                title: 'Old',
                permissions: {
                  state: 'unknown',
                  checkedAt: '2026-12-01T08:05:13Z',
                  checked: 0,
                  missing: [],
                  reason:
                    'the API server does not answer SelfSubjectAccessReview',
                },
              },
            ],
          }),
        ),
      ),
    );

    it('lists each missing permission with what it is for and the fix, once', async () => {
      await renderPage();
      const alert = await screen.findByTestId(
        'permissions-aks-prod',
        {},
        { timeout: 10_000 }, // the page loads the clusters after its list: slow on a busy CI machine
      );
      expect(alert).toHaveTextContent(
        'Cluster AKS prod is missing 2 permissions',
      );
      expect(alert).toHaveTextContent(
        'list events (core) in all namespaces, needed for showing workspace events',
      );
      expect(alert).toHaveTextContent(
        'get pods/log (core) in all namespaces, needed for showing pod logs',
      );
      expect(within(alert).getAllByText(`Fix: ${fix}`)).toHaveLength(1);
      expect(screen.getByTestId('permissions-old')).toHaveTextContent(
        'Could not check the permissions of cluster Old: the API server does not answer SelfSubjectAccessReview',
      );
      expect(screen.queryByTestId('permissions-local')).not.toBeInTheDocument();
      expect(screen.getByText('All workspaces (3)')).toBeInTheDocument();
    });
  });

  describe('when the portal manages no cluster', () => {
    it('says how to add one', async () => {
      server.use(
        http.get(`${API}/clusters`, () => HttpResponse.json({ items: [] })),
        http.get(`${API}/workspaces/stream`, () =>
          listStream({ items: [], errors: [] }),
        ),
      );
      await renderPage();
      const alert = await screen.findByTestId('no-clusters', {}, { timeout: 10_000 });
      expect(alert).toHaveTextContent('No clusters configured');
      expect(alert).toHaveTextContent('kaito.clusters');
      expect(alert).toHaveTextContent(
        '@kaito-backstage/plugin-kaito-backend-module-cluster-simulator',
      );
    });

    it('says nothing about adding one while clusters are configured', async () => {
      server.use(
        http.get(`${API}/clusters`, () =>
          HttpResponse.json({
            items: [
              {
                name: 'local',
                title: 'Local',
                mode: 'builtin',
                cloud: 'azure',
                provisioner: 'gpu-provisioner',
                simulated: true,
              },
            ],
          }),
        ),
        http.get(`${API}/workspaces/stream`, () => listStream(list)),
      );
      await renderPage();
      expect(await screen.findByText('All workspaces (3)')).toBeInTheDocument();
      expect(screen.queryByTestId('no-clusters')).not.toBeInTheDocument();
    });
  });

  describe('when there are no workspaces', () => {
    it('points to the template', async () => {
      server.use(
        http.get(`${API}/workspaces/stream`, () =>
          listStream({ items: [], errors: [] }),
        ),
      );
      await renderPage();
      expect(await screen.findByText('No workspaces yet')).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: '"Deploy LLM" template' }),
      ).toHaveAttribute('href', '/create/templates/default/deploy-llm');
    });

    it('names the template without a link when the app binds no template page', async () => {
      server.use(
        http.get(`${API}/workspaces/stream`, () =>
          listStream({ items: [], errors: [] }),
        ),
      );
      await renderInTestApp(<WorkspacesPage />, {
        apis: [
          [kaitoApiRef, testKaitoClient()],
          [permissionApiRef, permissionApiDenying()],
        ],
        mountPath: '/kaito/*',
        initialRouteEntries: ['/kaito'],
        mountedRoutes: { '/kaito': convertLegacyRouteRef(rootRouteRef) },
      });
      expect(await screen.findByText('No workspaces yet')).toBeInTheDocument();
      expect(
        screen.getByText('Request one with the "Deploy LLM" template.'),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('link', { name: '"Deploy LLM" template' }),
      ).not.toBeInTheDocument();
    });
  });

  describe('when the backend fails', () => {
    it('shows the error', async () => {
      server.use(
        http.get(`${API}/workspaces/stream`, () =>
          errorResponse(500, 'Error', 'database is locked'),
        ),
      );
      await renderPage();
      expect(
        (await screen.findAllByText(/database is locked/)).length,
      ).toBeGreaterThan(0);
    });
  });

  describe('when a workspace path is opened', () => {
    it('shows that workspace live', async () => {
      server.use(
        http.get(`${API}/workspaces/local/default/phi-3/stream`, () =>
          eventStreamResponse([
            { data: { type: 'snapshot', workspace: readyWorkspace() } },
          ]),
        ),
      );
      await renderPage('/kaito/local/default/phi-3');
      await waitFor(() =>
        expect(screen.getByTestId('workspace-state')).toHaveTextContent(
          'Ready',
        ),
      );
    });
  });
});
