import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AuditEntry,
  ChatHistoryMessage,
  ChatMetrics,
  ClusterSummary,
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  FitRequestBody,
  FitResponseBody,
  PresetSummary,
  SkuSummary,
  UpdateWorkspaceRequest,
  UpdateWorkspaceResponse,
  WorkspaceDetails,
  WorkspaceListResponse,
  WorkspaceRef,
  WorkspaceListStreamEvent,
  WorkspaceStreamEvent,
} from '@kaito-backstage/plugin-kaito-common';
import { readServerSentEvents } from '@kaito-backstage/plugin-kaito-common';
import type { ChatCompletionRequest, ChatStreamChunk } from './chatTypes';
import type { KaitoApi, WorkspaceListFilter } from './KaitoApi';

/** The SSE event name of a chat reply's metrics. */
const METRICS_EVENT = 'kaito.metrics';
const ERROR_EVENT = 'kaito.error';

interface OpenAiStreamChunk {
  choices?: Array<{ delta?: { content?: string | null } }>;
  error?: { message?: string } | string;
}

/**
 * The `KaitoApi` over HTTP. It uses the `fetchApi` (which adds the user's
 * Backstage token) for everything, streams included: `EventSource` cannot
 * send that token.
 *
 * @public
 */
export class KaitoClient implements KaitoApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listClusters(): Promise<ClusterSummary[]> {
    return (await this.getJson<{ items: ClusterSummary[] }>('/clusters')).items;
  }

  async listPresets(): Promise<PresetSummary[]> {
    return (await this.getJson<{ items: PresetSummary[] }>('/presets')).items;
  }

  async listSkus(cluster: string): Promise<SkuSummary[]> {
    const query = new URLSearchParams({ cluster });
    return (await this.getJson<{ items: SkuSummary[] }>(`/skus?${query}`))
      .items;
  }

  async checkFit(request: FitRequestBody): Promise<FitResponseBody> {
    return this.sendJson<FitResponseBody>('POST', '/fit', request);
  }

  async listWorkspaces(
    filter: WorkspaceListFilter = {},
  ): Promise<WorkspaceListResponse> {
    return this.getJson<WorkspaceListResponse>(
      `/workspaces${querySuffix(filter)}`,
    );
  }

  async *watchWorkspaces(
    filter: WorkspaceListFilter,
    options: { signal: AbortSignal },
  ): AsyncGenerator<WorkspaceListStreamEvent> {
    const response = await this.openStream(
      `/workspaces/stream${querySuffix(filter)}`,
      { signal: options.signal },
    );
    if (!response) {
      return;
    }
    yield* untilAborted(options.signal, async function* events() {
      for await (const message of readServerSentEvents(
        response.body!,
        options,
      )) {
        yield JSON.parse(message.data) as WorkspaceListStreamEvent;
      }
    });
  }

  async getWorkspace(ref: WorkspaceRef): Promise<WorkspaceDetails> {
    return this.getJson<WorkspaceDetails>(workspacePath(ref));
  }

  async createWorkspace(
    request: CreateWorkspaceRequest,
  ): Promise<CreateWorkspaceResponse> {
    return this.sendJson<CreateWorkspaceResponse>(
      'POST',
      '/workspaces',
      request,
    );
  }

  async updateWorkspace(
    ref: WorkspaceRef,
    request: UpdateWorkspaceRequest,
  ): Promise<UpdateWorkspaceResponse> {
    return this.sendJson<UpdateWorkspaceResponse>(
      'PATCH',
      workspacePath(ref),
      request,
    );
  }

  async deleteWorkspace(ref: WorkspaceRef): Promise<void> {
    await this.request(workspacePath(ref), { method: 'DELETE' });
  }

  async getLogs(
    ref: WorkspaceRef,
    options: { tailLines?: number } = {},
  ): Promise<string> {
    const query = new URLSearchParams({
      tailLines: String(options.tailLines ?? 200),
    });
    const response = await this.request(`${workspacePath(ref)}/logs?${query}`);
    return response.text();
  }

  async listAudit(workspaceKey: string): Promise<AuditEntry[]> {
    const query = new URLSearchParams({ workspace: workspaceKey });
    return (await this.getJson<{ items: AuditEntry[] }>(`/audit?${query}`))
      .items;
  }

  async *watchWorkspace(
    ref: WorkspaceRef,
    options: { signal: AbortSignal },
  ): AsyncGenerator<WorkspaceStreamEvent> {
    const response = await this.openStream(`${workspacePath(ref)}/stream`, {
      signal: options.signal,
    });
    if (!response) {
      return;
    }
    yield* untilAborted(options.signal, async function* events() {
      for await (const message of readServerSentEvents(
        response.body!,
        options,
      )) {
        yield JSON.parse(message.data) as WorkspaceStreamEvent;
      }
    });
  }

  async *streamChat(
    ref: WorkspaceRef,
    request: ChatCompletionRequest,
    options: { signal: AbortSignal },
  ): AsyncGenerator<ChatStreamChunk> {
    const response = await this.openStream(`${workspacePath(ref)}/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...request, stream: true }),
      signal: options.signal,
    });
    if (!response) {
      return;
    }
    yield* untilAborted(options.signal, async function* chunks() {
      for await (const message of readServerSentEvents(
        response.body!,
        options,
      )) {
        if (message.event === ERROR_EVENT) {
          // The portal cut the reply off (the model server went silent, or the stream failed).
          throw new Error(
            (JSON.parse(message.data) as { message?: string }).message ??
              'The chat stream failed',
          );
        }
        if (message.event === METRICS_EVENT) {
          yield {
            type: 'metrics',
            metrics: JSON.parse(message.data) as ChatMetrics,
          };
          continue;
        }
        if (message.data === '[DONE]') {
          return;
        }
        const chunk = JSON.parse(message.data) as OpenAiStreamChunk;
        if (chunk.error) {
          throw new Error(
            typeof chunk.error === 'string'
              ? chunk.error
              : chunk.error.message ?? 'The model failed',
          );
        }
        const content = chunk.choices?.[0]?.delta?.content;
        if (content) {
          yield { type: 'token', content };
        }
      }
    });
  }

  async getChatHistory(ref: WorkspaceRef): Promise<ChatHistoryMessage[]> {
    return (
      await this.getJson<{ items: ChatHistoryMessage[] }>(
        `${workspacePath(ref)}/chat/history`,
      )
    ).items;
  }

  async clearChatHistory(ref: WorkspaceRef): Promise<void> {
    await this.request(`${workspacePath(ref)}/chat/history`, {
      method: 'DELETE',
    });
  }

  /** Opens a streaming request; `undefined` when it was aborted first. */
  private async openStream(
    path: string,
    init: RequestInit,
  ): Promise<Response | undefined> {
    try {
      const response = await this.request(path, {
        ...init,
        headers: { Accept: 'text/event-stream', ...init.headers },
      });
      if (!response.body) {
        throw new Error(`The server sent no body for ${path}`);
      }
      return response;
    } catch (error) {
      if (init.signal?.aborted) {
        return undefined;
      }
      throw error;
    }
  }

  private async getJson<T>(path: string): Promise<T> {
    return (await this.request(path)).json();
  }

  private async sendJson<T>(
    method: string,
    path: string,
    body: unknown,
  ): Promise<T> {
    const response = await this.request(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.json();
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('kaito');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function workspacePath(ref: WorkspaceRef): string {
  return `/workspaces/${[ref.cluster, ref.namespace, ref.name]
    .map(encodeURIComponent)
    .join('/')}`;
}

/** Runs a stream reader, turning the error an abort causes into a quiet end. */
async function* untilAborted<T>(
  signal: AbortSignal,
  read: () => AsyncGenerator<T>,
): AsyncGenerator<T> {
  try {
    yield* read();
  } catch (error) {
    if (!signal.aborted) {
      throw error;
    }
  }
}

/** `?cluster=...&owner=...` of the filter's set fields, or nothing. */
function querySuffix(filter: WorkspaceListFilter): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value) {
      query.set(key, value);
    }
  }
  return query.size > 0 ? `?${query}` : '';
}
