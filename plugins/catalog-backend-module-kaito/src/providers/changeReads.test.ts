import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { EntityProviderConnection, EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { WORKSPACE_CHANGED_TOPIC } from '@kaito-backstage/plugin-kaito-common';
import { KaitoEntityProvider } from './KaitoEntityProvider';

/**
 * A kaito backend over real HTTP that answers `GET /workspaces?cluster&namespace&name` with that
 * workspace, slowly, refusing the first read of each with a 503; it notes the most reads at once.
 */
async function flakyBackend() {
  const refused = new Set<string>();
  const state = { inFlight: 0, mostAtOnce: 0, requests: 0 };
  const server = http.createServer((req, res) => {
    const query = new URL(req.url!, 'http://x').searchParams;
    const key = `${query.get('cluster')}/${query.get('namespace')}/${query.get('name')}`;
    state.requests++;
    state.inFlight++;
    state.mostAtOnce = Math.max(state.mostAtOnce, state.inFlight);
    setTimeout(() => {
      state.inFlight--;
      if (!refused.has(key)) {
        refused.add(key);
        res.writeHead(503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { name: 'ServiceUnavailableError', message: 'busy' } }));
        return;
      }
      const [cluster, namespace, name] = key.split('/');
      const item = { key, ref: { cluster, namespace, name }, kind: 'inference', preset: 'phi-4', state: 'Pending', owner: 'group:default/ml-team', gpuCount: 1, targetNodeCount: 1, deleting: false, columns: {} };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ items: [item], errors: [], total: 1, offset: 0 }));
    }, 20);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/kaito`;
  return { baseUrl, state, close: () => new Promise(resolve => server.close(resolve)) };
}

describe('KaitoEntityProvider on a burst of change events', () => {
  it('reads a few at a time and tries a failed read again, so every workspace is mirrored', async () => {
    const backend = await flakyBackend();
    const logger = mockServices.logger.mock();
    const events = DefaultEventsService.create({ logger });
    const names = new Set<string>();
    const connection: EntityProviderConnection = {
      async applyMutation(mutation: EntityProviderMutation) {
        if (mutation.type === 'delta') mutation.added.forEach(a => names.add(a.entity.metadata.name));
      },
      async refresh() {},
    };
    const provider = new KaitoEntityProvider({
      discovery: { getBaseUrl: async () => backend.baseUrl, getExternalBaseUrl: async () => backend.baseUrl },
      auth: mockServices.auth(),
      logger,
      events,
      taskRunner: { run: async () => undefined },
    });
    await provider.connect(connection);
    // 40 workspaces appear at once; each is also told a second time, which must not cost a second read while it waits.
    const refs = Array.from({ length: 40 }, (_, i) => ({ cluster: 'c1', namespace: 'team-a', name: `ws-${i}` }));
    for (const round of [1, 2]) {
      for (const ref of refs) {
        await events.publish({ topic: WORKSPACE_CHANGED_TOPIC, eventPayload: { ref, key: `${ref.cluster}/${ref.namespace}/${ref.name}`, kinds: ['Workspace'] } });
      }
      expect(round === 1 || provider.pendingReads > 0).toBe(true);
    }
    const deadline = Date.now() + 20_000;
    while (provider.pendingReads > 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50));
    await backend.close();

    expect(names.size).toBe(40);
    expect(backend.state.mostAtOnce).toBeLessThanOrEqual(8);
    // A refused first read and a second; the second round's events found their workspace still waiting (or read it once more).
    expect(backend.state.requests).toBeGreaterThanOrEqual(80);
    expect(backend.state.requests).toBeLessThanOrEqual(120);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
