import { createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request the proxy forwarded, with its body exactly as sent. @internal */
export interface RecordedRequest {
  method: string;
  path: string;
  contentType?: string;
  body: string;
}

/** A plain-HTTP proxy in front of an API server, keeping every request's bytes. @internal */
export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/**
 * Starts a proxy on a loopback port that forwards to `target` (a simulator
 * started with `tls: false`) and records each request body as it went out,
 * so tests can assert on the bytes a client wrote rather than on what the
 * server made of them.
 *
 * @internal
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method!, path: req.url!, contentType: req.headers['content-type'], body: body.toString('utf8') });
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.flushHeaders(); // a watch answers with headers long before its first event
          answer.pipe(res);
        },
      );
      forward.on('error', error => res.destroy(error));
      forward.end(body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
