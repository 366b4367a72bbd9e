import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupKaitoServer } from '../../__testUtils__/server';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { API } from '../../__testUtils__/apis';
import {
  quotaStuckWorkspace,
  readyWorkspace,
  summaryOf,
} from '../../__testUtils__/fixtures';
import { renderWithKaito } from '../../__testUtils__/render';
import { errorResponse, eventStreamResponse } from '../../__testUtils__/sse';
import { EntityKaitoContent } from './EntityKaitoContent';

const server = setupKaitoServer();

const component = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'support-assistant', namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/ml-team',
    lifecycle: 'experimental',
  },
});

/** Answers the list with `linked` and each workspace's stream with its snapshot. */
function serveWorkspaces(linked = [readyWorkspace(), quotaStuckWorkspace()]) {
  const entityQueries: string[] = [];
  server.use(
    http.get(`${API}/workspaces`, ({ request }) => {
      entityQueries.push(new URL(request.url).searchParams.get('entity') ?? '');
      return HttpResponse.json({ items: linked.map(summaryOf), errors: [] });
    }),
    http.get(`${API}/workspaces/local/default/:name/stream`, ({ params }) => {
      const workspace = [readyWorkspace(), quotaStuckWorkspace()].find(
        w => w.ref.name === params.name,
      );
      return workspace
        ? eventStreamResponse([{ data: { type: 'snapshot', workspace } }])
        : errorResponse(404, 'NotFoundError', `${params.name} not found`);
    }),
  );
  return entityQueries;
}

async function renderFor(entity: Entity) {
  await renderWithKaito(
    <EntityProvider entity={entity}>
      <EntityKaitoContent />
    </EntityProvider>,
  );
}

describe('EntityKaitoContent', () => {
  describe('when the entity names a workspace in its annotation', () => {
    it.each([
      ['backstage.kaito.sh/workspace', 'the current key'],
      ['kaito.sh/workspace', 'the legacy key of an old entity'],
    ])('shows that workspace (%s, %s)', async annotation => {
      serveWorkspaces([]);
      await renderFor(component({ [annotation]: 'local/default/phi-3' }));
      expect(await screen.findByText('phi-3')).toBeInTheDocument();
      expect(await screen.findByTestId('workspace-state')).toHaveTextContent(
        'Ready',
      );
    });
  });

  describe('when the entity exists before its workspace', () => {
    it('waits for the workspace instead of failing', async () => {
      serveWorkspaces([]);
      await renderFor(
        component({ 'backstage.kaito.sh/workspace': 'local/default/not-yet' }),
      );
      expect(
        await screen.findByText('Waiting for the workspace to appear'),
      ).toBeInTheDocument();
      expect(screen.getByTestId('workspace-waiting')).toHaveTextContent(
        'local/default/not-yet does not exist yet',
      );
      expect(screen.queryByText(/not found/)).not.toBeInTheDocument();
    });
  });

  describe('when several workspaces serve the entity', () => {
    it('looks them up by entity ref and offers a selector', async () => {
      const entityQueries = serveWorkspaces();
      await renderFor(component());
      expect(await screen.findByTestId('workspace-state')).toHaveTextContent(
        'Ready',
      );
      expect(entityQueries).toContain('component:default/support-assistant');
      expect(
        screen.getByText('2 workspaces serve this entity'),
      ).toBeInTheDocument();

      await userEvent.click(screen.getByRole('button', { name: /Workspace/ }));
      await userEvent.click(
        await screen.findByRole('option', { name: 'local/default/phi-h100' }),
      );
      await waitFor(() =>
        expect(screen.getByTestId('workspace-state')).toHaveTextContent(
          'Pending',
        ),
      );
    });
  });

  describe('when the linked workspaces are replicas of an InferenceSet that scales', () => {
    const replica = (name: string) =>
      summaryOf(readyWorkspace({ ref: { cluster: 'local', namespace: 'default', name }, key: `local/default/${name}` }));
    const replicaSet = (names: string[]) => ({
      ref: { cluster: 'local', namespace: 'default', name: 'phi-set' },
      key: 'local/default/phi-set',
      replicas: names.length,
      readyReplicas: names.length,
      ready: true,
      entityRef: 'component:default/support-assistant',
      replicaWorkspaces: names.map(name => ({ name, phase: 'succeeded', state: 'Ready', deleting: false })),
      deleting: false,
    });

    it('offers only the replicas the live reading has, not the removed ones the lookup still lists', async () => {
      // The test scales the set itself, once it has read the first options, so a
      // slow machine's 2 s re-read cannot land before that first check.
      let scaled = false;
      server.use(
        // The lookup answered once, before the set scaled: it still has phi-set-ccccc.
        http.get(`${API}/workspaces`, () =>
          HttpResponse.json({ items: ['phi-set-aaaaa', 'phi-set-bbbbb', 'phi-set-ccccc'].map(replica), errors: [] }),
        ),
        http.get(`${API}/workspaces/local/default/:name/stream`, ({ params }) =>
          eventStreamResponse([{ data: { type: 'snapshot', workspace: readyWorkspace({ ref: { cluster: 'local', namespace: 'default', name: String(params.name) }, key: `local/default/${params.name}` }) } }]),
        ),
        // The set's live reading: three replicas, then scaled to aaaaa, bbbbb and a new ddddd.
        http.get(`${API}/inferencesets`, () => {
          const names = scaled ? ['phi-set-aaaaa', 'phi-set-bbbbb', 'phi-set-ddddd'] : ['phi-set-aaaaa', 'phi-set-bbbbb', 'phi-set-ccccc'];
          return HttpResponse.json({ items: [replicaSet(names)] });
        }),
      );
      await renderFor(component());
      const options = async () => {
        await userEvent.click(screen.getByRole('button', { name: /Workspace/ }));
        const names = (await screen.findAllByRole('option')).map(o => o.textContent);
        await userEvent.keyboard('{Escape}');
        return names;
      };
      expect(await screen.findByText('InferenceSet local/default/phi-set')).toBeInTheDocument();
      expect(await options()).toEqual(['local/default/phi-set-aaaaa', 'local/default/phi-set-bbbbb', 'local/default/phi-set-ccccc']);
      scaled = true;
      // The panel reads the sets again every 2 s.
      await waitFor(() => expect(screen.getByRole('link', { name: 'phi-set-ddddd' })).toBeInTheDocument(), { timeout: 10_000 });
      expect(await options()).toEqual(['local/default/phi-set-aaaaa', 'local/default/phi-set-bbbbb', 'local/default/phi-set-ddddd']);
    }, 20_000);
  });

  describe('when no workspace serves the entity', () => {
    it('explains how to link one', async () => {
      serveWorkspaces([]);
      await renderFor(component());
      expect(
        await screen.findByText('No LLM workspace serves this entity yet'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          'backstage.kaito.sh/workspace: <cluster>/<namespace>/<name>',
        ),
      ).toBeInTheDocument();
      // The template hint links through the app's createFromTemplate binding.
      expect(
        screen.getByRole('link', { name: '"Deploy LLM" template' }),
      ).toHaveAttribute('href', '/create/templates/default/deploy-llm');
    });
  });

  describe('when the lookup fails and nothing is annotated', () => {
    it('shows the error', async () => {
      server.use(
        http.get(`${API}/workspaces`, () =>
          errorResponse(500, 'Error', 'cluster local is unreachable'),
        ),
      );
      await renderFor(component());
      expect(
        (await screen.findAllByText(/cluster local is unreachable/)).length,
      ).toBeGreaterThan(0);
    });
  });
});
