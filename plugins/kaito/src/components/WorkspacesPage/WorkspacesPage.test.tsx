import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupKaitoServer } from '../../__testUtils__/server';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  workspaceListFacets,
  workspaceListTotals,
  type WorkspaceListResponse,
  type WorkspaceSummary,
} from '@kaito-backstage/plugin-kaito-common';
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

/** 60 workspaces: ws-00 … ws-59, two GPUs each, priced at $3.20/h, every third one ml-team's. */
const many: WorkspaceSummary[] = Array.from({ length: 60 }, (_, i) => {
  const name = `ws-${String(i).padStart(2, '0')}`;
  return {
    ...summaryOf(readyWorkspace()),
    ref: { cluster: i < 30 ? 'aks-east' : 'aks-west', namespace: 'ml', name },
    key: `${i < 30 ? 'aks-east' : 'aks-west'}/ml/${name}`,
    gpuCount: 2,
    state: i % 2 ? 'Pending' : 'Ready',
    owner: i % 3 ? 'group:default/platform-team' : 'group:default/ml-team',
  };
});

/**
 * The list stream as the backend answers it: the page the query asks for of
 * the filtered, sorted items, with the totals of every match and the facets
 * of all items. Every query asked for is recorded.
 */
function pagedListStream(items: WorkspaceSummary[]) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(`${API}/workspaces/stream`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      const matches = items.filter(
        item =>
          (!query.get('cluster') || item.ref.cluster === query.get('cluster')) &&
          (!query.get('owner') || item.owner === query.get('owner')) &&
          (!query.get('state') || query.get('state')!.split(',').includes(item.state)) &&
          (!query.get('q') || item.key.includes(query.get('q')!)),
      );
      const sortKey = query.get('sort');
      const sorted = sortKey
        ? [...matches].sort((x, y) => {
            const by =
              sortKey === 'name'
                ? x.ref.name.localeCompare(y.ref.name)
                : x.key.localeCompare(y.key);
            return query.get('order') === 'desc' ? -by : by;
          })
        : matches;
      const offset = Number(query.get('offset') ?? 0);
      const limit = query.has('limit') ? Number(query.get('limit')) : undefined;
      const page = sorted.slice(offset, limit === undefined ? undefined : offset + limit);
      return listStream({
        items: page,
        errors: [],
        total: matches.length,
        offset,
        ...(limit !== undefined ? { limit } : {}),
        totals: workspaceListTotals(matches),
        facets: workspaceListFacets(items),
      });
    }),
  );
  return {
    queries,
    last: () => Object.fromEntries(queries.at(-1) ?? []),
  };
}

/** The names linked in the table, top to bottom. */
const shownNames = () =>
  screen
    .getAllByRole('link')
    .map(link => link.textContent ?? '')
    .filter(text => /^ws-\d\d$/.test(text));

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

