import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { KubeConfig } from '@kubernetes/client-node';
import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { chatUpstreamUrl, prepareChatRequest, proxyChat } from './chatProxy';

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
