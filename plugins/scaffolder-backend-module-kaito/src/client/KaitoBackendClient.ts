import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotFoundError, ResponseError } from '@backstage/errors';
import { KaitoApiClient, readKaitoEvents } from '@kaito-backstage/plugin-kaito-client';
import type {
  CreateInferenceSetRequest,
  InferenceSetSummary,
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  WorkspaceDetails,
  WorkspaceRef,
  WorkspaceStreamEvent,
} from '@kaito-backstage/plugin-kaito-common';

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
 * Calls the kaito backend's REST API (`/api/kaito`), through the generated
 * client, on behalf of the user who started the task, so that user's
 * permissions and quota apply. What it adds: the on-behalf-of token, and
 * errors worded for the task log.
 *
 * @public
 */
export class KaitoBackendClient {
  readonly #auth: AuthService;
  readonly #api: KaitoApiClient;

  constructor(options: KaitoBackendClientOptions) {
    this.#auth = options.auth;
    const discovery = options.discovery;
    const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.#api = new KaitoApiClient({
      discovery,
      fetchApi: {
        fetch: async (input, init) => {
          try {
            return await fetchImpl(input, init);
          } catch (error) {
            if (init?.signal?.aborted) throw error;
            const baseUrl = await discovery.getBaseUrl('kaito');
            throw new Error(`Could not reach the kaito backend at ${baseUrl}: ${messageOf(error)}`, { cause: error });
          }
        },
      },
    });
  }

  /** `POST /workspaces`; with `dryRun: true` it validates and renders only. */
  async createWorkspace(
    request: CreateWorkspaceRequest,
    options: KaitoCallOptions,
  ): Promise<CreateWorkspaceResponse> {
    const key = `${request.cluster}/${request.namespace}/${request.name}`;
    const doing = request.dryRun ? `Checking workspace ${key}` : `Creating workspace ${key}`;
    const created = await worded(doing, async () => this.#api.createWorkspace({ body: request }, await this.#call(options)));
    return created as unknown as CreateWorkspaceResponse;
  }

  /** `POST /inferencesets`: `replicas` workspaces of one template; with `dryRun: true` it validates only. */
  async createInferenceSet(
    request: CreateInferenceSetRequest,
    options: KaitoCallOptions,
  ): Promise<{ inferenceSet: InferenceSetSummary; gpusPerReplica: number; maxGpus: number }> {
    const key = `${request.cluster}/${request.namespace}/${request.name}`;
    const doing = request.dryRun ? `Checking inference set ${key}` : `Creating inference set ${key}`;
    const created = await worded(doing, async () => this.#api.createInferenceSet({ body: request }, await this.#call(options)));
    return created as unknown as { inferenceSet: InferenceSetSummary; gpusPerReplica: number; maxGpus: number };
  }

  /** `GET /inferencesets/:cluster/:namespace/:name`; undefined when there is no such set. */
  async findInferenceSet(ref: WorkspaceRef, options: KaitoCallOptions): Promise<InferenceSetSummary | undefined> {
    try {
      const set = await worded(`Reading inference set ${formatRef(ref)}`, async () =>
        this.#api.getInferenceSet({ path: ref }, await this.#call(options)),
      );
      return set as unknown as InferenceSetSummary;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** `GET /workspaces/:cluster/:namespace/:name`. */
  async getWorkspace(ref: WorkspaceRef, options: KaitoCallOptions): Promise<WorkspaceDetails> {
    const details = await worded(`Reading workspace ${formatRef(ref)}`, async () =>
      this.#api.getWorkspace({ path: ref }, await this.#call(options)),
    );
    return details as unknown as WorkspaceDetails;
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
      response = await this.#api.watchWorkspace({ path: ref }, await this.#call(options));
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const problem =
        error instanceof ResponseError
          ? `The event stream is not available: ${toKaitoError(error, `Watching workspace ${formatRef(ref)}`).message}`
          : `Could not open the event stream: ${messageOf(error)}`;
      throw new KaitoStreamUnavailableError(problem, { cause: error });
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.startsWith('text/event-stream') || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new KaitoStreamUnavailableError(`The event stream is not available: unexpected content type '${contentType}'`);
    }
    try {
      for await (const message of readKaitoEvents('watchWorkspace', response)) {
        if (message.event !== 'message') {
          continue;
        }
        yield message.data as unknown as WorkspaceStreamEvent;
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

  /** The initiator's on-behalf-of token for the kaito plugin, and the caller's signal. */
  async #call(options: KaitoCallOptions): Promise<{ token?: string; signal?: AbortSignal }> {
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'kaito',
    });
    return { token: token || undefined, signal: options.signal };
  }
}

/** Runs a call, turning the backend's error answer into the matching worded error. */
async function worded<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof ResponseError ? toKaitoError(error, doing) : error;
  }
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
