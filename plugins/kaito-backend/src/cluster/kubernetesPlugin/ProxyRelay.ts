import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import { backstageErrorOf } from './errors';

/** Headers that describe one hop, not the request (RFC 9110 §7.6.1), plus what the relay sets itself. */
const NOT_FORWARDED = new Set([
  'authorization',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'accept-encoding',
]);

/** Options of {@link startProxyRelay}. @internal */
export interface ProxyRelayOptions {
  /** The Kubernetes plugin's proxy for one cluster, e.g. `http://localhost:7007/api/kubernetes/proxy`. */
  upstream: () => Promise<string>;
  /** The headers that let the request through that proxy: a fresh plugin token and the cluster's name. */
  upstreamHeaders: () => Promise<Record<string, string>>;
}

/** A running relay. @internal */
export interface ProxyRelay {
  /** Loopback URL to use as the cluster's server. */
  url: string;
  /** The bearer token the relay asks of its callers (so no other local process can use it). */
  token: string;
  close(): Promise<void>;
}

function isWatch(req: http.IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const watch = new URL(req.url ?? '/', 'http://relay').searchParams.get('watch');
  return watch === 'true' || watch === '1';
}

function statusBody(code: number, message: string, reason: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** A Kubernetes `Status` for a refused upstream answer, keeping the Kubernetes plugin's own refusal visible. */
function statusFrom(code: number, text: string): object {
  try {
    const parsed = JSON.parse(text);
    if (parsed?.kind === 'Status') return parsed;
    const refusal = backstageErrorOf(parsed);
    if (refusal) return { ...statusBody(code, `${refusal.name}: ${refusal.message}`, 'KubernetesPluginRefused'), error: parsed.error };
  } catch {
    // not JSON: the text itself is the message
  }
  return statusBody(code, text.slice(0, 500) || http.STATUS_CODES[code] || 'error', http.STATUS_CODES[code] ?? 'Unknown');
}

/**
 * A loopback relay in front of the Kubernetes plugin's proxy for one
 * cluster. Why it exists: that proxy (http-proxy) sends a watch's response
 * headers only with its first event, where an API server sends them at once;
 * client-node's informers wait for those headers before they count as
 * started, so a quiet kind would hold the controller's start for ever. The
 * relay answers a watch's headers at once, as the API server does, and turns
 * a refused upstream watch into the watch `ERROR` event a server sends when a
 * watch fails after it started (the informer then lists again and reports
 * the list's refusal). Every other request passes through unchanged.
 *
 * @internal
 */
export async function startProxyRelay(options: ProxyRelayOptions): Promise<ProxyRelay> {
  const token = randomBytes(24).toString('hex');
  const expected = Buffer.from(`Bearer ${token}`);
  const authorized = (req: http.IncomingMessage) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const server = http.createServer(async (req, res) => {
    if (!authorized(req)) {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify(statusBody(401, 'Unauthorized', 'Unauthorized')));
      return;
    }
    const watch = isWatch(req);
    let upstreamRequest: http.ClientRequest | undefined;
    // The caller went away (an informer stopping its watch): stop the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) upstreamRequest?.destroy();
    });
    try {
      const base = (await options.upstream()).replace(/\/$/, '');
      const target = new URL(`${base}${req.url ?? '/'}`);
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(req.headers)) if (!NOT_FORWARDED.has(name)) headers[name] = value;
      Object.assign(headers, await options.upstreamHeaders(), { 'accept-encoding': 'identity' });
      if (watch) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
        res.flushHeaders();
      }
      const transport = target.protocol === 'https:' ? https : http;
      upstreamRequest = transport.request(target, { method: req.method, headers }, upstream => {
        const code = upstream.statusCode ?? 502;
        if (!watch) {
          const answer: http.OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(upstream.headers)) if (!NOT_FORWARDED.has(name)) answer[name] = value;
          res.writeHead(code, answer);
          upstream.pipe(res);
          return;
        }
        if (code === 200) {
          upstream.pipe(res);
          return;
        }
        let text = '';
        upstream.setEncoding('utf8');
        upstream.on('data', chunk => {
          if (text.length < 65536) text += chunk;
        });
        upstream.on('end', () => res.end(`${JSON.stringify({ type: 'ERROR', object: statusFrom(code, text) })}\n`));
      });
      upstreamRequest.on('error', error => {
        if (!res.headersSent) {
          res.writeHead(502, { 'Content-Type': 'application/json' }).end(
            JSON.stringify(statusBody(502, `The Kubernetes plugin could not be reached: ${error.message}`, 'BadGateway')),
          );
        } else {
          res.destroy(error);
        }
      });
      req.pipe(upstreamRequest);
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(502, { 'Content-Type': 'application/json' }).end(JSON.stringify(statusBody(502, (error as Error).message, 'BadGateway')));
      } else {
        res.destroy(error as Error);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
