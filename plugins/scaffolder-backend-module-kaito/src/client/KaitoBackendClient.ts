import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type {
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  WorkspaceDetails,
  WorkspaceRef,
  WorkspaceStreamEvent,
} from '@kaito-backstage/plugin-kaito-common';
import { readServerSentEvents } from '@kaito-backstage/plugin-kaito-common';

import { toKaitoError } from './toKaitoError';

/** What every call needs: whose permissions and quota apply, and when to give up. @public */
export interface KaitoCallOptions {
  /** The task initiator's credentials (`ctx.getInitiatorCredentials()`). */
  credentials: BackstageCredentials;
  signal?: AbortSignal;
}

/** @public */
export interface KaitoBackendClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Replaces the global `fetch` (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * Thrown by {@link KaitoBackendClient.watchWorkspace} when the event stream
 * cannot be opened or breaks off; callers fall back to polling.
 *
 * @public
 */
export class KaitoStreamUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KaitoStreamUnavailableError';
  }
}

/**
 * Calls the kaito backend's REST API (`/api/kaito`) on behalf of the user who
 * started the task, so that user's permissions and quota apply.
 *
 * @public
 */
export class KaitoBackendClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #fetch: typeof fetch;

  constructor(options: KaitoBackendClientOptions) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** `POST /workspaces`; with `dryRun: true` it validates and renders only. */
  async createWorkspace(
    request: CreateWorkspaceRequest,
    options: KaitoCallOptions,
  ): Promise<CreateWorkspaceResponse> {
    const key = `${request.cluster}/${request.namespace}/${request.name}`;
    const response = await this.#request('/workspaces', options, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!response.ok) {
      const doing = request.dryRun ? `Checking workspace ${key}` : `Creating workspace ${key}`;
      throw await toKaitoError(response, doing);
    }
    return (await response.json()) as CreateWorkspaceResponse;
  }

  /** `GET /workspaces/:cluster/:namespace/:name`. */
  async getWorkspace(ref: WorkspaceRef, options: KaitoCallOptions): Promise<WorkspaceDetails> {
    const response = await this.#request(workspacePath(ref), options);
    if (!response.ok) {
      throw await toKaitoError(response, `Reading workspace ${formatRef(ref)}`);
    }
    return (await response.json()) as WorkspaceDetails;
  }

  /**
   * Follows `GET /workspaces/:cluster/:namespace/:name/stream`: a snapshot now
   * and on every change, `deleted` when the workspace goes. Ends when the
   * server closes the stream or `options.signal` aborts.
   *
   * @throws KaitoStreamUnavailableError when the stream cannot be opened or
   * breaks off, so the caller can poll instead.
   */
  async *watchWorkspace(
    ref: WorkspaceRef,
    options: KaitoCallOptions,
  ): AsyncGenerator<WorkspaceStreamEvent> {
    let response: Response;
    try {
      response = await this.#request(`${workspacePath(ref)}/stream`, options, {
        headers: { Accept: 'text/event-stream' },
      });
    } catch (error) {
      throw options.signal?.aborted
        ? error
        : new KaitoStreamUnavailableError(`Could not open the event stream: ${messageOf(error)}`, { cause: error });
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || !contentType.startsWith('text/event-stream') || !response.body) {
      const problem = response.ok
        ? `unexpected content type '${contentType}'`
        : (await toKaitoError(response, `Watching workspace ${formatRef(ref)}`)).message;
      await response.body?.cancel().catch(() => undefined);
      throw new KaitoStreamUnavailableError(`The event stream is not available: ${problem}`);
    }
    try {
      for await (const message of readServerSentEvents(response.body)) {
        if (message.event !== 'message') {
          continue;
        }
        yield JSON.parse(message.data) as WorkspaceStreamEvent;
      }
    } catch (error) {
      if (options.signal?.aborted) {
        throw error;
      }
      throw new KaitoStreamUnavailableError(`The event stream broke off: ${messageOf(error)}`, { cause: error });
    } finally {
      await response.body.cancel().catch(() => undefined);
    }
  }

  async #request(path: string, options: KaitoCallOptions, init: RequestInit = {}): Promise<Response> {
    const baseUrl = await this.#discovery.getBaseUrl('kaito');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'kaito',
    });
    const headers = new Headers(init.headers);
    if (token) {
      headers.set('Authorization', `Bearer ${token}`);
    }
    try {
      return await this.#fetch(`${baseUrl}${path}`, { ...init, headers, signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) {
        throw error;
      }
      throw new Error(`Could not reach the kaito backend at ${baseUrl}: ${messageOf(error)}`, { cause: error });
    }
  }
}

function workspacePath(ref: WorkspaceRef): string {
  return `/workspaces/${[ref.cluster, ref.namespace, ref.name].map(encodeURIComponent).join('/')}`;
}

function formatRef(ref: WorkspaceRef): string {
  return `${ref.cluster}/${ref.namespace}/${ref.name}`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
