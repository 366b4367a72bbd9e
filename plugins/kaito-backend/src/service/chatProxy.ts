import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { Response } from 'express';
import { InputError, NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { ChatCompletionRequest, ChatMetrics, Workspace, parseChatCompletionRequest } from '@kaito-backstage/plugin-kaito-common';
import { describeKubeError } from '../kube/errors';
import { IDLE_SOCKET_TIMEOUT_MS, retireAgent, tlsIdentity } from '../kube/keepConnectionsAlive';
import { ReplyText } from './replyText';

/** An OpenAI chat-completions request with only the fields we forward, token limits clamped. @internal */
export type ChatRequest = ChatCompletionRequest & { model: string; max_tokens: number };

/** @internal */
export interface ChatTarget {
  kubeConfig: KubeConfig;
  /** Through the API server's service proxy (default), or straight to the Service URL. */
  via?: { kind: 'apiServerProxy' } | { kind: 'serviceUrl'; template: string };
  workspace: Workspace;
  /** The models the workspace serves: the preset, then its adapters. */
  models: string[];
  /** Legacy transformers runtime (`POST /chat`, Kaito ≤ 0.8). */
  legacy: boolean;
  /** How long the model server may take to send its first byte, and then stay silent. */
  timeouts?: ChatTimeouts;
}

/** Upstream timeouts of a chat, in milliseconds. @internal */
export interface ChatTimeouts {
  firstByteMs: number;
  idleMs: number;
}

const DEFAULT_TIMEOUTS: ChatTimeouts = { firstByteMs: 120_000, idleMs: 30_000 };

/** The model server took too long; answered 504 before the reply starts. */
function upstreamTimeout(message: string): Error {
  return Object.assign(new Error(message), { name: 'GatewayTimeoutError', statusCode: 504 });
}

/**
 * Cuts a chat off when the model server is silent too long: `firstByteMs`
 * until the first byte of the reply's body, then `idleMs` between chunks
 * (also while the reply is paused for a slow client, so a client that stops
 * reading cannot hold the model server forever).
 *
 * A chunk only notes the time: the timer is not re-armed per chunk (that was
 * a clearTimeout and a setTimeout for every token of every chat). When the
 * timer fires it looks at how long it has really been silent and waits out
 * the rest, so the limits are exact.
 */
class UpstreamWatchdog {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #limitMs = 0;
  #message = '';
  #lastActivity = 0;
  #receiving = false;
  readonly #cut: (error: Error) => void;
  readonly #messages: { firstByte: string; idle: string; paused: string };

  constructor(private readonly timeouts: ChatTimeouts, cut: (error: Error) => void) {
    this.#cut = cut;
    this.#messages = {
      firstByte: `The model server sent nothing for ${timeouts.firstByteMs / 1000} s (kaito.chat.upstreamFirstByteTimeoutMs)`,
      idle: `The model server went silent for ${timeouts.idleMs / 1000} s mid-reply (kaito.chat.upstreamIdleTimeoutMs)`,
      paused: `The client read nothing of the reply for ${timeouts.idleMs / 1000} s; the chat was stopped`,
    };
    this.#arm(timeouts.firstByteMs, this.#messages.firstByte);
  }

  /** A chunk arrived: the idle clock starts over. */
  onData(): void {
    if (this.#receiving) {
      this.#lastActivity = performance.now();
      return;
    }
    this.#receiving = true;
    this.#arm(this.timeouts.idleMs, this.#messages.idle);
  }

  /** Reading is paused for a client that is not draining; the same idle limit applies to it. */
  onPause(): void {
    this.#arm(this.timeouts.idleMs, this.#messages.paused);
  }

  /** The client drained and reading goes on: the model server's idle limit again. */
  onResume(): void {
    this.#arm(this.timeouts.idleMs, this.#messages.idle);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(ms: number, message: string): void {
    clearTimeout(this.#timer);
    this.#limitMs = ms;
    this.#message = message;
    this.#lastActivity = performance.now();
    this.#timer = setTimeout(this.#check, ms);
  }

  readonly #check = (): void => {
    const silentMs = performance.now() - this.#lastActivity;
    // Timers may fire a little early; a margin of 1 ms keeps a silent upstream from being waited on twice.
    if (silentMs >= this.#limitMs - 1) this.#cut(upstreamTimeout(this.#message));
    else this.#timer = setTimeout(this.#check, this.#limitMs - silentMs);
  };
}

const SERVICE_PORT = 80;
/** How much of an upstream error body is read (its message is cut to 500 characters). */
const MAX_ERROR_BODY = 16 * 1024;

/**
 * Where a chat request goes: the workspace's own Service `<name>` port 80,
 * either through the API server's service proxy or at its in-cluster URL.
 * Nothing the caller sends takes part in it.
 *
 * @internal
 */
export function chatUpstreamUrl(target: Pick<ChatTarget, 'kubeConfig' | 'workspace' | 'legacy' | 'via'>): URL {
  const { name, namespace = 'default' } = target.workspace.metadata;
  const path = target.legacy ? '/chat' : '/v1/chat/completions';
  if (target.via?.kind === 'serviceUrl') {
    const base = target.via.template
      .replace('{name}', encodeURIComponent(name))
      .replace('{namespace}', encodeURIComponent(namespace))
      .replace('{port}', String(SERVICE_PORT));
    return new URL(`${base.replace(/\/$/, '')}${path}`);
  }
  const cluster = target.kubeConfig.getCurrentCluster();
  if (!cluster) throw new ServiceUnavailableError('The cluster has no server configured');
  return new URL(
    `${cluster.server.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(name)}:${SERVICE_PORT}/proxy${path}`,
  );
}

/**
 * Checks and completes a chat request: only the fields we support
 * (`parseChatCompletionRequest`), token limits clamped to `maxTokens`, and
 * only the workspace's own models.
 *
 * @internal
 */
export function prepareChatRequest(body: unknown, target: Pick<ChatTarget, 'models'>, maxTokens: number): ChatRequest {
  const parsed = parseChatCompletionRequest(body, { maxTokens });
  if (!parsed.ok) {
    throw new InputError(`The chat request is invalid: ${parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ')}`);
  }
  const model = parsed.request.model ?? target.models[0];
  if (!target.models.includes(model)) {
    throw new InputError(`Model '${model}' is not served by this workspace; choose one of: ${target.models.join(', ')}`);
  }
  return { ...parsed.request, model, max_tokens: parsed.request.max_tokens ?? maxTokens };
}

type Connection = { options: https.RequestOptions; agent: http.Agent };

/** How often a cluster's credentials are re-read: token files and exec credentials can rotate. */
const CREDENTIALS_REFRESH_MS = 60_000;

/** `tls` is the identity of the agent's TLS settings once built ('' until then). */
type CachedConnection = { connection: Promise<Connection>; expiresAt: number; tls: string };

/** Connection settings per cluster: auth applied once a minute, connections kept alive. */
const connections = new WeakMap<KubeConfig, CachedConnection>();

/**
 * The agent and auth of a cluster's chats. Every `refreshMs` the credentials
 * are read again (a new token goes in the headers), but the agent — and the
 * TCP/TLS connections it keeps open — is replaced only when the CA or the
 * client certificate changed, so the first burst after a refresh does not
 * open fresh connections. @internal (exported for tests)
 */
export function connectionFor(
  kubeConfig: KubeConfig,
  secure: boolean,
  clock: { now: () => number; refreshMs: number } = { now: Date.now, refreshMs: CREDENTIALS_REFRESH_MS },
): Promise<Connection> {
  const cached = connections.get(kubeConfig);
  if (cached && cached.expiresAt > clock.now()) return cached.connection;
  // One shared promise, so concurrent first requests build one agent.
  const entry = { expiresAt: clock.now() + clock.refreshMs, tls: '' } as CachedConnection;
  entry.connection = buildConnection(kubeConfig, secure, entry, cached);
  connections.set(kubeConfig, entry);
  entry.connection.catch(() => {
    if (connections.get(kubeConfig) !== entry) return;
    // The previous connection comes back, expired: the next chat reads the credentials again,
    // and keeps or retires its agent then.
    if (cached) connections.set(kubeConfig, { ...cached, expiresAt: 0 });
    else connections.delete(kubeConfig);
  });
  return entry.connection;
}

/** Reads the credentials; keeps the previous agent when its TLS settings are unchanged. */
async function buildConnection(kubeConfig: KubeConfig, secure: boolean, entry: CachedConnection, previous?: CachedConnection): Promise<Connection> {
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  entry.tls = `${secure ? 'https' : 'http'}:${tlsIdentity(options)}`;
  const previousAgent = (await previous?.connection.catch(() => undefined))?.agent;
  const kept = previous?.tls === entry.tls ? previousAgent : undefined;
  // A new CA or client certificate: the old agent's chats finish on it, and its connections close.
  if (previousAgent && !kept) retireAgent(previousAgent);
  const agent =
    kept ??
    (secure
      ? new https.Agent({
          keepAlive: true,
          maxSockets: 512,
          timeout: IDLE_SOCKET_TIMEOUT_MS,
          ca: options.ca,
          cert: options.cert,
          key: options.key,
          pfx: options.pfx,
          passphrase: options.passphrase,
          servername: options.servername,
          rejectUnauthorized: options.rejectUnauthorized,
        })
      : new http.Agent({ keepAlive: true, maxSockets: 512, timeout: IDLE_SOCKET_TIMEOUT_MS }));
  return { options: { headers: options.headers, auth: options.auth }, agent };
}

const directAgents = { http: new http.Agent({ keepAlive: true, maxSockets: 512 }), https: new https.Agent({ keepAlive: true, maxSockets: 512 }) };

function directConnection(secure: boolean): Connection {
  return { options: {}, agent: secure ? directAgents.https : directAgents.http };
}

/**
 * Sends a chat request to the workspace's own Service through the API
 * server's service proxy, and streams the reply back chunk by chunk as it
 * arrives: no buffering. Ends a streamed reply with a `kaito.metrics` event
 * (time to first token from `startedAt`, tokens per second) before `[DONE]`.
 *
 * @internal
 */
export async function proxyChat(
  target: ChatTarget,
  request: ChatRequest,
  res: Response,
  startedAt: number,
  signal: AbortSignal,
  /** Collects the assistant's text as it passes, for the chat history. */
  reply?: ReplyText,
): Promise<ChatMetrics | undefined> {
  const url = chatUpstreamUrl(target);
  const direct = target.via?.kind === 'serviceUrl';
  const payload = target.legacy
    ? JSON.stringify({
        messages: request.messages,
        generate_kwargs: { max_length: request.max_tokens, temperature: request.temperature ?? 1.0 },
      })
    : JSON.stringify(request);
  const secure = url.protocol === 'https:';
  // The API server's credentials go to the API server only, never to a Service.
  const connection = direct ? directConnection(secure) : await connectionFor(target.kubeConfig, secure);
  const options: https.RequestOptions = {
    method: 'POST',
    agent: connection.agent,
    auth: connection.options.auth,
    headers: {
      ...(connection.options.headers as Record<string, string>),
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(payload),
    },
    signal,
  };
  const transport = secure ? https : http;

  return new Promise((resolve, reject) => {
    // What the watchdog cuts: the request, and once it has come, the reply.
    const inFlight: { request?: http.ClientRequest; reply?: http.IncomingMessage } = {};
    const watchdog = new UpstreamWatchdog(target.timeouts ?? DEFAULT_TIMEOUTS, error => {
      inFlight.request?.destroy(error);
      inFlight.reply?.destroy(error);
    });
    const settle = <T>(result: Promise<T>) =>
      result.then(
        value => {
          watchdog.stop();
          resolve(value as ChatMetrics | undefined);
        },
        error => {
          watchdog.stop();
          reject(signal.aborted ? clientGone() : error);
        },
      );
    const upstream = transport.request(url, options, response => {
      inFlight.reply = response;
      const status = response.statusCode ?? 502;
      if (status >= 400) {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', chunk => {
          watchdog.onData();
          // Only the start of an error body is ever shown.
          if (text.length < MAX_ERROR_BODY) text += chunk;
        });
        settle(
          new Promise<never>((_, failed) => {
            response.on('end', () => failed(upstreamError(status, text, target, direct)));
            response.on('error', failed);
          }),
        );
        return;
      }
      if (target.legacy || !request.stream) {
        settle(collectWhole(response, target.legacy, request, res, startedAt, watchdog, reply));
        return;
      }
      settle(streamThrough(response, res, startedAt, watchdog, reply));
    });
    upstream.on('error', error => {
      watchdog.stop();
      if (inFlight.reply) return; // the reply's own handlers report it
      if (signal.aborted) reject(clientGone());
      else if (error.name === 'GatewayTimeoutError') reject(error);
      else reject(new ServiceUnavailableError(`The model server could not be reached: ${error.message}`));
    });
    inFlight.request = upstream;
    upstream.end(payload);
  });
}

