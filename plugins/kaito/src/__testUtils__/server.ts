import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { API } from './apis';

/**
 * An msw server for the Kaito API with the requests every workspace view
 * makes answered by default (an empty audit log, no clusters, no inference sets, no kept chat); tests add their own
 * handlers with `server.use`. Unhandled requests fail the test.
 */
export function setupKaitoServer() {
  const server = setupServer(
    http.get(`${API}/audit`, () => HttpResponse.json({ items: [] })),
    http.get(`${API}/clusters`, () => HttpResponse.json({ items: [] })),
    http.get(`${API}/inferencesets`, () => HttpResponse.json({ items: [] })),
    http.get(`${API}/workspaces/:cluster/:namespace/:name/chat/history`, () =>
      HttpResponse.json({ items: [] }),
    ),
  );
  registerMswTestHooks(server);
  return server;
}