/** Opens a filter by its id (the table's sort buttons share the filter names) and picks an option. */
async function chooseFilter(id: string, option: string) {
  await userEvent.click(document.getElementById(`kaito-filter-${id}`)!);
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('WorkspacesPage', () => {
  describe('when workspaces exist on several clusters', () => {
    beforeEach(() => pagedListStream(list.items));

    it('lists them with GPU and cost totals and names the clusters that failed', async () => {
      server.use(http.get(`${API}/workspaces/stream`, () => listStream({ ...list, total: 3, totals: workspaceListTotals(list.items), facets: workspaceListFacets(list.items) })));
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
      ['cluster', 'aks-prod', ['phi-tune'], '$0.00/h'],
      ['state', 'Pending', ['phi-h100'], '$98.32/h'],
      ['owner', 'group:default/platform-team', ['phi-h100'], '$98.32/h'],
    ])('filters by %s on the server', async (filter, option, names, cost) => {
      const stream = pagedListStream(list.items);
      await renderPage();
      await screen.findByText('All workspaces (3)');
      await chooseFilter(filter, option);

      expect(
        await screen.findByText(
          `Workspaces matching the filters (${names.length})`,
        ),
      ).toBeInTheDocument();
      expect(stream.last()).toEqual({ [filter]: option, offset: '0', limit: '25' });
      const table = screen
        .getByText(`Workspaces matching the filters (${names.length})`)
        .closest('div[class*="MuiPaper"]') as HTMLElement;
      for (const name of ['phi-3', 'phi-h100', 'phi-tune']) {
        const shown = within(table).queryByRole('link', { name });
        expect(Boolean(shown)).toBe(names.includes(name));
      }
      expect(screen.getByTestId('total-cost-per-hour')).toHaveTextContent(cost);
    });
  });

  describe('with more workspaces than a page', () => {
    it("asks for one page over one stream and shows the server's totals of every match", async () => {
      const stream = pagedListStream(many);
      await renderPage();
      expect(await screen.findByText('All workspaces (60)')).toBeInTheDocument();
      expect(stream.queries).toHaveLength(1);
      expect(stream.last()).toEqual({ offset: '0', limit: '25' });
      expect(shownNames()).toHaveLength(25);
      // Over all 60, not the 25 rows shown.
      expect(screen.getByTestId('total-workspaces')).toHaveTextContent('60');
      expect(screen.getByTestId('total-gpus')).toHaveTextContent('120');
      expect(screen.getByTestId('total-cost-per-hour')).toHaveTextContent(
        '$192.00/h',
      );
      expect(screen.getByTestId('workspaces-pagination')).toHaveTextContent(
        '1–25 of 60',
      );
    });

    it('turns pages and changes the page size by reopening the stream at the new offset', async () => {
      const stream = pagedListStream(many);
      await renderPage();
      await screen.findByText('All workspaces (60)');
      await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
      await waitFor(() => expect(shownNames()[0]).toBe('ws-25'));
      expect(stream.last()).toEqual({ offset: '25', limit: '25' });
      expect(screen.getByTestId('workspaces-pagination')).toHaveTextContent(
        '26–50 of 60',
      );
      expect(screen.getByTestId('total-gpus')).toHaveTextContent('120');

      await userEvent.click(screen.getByRole('button', { name: /Rows per page/ }));
      await userEvent.click(await screen.findByRole('option', { name: '50' }));
      await waitFor(() => expect(shownNames()).toHaveLength(50));
      expect(stream.last()).toEqual({ offset: '0', limit: '50' });
    });

    it('opens at the page, filter and sort the URL says', async () => {
      const stream = pagedListStream(many);
      await renderPage('/kaito?sort=name&order=desc&offset=25&owner=group%3Adefault%2Fml-team');
      expect(
        await screen.findByText('Workspaces matching the filters (20)'),
      ).toBeInTheDocument();
      expect(Object.fromEntries(stream.queries[0])).toEqual({
        owner: 'group:default/ml-team',
        sort: 'name',
        order: 'desc',
        offset: '25',
        limit: '25',
      });
      // Only 20 match, so the 26th onwards is empty: the page moves back to the last page with rows.
      await waitFor(() => expect(stream.last().offset).toBe('0'));
      expect(shownNames().slice(0, 3)).toEqual(['ws-57', 'ws-54', 'ws-51']);
      expect(screen.getByTestId('total-workspaces')).toHaveTextContent('20');
    });

    it('opens at the offset the URL says', async () => {
      const stream = pagedListStream(many);
      await renderPage('/kaito?offset=50');
      await waitFor(() => expect(shownNames()[0]).toBe('ws-50'));
      expect(shownNames()).toHaveLength(10);
      expect(stream.queries.map(q => Object.fromEntries(q))).toEqual([
        { offset: '50', limit: '25' },
      ]);
    });

    it('sorts on the server when a column header is clicked', async () => {
      const stream = pagedListStream(many);
      await renderPage();
      await screen.findByText('All workspaces (60)');
      await userEvent.click(screen.getByRole('button', { name: 'Name' }));
      await waitFor(() =>
        expect(stream.last()).toEqual({ sort: 'name', order: 'asc', offset: '0', limit: '25' }),
      );
      await userEvent.click(screen.getByRole('button', { name: 'Name' }));
      await waitFor(() =>
        expect(stream.last()).toEqual({ sort: 'name', order: 'desc', offset: '0', limit: '25' }),
      );
      await waitFor(() => expect(shownNames()[0]).toBe('ws-59'));
    });

    it('offers every readable cluster and owner in the filters, whatever is filtered, and searches on the server', async () => {
      const stream = pagedListStream(many);
      await renderPage('/kaito?owner=group%3Adefault%2Fml-team');
      await screen.findByText('Workspaces matching the filters (20)');
      await userEvent.click(document.getElementById('kaito-filter-owner')!);
      expect(
        (await screen.findAllByRole('option')).map(o => o.textContent),
      ).toEqual(['Any', 'group:default/ml-team', 'group:default/platform-team']);
      await userEvent.keyboard('{Escape}');

      await userEvent.type(screen.getByTestId('filter-q'), 'ws-1');
      await waitFor(() => expect(stream.last().q).toBe('ws-1'));
      expect(stream.last()).toEqual({ owner: 'group:default/ml-team', q: 'ws-1', offset: '0', limit: '25' });
      expect(
        await screen.findByText('Workspaces matching the filters (3)'),
      ).toBeInTheDocument();
      // One stream for the search, not one per key typed.
      expect(stream.queries.filter(q => q.has('q'))).toHaveLength(1);
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
      stream.send({ type: 'list', items: list.items.slice(0, 1), errors: [], total: 1 });
      expect(await screen.findByText('All workspaces (1)')).toBeInTheDocument();

      stream.send({ type: 'list', ...list, total: 3 });
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
      first.send({ type: 'list', ...list, total: 3 });
      expect(await screen.findByText('All workspaces (3)')).toBeInTheDocument();
      first.close();

      const notice = await screen.findByTestId('list-reconnecting', undefined, {
        timeout: 3000,
      });
      expect(notice).toHaveTextContent('503 Service Unavailable');
      expect(screen.getByText('All workspaces (3)')).toBeInTheDocument();

      await waitFor(() => expect(connections).toBe(3), { timeout: 5000 });
      third.send({ type: 'list', items: list.items.slice(0, 2), errors: [], total: 2 });
      expect(await screen.findByText('All workspaces (2)')).toBeInTheDocument();
      expect(screen.queryByTestId('list-reconnecting')).not.toBeInTheDocument();
    });
  });

  describe('with filters in the URL', () => {
    it('opens filtered as the URL says', async () => {
      const stream = pagedListStream(list.items);
      await renderPage(
        '/kaito?state=Pending&owner=group%3Adefault%2Fplatform-team',
      );
      expect(
        await screen.findByText('Workspaces matching the filters (1)'),
      ).toBeInTheDocument();
      expect(stream.last()).toEqual({
        state: 'Pending',
        owner: 'group:default/platform-team',
        offset: '0',
        limit: '25',
      });
      expect(
        screen.getByRole('link', { name: 'phi-h100' }),
      ).toBeInTheDocument();
      expect(screen.getByTestId('filter-state')).toHaveValue('Pending');
      expect(screen.getByTestId('total-cost-per-hour')).toHaveTextContent(
        '$98.32/h',
      );
    });

    it('reads the filters from the URL only: choosing Any clears the cluster the URL set', async () => {
      const stream = pagedListStream(list.items);
      const { unmount } = await renderPage('/kaito?cluster=aks-prod');
      expect(
        await screen.findByText('Workspaces matching the filters (1)'),
      ).toBeInTheDocument();
      await chooseFilter('cluster', 'Any');
      expect(await screen.findByText('All workspaces (3)')).toBeInTheDocument();
      expect(stream.last()).toEqual({ offset: '0', limit: '25' });
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