/**
 * The error for a chat the upstream refused: a Kubernetes `Status` comes from
 * the API server's proxy (e.g. no `services/proxy` permission), anything else
 * from the model server itself.
 */
function upstreamError(status: number, text: string, target: ChatTarget, direct: boolean): Error {
  let kind: unknown;
  try {
    kind = JSON.parse(text)?.kind;
  } catch {
    // not JSON: the model server's own answer
  }
  if (!direct && kind === 'Status') {
    const doing = `proxy chat to service ${target.workspace.metadata.namespace ?? 'default'}/${target.workspace.metadata.name}`;
    const message = describeKubeError({ code: status, body: text }, doing);
    return status === 403 ? new NotAllowedError(message) : new ServiceUnavailableError(message);
  }
  return new ServiceUnavailableError(`The model server answered HTTP ${status}: ${text.slice(0, 500)}`);
}

/** The client closed its connection before the reply ended. */
function clientGone(): Error {
  return Object.assign(new Error('The client went away before the reply ended; the model server request was stopped'), {
    name: 'ClientClosedError',
  });
}

/**
 * How long a streamed reply's headers wait for its first chunk. They leave in
 * one write with it (a write less per chat: a burst of chats waits on every
 * write of the portal's event loop), or alone after this long, so a client
 * of a model server that is slow to start still sees the answer begin.
 */
