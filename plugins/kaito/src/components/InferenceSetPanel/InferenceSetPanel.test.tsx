import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { InferenceSetSummary } from '@kaito-backstage/plugin-kaito-common';
import { setupKaitoServer } from '../../__testUtils__/server';
import { API } from '../../__testUtils__/apis';
import { renderWithKaito } from '../../__testUtils__/render';
import { InferenceSetPanel, setsOfEntity, withLiveReplicas } from './InferenceSetPanel';

const server = setupKaitoServer();

const set = (change: Partial<InferenceSetSummary> = {}): InferenceSetSummary => ({
  ref: { cluster: 'local', namespace: 'default', name: 'phi-set' },
  key: 'local/default/phi-set',
  preset: 'phi-4-mini-instruct',
  instanceType: 'Standard_NC24ads_A100_v4',
  replicas: 3,
  readyReplicas: 2,
  ready: false,
  reason: 'inferencesetNotReady',
  message: 'inferenceset is not ready, 2/3 replicas are ready',
  entityRef: 'component:default/support-assistant',
  autoscaling: { minReplicas: 1, maxReplicas: 4, metric: 'vllm:num_requests_waiting', threshold: '10' },
  replicaWorkspaces: [
    { name: 'phi-set-aaaaa', phase: 'succeeded', state: 'Ready', deleting: false },
    { name: 'phi-set-bbbbb', phase: 'succeeded', state: 'Ready', deleting: false },
    { name: 'phi-set-ccccc', phase: 'pending', state: 'Pending', deleting: false },
  ],
  deleting: false,
  ...change,
});

describe('setsOfEntity', () => {
  it('keeps the sets serving the entity or owning a linked workspace', () => {
    const other = set({ key: 'local/default/other', ref: { cluster: 'local', namespace: 'default', name: 'other' }, entityRef: undefined, replicaWorkspaces: [{ name: 'other-xxxxx', phase: 'pending', deleting: false }] });
    expect(setsOfEntity([set(), other], 'component:default/support-assistant', []).map(s => s.key)).toEqual(['local/default/phi-set']);
    expect(setsOfEntity([set(), other], 'component:default/nothing', ['local/default/other-xxxxx']).map(s => s.key)).toEqual(['local/default/other']);
  });
});

describe('withLiveReplicas', () => {
  const linked = ['local/default/phi-3', 'local/default/phi-set-aaaaa', 'local/default/phi-set-ccccc'];

  it('keeps every linked workspace until a set has been read', () => {
    expect(withLiveReplicas(linked, [], new Set())).toEqual(linked);
  });

  it('drops replicas a set listed and lists no more, and adds the ones it lists that are not linked yet', () => {
    const ever = new Set(['local/default/phi-set-aaaaa', 'local/default/phi-set-ccccc', 'local/default/phi-set-ddddd']);
    expect(withLiveReplicas(linked, ['local/default/phi-set-aaaaa', 'local/default/phi-set-ddddd'], ever)).toEqual([
      'local/default/phi-3',
      'local/default/phi-set-aaaaa',
      'local/default/phi-set-ddddd',
    ]);
  });

  it('drops every replica of a set that is gone, and keeps workspaces no set ever listed', () => {
    expect(withLiveReplicas(linked, [], new Set(['local/default/phi-set-aaaaa', 'local/default/phi-set-ccccc']))).toEqual(['local/default/phi-3']);
  });
});

