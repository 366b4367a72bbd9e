import http from 'node:http';
import { AddressInfo } from 'node:net';
import type { DiscoveryService } from '@backstage/backend-plugin-api';

/** A request the fake backend received. */
export interface RecordedRequest {
  method: string;
  /** Path below `/api/kaito`, with the query string. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** Answers one request; `res` is the raw Node response. */
export type FakeRoute = (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>;

/** An HTTP server standing in for `/api/kaito`, for client and action tests. */
export interface FakeKaitoBackend {
  baseUrl: string;
  discovery: DiscoveryService;
  requests: RecordedRequest[];
  /** Routes by `'<METHOD> <path without query>'`; unknown routes get 404. */
  routes: Map<string, FakeRoute>;
  close(): Promise<void>;
}

/** Starts the fake on a free loopback port. */
export async function startFakeKaitoBackend(): Promise<FakeKaitoBackend> {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, FakeRoute>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').replace(/^\/api\/kaito/, '');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(recorded);
    const route = routes.get(`${recorded.method} ${path.split('?')[0]}`);
    if (!route) {
      sendError(res, 404, 'NotFoundError', `No route for ${recorded.method} ${path}`);
      return;
    }
    await route(recorded, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/api/kaito`;
  return {
    baseUrl,
    requests,
    routes,
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON body. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Sends Backstage's standard error body, as the error middleware does. */
export function sendError(res: http.ServerResponse, status: number, name: string, message: string): void {
  sendJson(res, status, { error: { name, message }, request: {}, response: { statusCode: status } });
}

/** Opens a `text/event-stream` response. */
export function openEventStream(res: http.ServerResponse) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  return {
    send(data: unknown) {
      res.write(`data: ${JSON.stringify(data)}\n\n`);
    },
    ping() {
      res.write(': ping\n\n');
    },
    end() {
      res.end();
    },
  };
}
