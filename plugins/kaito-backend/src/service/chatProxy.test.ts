import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { KubeConfig } from '@kubernetes/client-node';
import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { chatUpstreamUrl, connectionFor, prepareChatRequest, proxyChat } from './chatProxy';

const workspace = { metadata: { name: 'phi', namespace: 'team-a' } } as Workspace;

function kubeConfig(server = 'https://aks.example.com:443'): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server }],
    users: [{ name: 'u', token: 'api-server-token' }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return kc;
}

describe('chatUpstreamUrl', () => {
  it.each([
    [{ kind: 'apiServerProxy' as const }, false, 'https://aks.example.com/api/v1/namespaces/team-a/services/phi:80/proxy/v1/chat/completions'],
    [{ kind: 'apiServerProxy' as const }, true, 'https://aks.example.com/api/v1/namespaces/team-a/services/phi:80/proxy/chat'],
    [
      { kind: 'serviceUrl' as const, template: 'http://{name}.{namespace}.svc.cluster.local:{port}' },
      false,
      'http://phi.team-a.svc.cluster.local/v1/chat/completions',
    ],
  ])('sends %o (legacy %s) to %s', (via, legacy, expected) => {
    expect(chatUpstreamUrl({ kubeConfig: kubeConfig(), workspace, legacy, via }).href).toBe(expected);
  });
});

describe('prepareChatRequest', () => {
  const target = { models: ['phi-4', 'support-tone'] };
  const messages = [{ role: 'user', content: 'hi' }];
  it('defaults to the base model and caps max_tokens', () => {
    expect(prepareChatRequest({ messages, max_tokens: 99999 }, target, 512)).toMatchObject({
      model: 'phi-4',
      max_tokens: 512,
    });
  });
  it('caps max_completion_tokens too, which vLLM prefers over max_tokens', () => {
    expect(prepareChatRequest({ messages, max_completion_tokens: 1_000_000 }, target, 512)).toEqual({
      model: 'phi-4',
      messages,
      max_tokens: 512,
      max_completion_tokens: 512,
    });
  });
  it.each([
    [{}, 'The chat request is invalid: messages: Invalid input: expected array, received undefined'],
    [{ messages: [{ role: 'user' }] }, 'messages[0].content'],
    [{ messages, max_tokens: 'x' }, 'max_tokens: Invalid input: expected number, received string'],
    [{ messages, n: 8 }, 'n: only n = 1 is supported'],
    [{ messages, best_of: 8 }, '(body): best_of is not supported'],
    [{ messages, ignore_eos: true }, '(body): ignore_eos is not supported'],
    [{ model: 'gpt-4', messages }, "Model 'gpt-4' is not served by this workspace; choose one of: phi-4, support-tone"],
  ])('refuses %o with an InputError', (body, message) => {
    expect(() => prepareChatRequest(body, target, 512)).toThrow(expect.objectContaining({ name: 'InputError', message: expect.stringContaining(message) }));
  });
});

describe('proxyChat straight to the Service URL', () => {
  it('streams the reply through and never sends the API server token to the Service', async () => {
    const seen: Array<{ url?: string; authorization?: string }> = [];
    const service = http.createServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
      res.write(chunk('Hello'));
      setTimeout(() => res.end(`${chunk(' there')}data: [DONE]\n\n`), 20);
    });
    await new Promise<void>(resolve => service.listen(0, '127.0.0.1', resolve));
    const { port } = service.address() as AddressInfo;
    const target = {
      kubeConfig: kubeConfig(),
      workspace,
      legacy: false,
      models: ['phi-4'],
      via: { kind: 'serviceUrl' as const, template: `http://127.0.0.1:${port}/{namespace}/{name}` },
    };
    const app = express();
    app.post('/chat', express.json(), async (req, res) => {
      const prepared = prepareChatRequest(req.body, target, 64);
      await proxyChat(target, prepared, res, performance.now(), new AbortController().signal);
    });
    try {
      const res = await request(app).post('/chat').send({ messages: [{ role: 'user', content: 'hi' }], stream: true });
      expect(res.text).toMatch(/"content":"Hello"[\s\S]*"content":" there"[\s\S]*event: kaito\.metrics\ndata: \{"timeToFirstTokenMs":[\d.]+,"tokensPerSecond":[\d.]+,"completionTokens":2\}\n\ndata: \[DONE\]\n\n$/);
      expect(seen).toEqual([{ url: '/team-a/phi/v1/chat/completions', authorization: undefined }]);
    } finally {
      service.close();
    }
  });
});