describe('InferenceSetPanel', () => {
  it('tells onSets of each reading, and of a scale’s answer', async () => {
    const readings: string[][] = [];
    server.use(
      http.get(`${API}/inferencesets`, () => HttpResponse.json({ items: [set()] })),
      http.patch(`${API}/inferencesets/local/default/phi-set/scale`, () =>
        HttpResponse.json(set({ replicas: 1, replicaWorkspaces: [{ name: 'phi-set-aaaaa', phase: 'succeeded', state: 'Ready', deleting: false }] })),
      ),
    );
    await renderWithKaito(
      <InferenceSetPanel
        entityRef="component:default/support-assistant"
        workspaceKeys={[]}
        onSets={sets => readings.push(sets.flatMap(s => s.replicaWorkspaces.map(r => r.name)))}
      />,
    );
    await waitFor(() => expect(readings).toContainEqual(['phi-set-aaaaa', 'phi-set-bbbbb', 'phi-set-ccccc']));
    const input = screen.getByLabelText('Replicas');
    await userEvent.clear(input);
    await userEvent.type(input, '1');
    await userEvent.click(screen.getByRole('button', { name: 'Scale' }));
    await waitFor(() => expect(readings[readings.length - 1]).toEqual(['phi-set-aaaaa']));
  });

  it('shows the set, its replicas and their states, and scales it', async () => {
    const scaled: unknown[] = [];
    server.use(
      http.get(`${API}/inferencesets`, () => HttpResponse.json({ items: [set()] })),
      http.patch(`${API}/inferencesets/local/default/phi-set/scale`, async ({ request }) => {
        const body = (await request.json()) as { replicas: number };
        scaled.push(body);
        return HttpResponse.json(set({ replicas: body.replicas }));
      }),
    );
    await renderWithKaito(<InferenceSetPanel entityRef="component:default/support-assistant" workspaceKeys={[]} />);
    expect(await screen.findByText('InferenceSet local/default/phi-set')).toBeInTheDocument();
    expect(screen.getByText(/2\/3 replicas ready · phi-4-mini-instruct on Standard_NC24ads_A100_v4/)).toBeInTheDocument();
    expect(screen.getByText('inferencesetNotReady: inferenceset is not ready, 2/3 replicas are ready')).toBeInTheDocument();
    expect(screen.getByText('Autoscaling 1 to 4 replicas on vllm:num_requests_waiting (target 10 per replica)')).toBeInTheDocument();
    // Each replica links to its workspace's view, where it chats.
    expect(screen.getByRole('link', { name: 'phi-set-ccccc' })).toHaveAttribute('href', '/kaito/local/default/phi-set-ccccc');
    expect(screen.getAllByText('Ready')).toHaveLength(2);

    const input = screen.getByLabelText('Replicas');
    await userEvent.clear(input);
    await userEvent.type(input, '1');
    await userEvent.click(screen.getByRole('button', { name: 'Scale' }));
    await waitFor(() => expect(scaled).toEqual([{ replicas: 1 }]));
  });

  it("shows the backend's refusal of a scale", async () => {
    server.use(
      http.get(`${API}/inferencesets`, () => HttpResponse.json({ items: [set()] })),
      http.patch(`${API}/inferencesets/local/default/phi-set/scale`, () =>
        HttpResponse.json({ error: { name: 'InputError', message: 'replicas: local/default/phi-set autoscales between 1 and 4 replicas; ask for a count in that range' }, response: { statusCode: 400 } }, { status: 400 }),
      ),
    );
    await renderWithKaito(<InferenceSetPanel entityRef="component:default/support-assistant" workspaceKeys={[]} />);
    const input = await screen.findByLabelText('Replicas');
    await userEvent.clear(input);
    await userEvent.type(input, '9');
    await userEvent.click(screen.getByRole('button', { name: 'Scale' }));
    expect(await screen.findByText(/autoscales between 1 and 4 replicas/)).toBeInTheDocument();
  });

  it('deletes the set after a second click', async () => {
    const deleted: string[] = [];
    server.use(
      http.get(`${API}/inferencesets`, () => HttpResponse.json({ items: [set()] })),
      http.delete(`${API}/inferencesets/local/default/phi-set`, ({ request }) => {
        deleted.push(new URL(request.url).pathname);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await renderWithKaito(<InferenceSetPanel entityRef="component:default/support-assistant" workspaceKeys={[]} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete set' }));
    expect(deleted).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Delete 3 replicas and the set' }));
    expect(await screen.findByText('InferenceSet deleted; its replicas are going.')).toBeInTheDocument();
    expect(deleted).toHaveLength(1);
  });

  it('renders nothing when no set belongs to the entity', async () => {
    await renderWithKaito(<InferenceSetPanel entityRef="component:default/support-assistant" workspaceKeys={[]} />);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByText(/InferenceSet/)).not.toBeInTheDocument();
  });
});