const HEADERS_WAIT_MS = 25;

function setEventStreamHeaders(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  // no-transform keeps the compression middleware from buffering the stream.
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
}

/** Sets the headers of a stream; they go with its first write, or after {@link HEADERS_WAIT_MS}. Returns the cancel of that wait. */
function startEventStreamSoon(res: Response): () => void {
  setEventStreamHeaders(res);
  const timer = setTimeout(() => {
    if (!res.headersSent && !res.writableEnded && !res.destroyed) res.flushHeaders();
  }, HEADERS_WAIT_MS);
  return () => clearTimeout(timer);
}

function metricsOf(startedAt: number, firstAt: number | undefined, lastAt: number, tokens: number): ChatMetrics {
  const first = firstAt ?? lastAt;
  const seconds = (lastAt - first) / 1000;
  return {
    timeToFirstTokenMs: Math.round((first - startedAt) * 100) / 100,
    tokensPerSecond: seconds > 0 ? Math.round((Math.max(0, tokens - 1) / seconds) * 10) / 10 : tokens,
    completionTokens: tokens,
  };
}

const DONE = Buffer.from('data: [DONE]');
const CONTENT = Buffer.from('"content"');

function countOf(buffer: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = buffer.indexOf(needle); at >= 0; at = buffer.indexOf(needle, at + needle.length)) count++;
  return count;
}