describe('proxyChat through the API server proxy', () => {
  const chatThrough = async (answer: (res: http.ServerResponse) => void) => {
    const apiServer = http.createServer((_req, res) => answer(res));
    await new Promise<void>(resolve => apiServer.listen(0, '127.0.0.1', resolve));
    const { port } = apiServer.address() as AddressInfo;
    const kc = kubeConfig(`http://127.0.0.1:${port}`);
    // client-node speaks plain HTTP only with skipTLSVerify set.
    kc.clusters[0] = { ...kc.clusters[0], skipTLSVerify: true };
    const target = { kubeConfig: kc, workspace, legacy: false, models: ['phi-4'] };
    try {
      return await proxyChat(target, prepareChatRequest({ messages: [{ role: 'user', content: 'hi' }] }, target, 64), {} as any, 0, new AbortController().signal).then(
        () => undefined,
        (error: Error) => error,
      );
    } finally {
      apiServer.close();
    }
  };

  it('says what Kubernetes refused, and the fix, when the API server refuses the proxy', async () => {
    const message = 'services "phi:80" is forbidden: User "robot" cannot create resource "services/proxy" in API group "" in the namespace "team-a"';
    const error = await chatThrough(res => {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason: 'Forbidden', details: { name: 'phi:80', kind: 'services' }, code: 403 }));
    });
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toBe(
      `Kubernetes refused to proxy chat to service team-a/phi (403 Forbidden): ${message}. Fix: grant it with plugins/kaito-backend/manifests/rbac.yaml (ClusterRole kaito-backstage-controller)`,
    );
  });

  it("passes the model server's own error on as the model server's", async () => {
    const error = await chatThrough(res => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ object: 'error', message: 'max_tokens is too large', code: 400 }));
    });
    expect(error?.name).toBe('ServiceUnavailableError');
    expect(error?.message).toBe('The model server answered HTTP 400: {"object":"error","message":"max_tokens is too large","code":400}');
  });
});

