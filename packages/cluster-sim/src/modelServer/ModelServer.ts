import { randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Clock } from '../types';
import { InferenceTarget } from './inferencePod';
import { ChatMessage, countTokens, promptTokens, simulatedReply } from './simulatedText';

function json(res: ServerResponse, code: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readJson(req: IncomingMessage): Promise<any> {
  return new Promise(resolve => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch {
        resolve(undefined);
      }
    });
  });
}

/**
 * One simulated inference server: vLLM's OpenAI-compatible API, or Kaito's transformers runtime
 * (which also answers the legacy `/chat`). Replies are deterministic and say they are simulated.
 * @internal
 */
export class ModelServer {
  constructor(private readonly target: InferenceTarget, private readonly clock: Clock, private readonly tokenDelayMs: number, private readonly createdAt: number) {}

  async handle(method: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = `${method} ${path.replace(/\/+$/, '') || '/'}`;
    switch (route) {
      case 'GET /health':
        if (this.target.runtime === 'transformers') json(res, 200, { status: 'Healthy' });
        else {
          res.writeHead(200);
          res.end();
        }
        return;
      case 'GET /':
        json(res, 200, { message: 'Server is running' });
        return;
      case 'GET /v1/models':
        json(res, 200, { object: 'list', data: this.modelIds().map(id => this.modelCard(id)) });
        return;
      case 'GET /metrics':
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
        res.end('# HELP vllm:num_requests_running Number of requests currently running (simulated).\n# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running 0\n');
        return;
      case 'POST /v1/chat/completions':
        await this.chatCompletions(req, res);
        return;
      case 'POST /chat':
        if (this.target.runtime === 'transformers') {
          await this.legacyChat(req, res);
          return;
        }
        break;
      default:
        break;
    }
    json(res, 404, { detail: 'Not Found' });
  }

  private modelIds(): string[] {
    return [this.target.model, ...this.target.adapters];
  }

  private modelCard(id: string) {
    const isAdapter = id !== this.target.model;
    return {
      id,
      object: 'model',
      created: Math.floor(this.createdAt / 1000),
      owned_by: this.target.runtime === 'vllm' ? 'vllm' : 'kaito',
      root: isAdapter ? `/mnt/adapter/${id}` : '/workspace/weights',
      parent: isAdapter ? this.target.model : null,
      max_model_len: 16384,
    };
  }

  private async chatCompletions(req: IncomingMessage, res: ServerResponse) {
    const body = await readJson(req);
    if (!body || !Array.isArray(body.messages)) {
      json(res, 400, { object: 'error', message: 'messages: Field required', type: 'BadRequestError', param: null, code: 400 });
      return;
    }
    const model = body.model ?? this.target.model;
    if (!this.modelIds().includes(model)) {
      json(res, 404, { object: 'error', message: `The model \`${model}\` does not exist.`, type: 'NotFoundError', param: null, code: 404 });
      return;
    }
    const messages = body.messages as ChatMessage[];
    const maxTokens = body.max_completion_tokens ?? body.max_tokens;
    const { tokens, truncated } = simulatedReply(model, messages, maxTokens);
    const id = `chatcmpl-${randomBytes(12).toString('hex')}`;
    const created = Math.floor(this.clock.now() / 1000);
    const usage = { prompt_tokens: promptTokens(messages), completion_tokens: tokens.length, total_tokens: promptTokens(messages) + tokens.length };
    const finishReason = truncated ? 'length' : 'stop';
    if (!body.stream) {
      json(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: tokens.join('') }, logprobs: null, finish_reason: finishReason }],
        usage,
      });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`;
    let closed = false;
    res.on('close', () => {
      closed = true;
    });
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (const token of tokens) {
      if (closed) return;
      if (this.tokenDelayMs > 0) await new Promise(resolve => this.clock.setTimeout(() => resolve(undefined), this.tokenDelayMs));
      if (closed) return;
      res.write(chunk({ content: token }, null));
    }
    res.write(chunk({}, finishReason));
    if (body.stream_options?.include_usage) {
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }

  private async legacyChat(req: IncomingMessage, res: ServerResponse) {
    const body = await readJson(req);
    if (body?.messages && Array.isArray(body.messages)) {
      json(res, 200, { Result: simulatedReply(this.target.model, body.messages).tokens.join('') });
      return;
    }
    if (typeof body?.prompt === 'string') {
      const maxLength = body.generate_kwargs?.max_length;
      const reply = simulatedReply(this.target.model, [{ role: 'user', content: body.prompt }], maxLength ? Math.max(0, maxLength - countTokens(body.prompt)) : undefined);
      const text = reply.tokens.join('');
      json(res, 200, { Result: body.return_full_text === false ? text : `${body.prompt} ${text}` });
      return;
    }
    json(res, 400, { detail: 'Text generation parameter prompt required' });
  }
}