/**
 * Forwards SSE bytes as they come, untouched, holding back only the final
 * `[DONE]` so the metrics event can go before it (and a last chunk without
 * text before it, so the end is one write). Tokens are counted on the raw
 * bytes, without decoding each chunk.
 */
function streamThrough(
  upstream: http.IncomingMessage,
  res: Response,
  startedAt: number,
  watchdog: UpstreamWatchdog,
  reply?: ReplyText,
): Promise<ChatMetrics> {
  const headersWait = startEventStreamSoon(res);
  let firstAt: number | undefined;
  let tokens = 0;
  const beforeDone: Buffer[] = [];
  return new Promise((resolve, reject) => {
    upstream.on('data', (chunk: Buffer) => {
      headersWait();
      watchdog.onData();
      const contents = countOf(chunk, CONTENT);
      if (contents > 0) {
        tokens += contents;
        firstAt ??= performance.now();
      }
      reply?.feed(chunk);
      const done = chunk.indexOf(DONE);
      const forward = done >= 0 ? chunk.subarray(0, done) : chunk;
      // The last lines before [DONE] (a finish_reason, no text) go with the metrics in the end's one write.
      if (done >= 0 && contents === 0) {
        beforeDone.push(forward);
        return;
      }
      if (forward.length === 0) return;
      // Backpressure: stop reading the model server until the client catches up.
      if (!res.write(forward)) {
        upstream.pause();
        watchdog.onPause();
        res.once('drain', () => {
          watchdog.onResume();
          upstream.resume();
        });
      }
    });
    upstream.on('end', () => {
      headersWait();
      const metrics = metricsOf(startedAt, firstAt, performance.now(), tokens);
      res.end(Buffer.concat([...beforeDone, Buffer.from(`event: kaito.metrics\ndata: ${JSON.stringify(metrics)}\n\ndata: [DONE]\n\n`)]));
      resolve(metrics);
    });
    upstream.on('error', error => {
      headersWait();
      // Tell the client why its stream stops, in the stream itself.
      if (!res.writableEnded && !res.destroyed) {
        res.write(Buffer.concat([...beforeDone, Buffer.from(`event: kaito.error\ndata: ${JSON.stringify({ message: error.message })}\n\n`)]));
      }
      reject(error);
    });
  });
}