describe('proxyChat guards', () => {
  /** A model server under the test's control, and a portal route in front of it. */
  async function harness(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void, timeouts = { firstByteMs: 150, idleMs: 150 }) {
    const upstreamClosed: Array<Promise<void>> = [];
    const bodies: unknown[] = [];
    const model = http.createServer((req, res) => {
      upstreamClosed.push(new Promise(resolve => res.on('close', () => resolve())));
      let text = '';
      req.on('data', chunk => (text += chunk));
      req.on('end', () => {
        bodies.push(JSON.parse(text));
        answer(req, res);
      });
    });
    await new Promise<void>(resolve => model.listen(0, '127.0.0.1', resolve));
    const target = {
      kubeConfig: kubeConfig(),
      workspace,
      legacy: false,
      models: ['phi-4'],
      via: { kind: 'serviceUrl' as const, template: `http://127.0.0.1:${(model.address() as AddressInfo).port}` },
      timeouts,
    };
    const outcomes: Array<Promise<unknown>> = [];
    const app = express();
    app.post('/chat', express.json(), (req, res, next) => {
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      const outcome = proxyChat(target, prepareChatRequest(req.body, target, 64), res, performance.now(), abort.signal);
      outcomes.push(outcome.catch(error => error));
      outcome.catch(error => (res.headersSent ? res.end() : next(error)));
    });
    app.use((error: Error & { statusCode?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(error.statusCode ?? 500).json({ error: { name: error.name, message: error.message } });
    });
    const portal = http.createServer(app);
    await new Promise<void>(resolve => portal.listen(0, '127.0.0.1', resolve));
    return {
      portal,
      bodies,
      upstreamClosed,
      outcomes,
      close: () => {
        portal.close();
        model.closeAllConnections();
        model.close();
      },
    };
  }

  const sse = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;

  it('forwards only the supported fields, with both token limits clamped', async () => {
    const h = await harness((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { content: 'ok' } }] })));
    try {
      const res = await request(h.portal).post('/chat').send({ messages: [{ role: 'user', content: 'hi' }], max_completion_tokens: 1_000_000, temperature: 0.5 });
      expect(res.status).toBe(200);
      expect(h.bodies).toEqual([{ model: 'phi-4', messages: [{ role: 'user', content: 'hi' }], temperature: 0.5, max_tokens: 64, max_completion_tokens: 64 }]);
    } finally {
      h.close();
    }
  });

  it('answers 504 and drops the upstream request when the model server sends nothing in time', async () => {
    const h = await harness(() => {
      // never answers
    });
    try {
      const started = Date.now();
      const res = await request(h.portal).post('/chat').send({ messages: [{ role: 'user', content: 'hi' }] });
      expect(res.status).toBe(504);
      expect(res.body.error.message).toBe('The model server sent nothing for 0.15 s (kaito.chat.upstreamFirstByteTimeoutMs)');
      expect(Date.now() - started).toBeLessThan(2000);
      await h.upstreamClosed[0];
    } finally {
      h.close();
    }
  });

  it('cuts a stream off when the model server goes silent mid-reply, and says so in the stream', async () => {
    const h = await harness((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(sse('Hello'));
      // then silence
    });
    try {
      const res = await request(h.portal).post('/chat').send({ messages: [{ role: 'user', content: 'hi' }], stream: true });
      expect(res.status).toBe(200);
      expect(res.text).toContain('"content":"Hello"');
      expect(res.text).toContain('event: kaito.error\ndata: {"message":"The model server went silent for 0.15 s mid-reply (kaito.chat.upstreamIdleTimeoutMs)"}');
      expect(res.text).not.toContain('[DONE]');
      expect(await h.outcomes[0]).toMatchObject({ name: 'GatewayTimeoutError' });
      await h.upstreamClosed[0];
    } finally {
      h.close();
    }
  });

  it('does not cut a reply that keeps coming for longer than the idle limit in all, and times the silence from the last chunk', async () => {
    const h = await harness((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      // A chunk every 60 ms for 480 ms (over three idle limits of 150 ms in all), then 100 ms of silence before the end.
      let sent = 0;
      const tick = setInterval(() => {
        res.write(sse(`t${sent} `));
        if (++sent === 8) {
          clearInterval(tick);
          setTimeout(() => res.end('data: [DONE]\n\n'), 100);
        }
      }, 60);
    });
    try {
      const res = await request(h.portal).post('/chat').send({ messages: [{ role: 'user', content: 'hi' }], stream: true });
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('kaito.error');
      expect(res.text).toContain('"content":"t7 "');
      expect(res.text).toContain('data: [DONE]');
      expect(await h.outcomes[0]).toMatchObject({ completionTokens: 8 });
    } finally {
      h.close();
    }
  });

  it('stops the upstream request when the client goes away', async () => {
    const h = await harness((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      const timer = setInterval(() => res.write(sse('tick')), 20);
      res.on('close', () => clearInterval(timer));
    }, { firstByteMs: 5000, idleMs: 5000 });
    try {
      const { port } = h.portal.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const client = http.request({ port, host: '127.0.0.1', path: '/chat', method: 'POST', headers: { 'Content-Type': 'application/json' } }, res => {
          res.once('data', () => {
            client.destroy();
            resolve();
          });
        });
        client.on('error', () => undefined);
        client.end(JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true }));
        setTimeout(() => reject(new Error('no first chunk')), 3000);
      });
      await h.upstreamClosed[0];
      expect(await h.outcomes[0]).toMatchObject({ name: 'ClientClosedError' });
    } finally {
      h.close();
    }
  });

  it('sends a reply\'s headers in one write with its first chunk when that follows soon', async () => {
    const h = await harness((_req, res) => {
      // The model server's headers come first, its first token a moment later (as vLLM's do).
      res.writeHead(200, { 'Content-Type': 'text/event-stream' }).flushHeaders();
      setTimeout(() => res.end(`${sse('Hello')}data: [DONE]\n\n`), 5);
    }, { firstByteMs: 5000, idleMs: 5000 });
    try {
      const { port } = h.portal.address() as AddressInfo;
      const body = JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true });
      // A raw socket: what arrives first is what the portal wrote first.
      const firstRead = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(`POST /chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        });
        socket.once('data', data => {
          socket.destroy();
          resolve(data.toString());
        });
        socket.on('error', reject);
      });
      expect(firstRead).toMatch(/^HTTP\/1\.1 200/);
      expect(firstRead).toContain('"content":"Hello"');
    } finally {
      h.close();
    }
  });

  it('keeps the lines before [DONE] in order, before the metrics, when they come in one chunk with it', async () => {
    const finish = `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\n`;
    const h = await harness((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' }).flushHeaders();
      res.write(sse('Hi'));
      setTimeout(() => res.end(`${finish}data: [DONE]\n\n`), 5);
    }, { firstByteMs: 5000, idleMs: 5000 });
    try {
      const res = await request(h.portal).post('/chat').send({ messages: [{ role: 'user', content: 'hi' }], stream: true });
      expect(res.text).toMatch(/^data: \{"choices":\[\{"delta":\{"content":"Hi"\}\}\]\}\n\ndata: \{"choices":\[\{"delta":\{\},"finish_reason":"stop"\}\]\}\n\nevent: kaito\.metrics\ndata: \{[^\n]*"completionTokens":1\}\n\ndata: \[DONE\]\n\n$/);
    } finally {
      h.close();
    }
  });

  it('sends the headers on their own when the first token is long in coming, so the client sees the reply begin', async () => {
    const h = await harness((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' }).flushHeaders();
      setTimeout(() => res.end(`${sse('late')}data: [DONE]\n\n`), 800);
    }, { firstByteMs: 5000, idleMs: 5000 });
    try {
      const { port } = h.portal.address() as AddressInfo;
      const started = performance.now();
      const seen = await new Promise<{ headersAt: number; firstDataAt: number; status?: number }>((resolve, reject) => {
        const client = http.request({ port, host: '127.0.0.1', path: '/chat', method: 'POST', headers: { 'Content-Type': 'application/json' } }, res => {
          const headersAt = performance.now() - started;
          res.once('data', () => resolve({ headersAt, firstDataAt: performance.now() - started, status: res.statusCode }));
        });
        client.on('error', reject);
        client.end(JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true }));
      });
      expect(seen.status).toBe(200);
      expect(seen.headersAt).toBeLessThan(500);
      expect(seen.firstDataAt).toBeGreaterThanOrEqual(750);
    } finally {
      h.close();
    }
  });

  it('stops reading the model server while the client does not read (backpressure), then delivers everything', async () => {
    const chunk = sse('x'.repeat(64 * 1024));
    const total = 2000; // about 128 MiB if nothing held it back
    let written = 0;
    const h = await harness((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      const pump = () => {
        while (written < total) {
          written++;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('data: [DONE]\n\n');
      };
      pump();
    }, { firstByteMs: 10_000, idleMs: 10_000 });
    try {
      const { port } = h.portal.address() as AddressInfo;
      let received = 0;
      await new Promise<void>((resolve, reject) => {
        const client = http.request({ port, host: '127.0.0.1', path: '/chat', method: 'POST', headers: { 'Content-Type': 'application/json' } }, res => {
          res.pause();
          setTimeout(() => {
            // Without backpressure the proxy would have read all of it into memory by now.
            expect(written * chunk.length).toBeLessThan(32 * 1024 * 1024);
            res.on('data', (data: Buffer) => (received += data.length));
            res.on('end', resolve);
            res.resume();
          }, 1000);
        });
        client.on('error', reject);
        client.end(JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true }));
      });
      expect(written).toBe(total);
      expect(received).toBeGreaterThan(total * chunk.length);
    } finally {
      h.close();
    }
  });
});

describe('connectionFor', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  function kubeConfigWith(target: KubeConfig, { ca, token }: { ca: string; token: string }) {
    target.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', caData: b64(ca) }],
      users: [{ name: 'u', token }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    return target;
  }

  it('re-reads the credentials after the refresh interval but keeps the agent (and its open connections) while the CA is unchanged', async () => {
    let now = 0;
    const clock = { now: () => now, refreshMs: 1000 };
    const rotating = kubeConfigWith(new KubeConfig(), { ca: 'ca one', token: 'first' });
    const first = await connectionFor(rotating, true, clock);
    expect(first.options.headers).toEqual(expect.objectContaining({ Authorization: 'Bearer first' }));

    kubeConfigWith(rotating, { ca: 'ca one', token: 'rotated' });
    now = 500;
    expect(await connectionFor(rotating, true, clock)).toBe(first); // within the interval: nothing re-read
    now = 1500;
    const refreshed = await connectionFor(rotating, true, clock);
    expect(refreshed.options.headers).toEqual(expect.objectContaining({ Authorization: 'Bearer rotated' }));
    expect(refreshed.agent).toBe(first.agent);
    expect(refreshed.agent.keepSocketAlive(new net.Socket())).toBe(true);

    kubeConfigWith(rotating, { ca: 'ca two', token: 'rotated' });
    now = 3000;
    const newCa = await connectionFor(rotating, true, clock);
    expect(newCa.agent).not.toBe(first.agent);
    expect((newCa.agent as unknown as { options: { ca?: unknown } }).options.ca?.toString()).toBe('ca two');
    // The replaced agent keeps no connection once its chats end.
    expect(first.agent.keepSocketAlive(new net.Socket())).toBe(false);
  });

  it('retires the agent before a failed credentials read once a later read brings a new CA', async () => {
    let now = 0;
    const clock = { now: () => now, refreshMs: 1000 };
    const rotating = kubeConfigWith(new KubeConfig(), { ca: 'ca one', token: 'first' });
    const first = await connectionFor(rotating, true, clock);
    // An exec credential plugin that fails once, say.
    const read = jest.spyOn(rotating, 'applyToHTTPSOptions').mockRejectedValueOnce(new Error('exec plugin failed'));
    now = 1500;
    await expect(connectionFor(rotating, true, clock)).rejects.toThrow('exec plugin failed');
    read.mockRestore();
    kubeConfigWith(rotating, { ca: 'ca two', token: 'first' });
    const next = await connectionFor(rotating, true, clock);
    expect(next.agent).not.toBe(first.agent);
    expect(first.agent.keepSocketAlive(new net.Socket())).toBe(false);
  });
});
