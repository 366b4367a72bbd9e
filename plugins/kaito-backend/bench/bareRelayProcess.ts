/**
 * The floor of any Node relay, for the chat benchmark: a plain HTTP server
 * that forwards each POST to one fixed upstream URL (the workspace's Service
 * through the API server's service proxy) with the cluster's token on a
 * kept-alive agent, and pipes the reply back. No auth, checks, bookkeeping or
 * framework. Argument: `{ url, token }` of the upstream; prints `{ port }`,
 * exits when stdin closes.
 */
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';

async function main() {
  const { url, token } = JSON.parse(process.argv[2]) as { url: string; token: string };
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 512, rejectUnauthorized: false }) : new http.Agent({ keepAlive: true, maxSockets: 512 });
  const transport = secure ? https : http;
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const upstream = transport.request(
        target,
        { method: 'POST', agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': body.length } },
        reply => {
          res.writeHead(reply.statusCode ?? 502, { 'Content-Type': reply.headers['content-type'] ?? 'text/event-stream' });
          reply.pipe(res);
        },
      );
      upstream.on('error', error => res.destroy(error));
      upstream.end(body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