/** A non-streamed (or legacy `/chat`) reply, returned in OpenAI's shape plus `kaito` metrics. */
function collectWhole(
  upstream: http.IncomingMessage,
  legacy: boolean,
  request: ChatRequest,
  res: Response,
  startedAt: number,
  watchdog: UpstreamWatchdog,
  reply?: ReplyText,
): Promise<ChatMetrics> {
  let text = '';
  let firstAt: number | undefined;
  upstream.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    upstream.on('data', chunk => {
      watchdog.onData();
      firstAt ??= performance.now();
      text += chunk;
    });
    upstream.on('end', () => {
      try {
        const body = JSON.parse(text);
        const content: string = legacy ? String(body.Result ?? '') : body.choices?.[0]?.message?.content ?? '';
        const tokens = legacy ? content.split(/\s+/).filter(Boolean).length : body.usage?.completion_tokens ?? content.split(/\s+/).length;
        const metrics = metricsOf(startedAt, firstAt, performance.now(), tokens);
        reply?.set(content);
        const completion = legacy
          ? {
              id: `chatcmpl-legacy-${Date.now()}`,
              object: 'chat.completion',
              created: Math.floor(Date.now() / 1000),
              model: request.model,
              choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
            }
          : body;
        if (request.stream) {
          // The headers go with the one write of the whole reply.
          setEventStreamHeaders(res);
          const chunk = { ...completion, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: 'stop' }] };
          res.end(`data: ${JSON.stringify(chunk)}\n\nevent: kaito.metrics\ndata: ${JSON.stringify(metrics)}\n\ndata: [DONE]\n\n`);
        } else {
          res.json({ ...completion, kaito: metrics });
        }
        resolve(metrics);
      } catch (error) {
        reject(new ServiceUnavailableError(`The model server sent a reply that is not JSON: ${text.slice(0, 200)}`));
      }
    });
    upstream.on('error', reject);
  });
}
