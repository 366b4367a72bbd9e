import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  KaitoApiClient,
  KaitoOperationId,
  KaitoStreamEvents,
  readKaitoEvents,
} from '@kaito-backstage/plugin-kaito-client';
import type {
  AuditEntry,
  ChatHistoryMessage,
  ClusterSummary,
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  FitRequestBody,
  FitResponseBody,
  InferenceSetSummary,
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
import type { ChatCompletionRequest, ChatStreamChunk } from './chatTypes';
import type { KaitoApi, WorkspaceListFilter } from './KaitoApi';

/*
 * A thin adapter over the generated KaitoApiClient (plugin-kaito-client):
 * the kaito-common types the UI works with (the backend's typed router proves
 * they conform to the spec), and the streams read into the UI's events.
 */

/** The list filter as URL parameters: the states comma-separated, as the backend reads them. */
function listQuery({ state, ...rest }: WorkspaceListFilter) {
  return state?.length ? { ...rest, state: state.join(',') } : rest;
}

/**
 * The `KaitoApi` over HTTP. It uses the `fetchApi` (which adds the user's
 * Backstage token) for everything, streams included: `EventSource` cannot
 * send that token.
 *
 * @public
 */
export class KaitoClient implements KaitoApi {
  private readonly api: KaitoApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.api = new KaitoApiClient({
      discovery: options.discoveryApi,
      fetchApi: options.fetchApi,
    });
  }

  async listClusters(): Promise<ClusterSummary[]> {
    return (await this.api.listClusters()).items as ClusterSummary[];
  }

  async listPresets(): Promise<PresetSummary[]> {
    return (await this.api.listPresets()).items as PresetSummary[];
  }

  async listSkus(cluster: string): Promise<SkuSummary[]> {
    return (await this.api.listSkus({ query: { cluster } }))
      .items as SkuSummary[];
  }

  async listInferenceSets(): Promise<InferenceSetSummary[]> {
    return (await this.api.listInferenceSets()).items as InferenceSetSummary[];
  }

  async scaleInferenceSet(ref: WorkspaceRef, replicas: number): Promise<InferenceSetSummary> {
    return (await this.api.scaleInferenceSet({ path: ref, body: { replicas } })) as InferenceSetSummary;
  }

  async deleteInferenceSet(ref: WorkspaceRef): Promise<void> {
    await this.api.deleteInferenceSet({ path: ref });
  }

  async checkFit(request: FitRequestBody): Promise<FitResponseBody> {
    return (await this.api.checkFit({ body: request })) as FitResponseBody;
  }

  async listWorkspaces(
    filter: WorkspaceListFilter = {},
  ): Promise<WorkspaceListResponse> {
    return (await this.api.listWorkspaces({
      query: listQuery(filter),
    })) as WorkspaceListResponse;
  }

  async *watchWorkspaces(
    filter: WorkspaceListFilter,
    options: { signal: AbortSignal },
  ): AsyncGenerator<WorkspaceListStreamEvent> {
    const response = await untilOpen(options.signal, () =>
      this.api.watchWorkspaces({ query: listQuery(filter) }, options),
    );
    if (!response) {
      return;
    }
    for await (const message of messages('watchWorkspaces', response, options)) {
      yield message as WorkspaceListStreamEvent;
    }
  }

  async getWorkspace(ref: WorkspaceRef): Promise<WorkspaceDetails> {
    return (await this.api.getWorkspace({
      path: ref,
    })) as unknown as WorkspaceDetails;
  }

  async createWorkspace(
    request: CreateWorkspaceRequest,
  ): Promise<CreateWorkspaceResponse> {
    return (await this.api.createWorkspace({
      body: request,
    })) as unknown as CreateWorkspaceResponse;
  }

  async updateWorkspace(
    ref: WorkspaceRef,
    request: UpdateWorkspaceRequest,
  ): Promise<UpdateWorkspaceResponse> {
    return (await this.api.updateWorkspace({
      path: ref,
      body: request,
    })) as unknown as UpdateWorkspaceResponse;
  }

  async deleteWorkspace(ref: WorkspaceRef): Promise<void> {
    await this.api.deleteWorkspace({ path: ref });
  }

  async getLogs(
    ref: WorkspaceRef,
    options: { tailLines?: number } = {},
  ): Promise<string> {
    return this.api.getWorkspaceLogs({
      path: ref,
      query: { tailLines: String(options.tailLines ?? 200) },
    });
  }

  async listAudit(workspaceKey: string): Promise<AuditEntry[]> {
    return (await this.api.listAudit({ query: { workspace: workspaceKey } }))
      .items as AuditEntry[];
  }

  async *watchWorkspace(
    ref: WorkspaceRef,
    options: { signal: AbortSignal },
  ): AsyncGenerator<WorkspaceStreamEvent> {
    const response = await untilOpen(options.signal, () =>
      this.api.watchWorkspace({ path: ref }, options),
    );
    if (!response) {
      return;
    }
    for await (const message of messages('watchWorkspace', response, options)) {
      yield message as unknown as WorkspaceStreamEvent;
    }
  }

  async *streamChat(
    ref: WorkspaceRef,
    request: ChatCompletionRequest,
    options: { signal: AbortSignal },
  ): AsyncGenerator<ChatStreamChunk> {
    const response = await untilOpen(options.signal, () =>
      this.api.chatWithWorkspace(
        { path: ref, body: { ...request, stream: true } },
        options,
      ),
    );
    if (!response) {
      return;
    }
    yield* untilAborted(options.signal, async function* chunks() {
      for await (const { event, data } of readKaitoEvents(
        'chatWithWorkspace',
        response,
        options,
      )) {
        if (event === 'kaito.error') {
          // The portal cut the reply off (the model server went silent, or the stream failed).
          throw new Error(data.message ?? 'The chat stream failed');
        }
        if (event === 'kaito.metrics') {
          yield { type: 'metrics', metrics: data };
          continue;
        }
        if (data.error) {
          throw new Error(
            typeof data.error === 'string'
              ? data.error
              : data.error.message ?? 'The model failed',
          );
        }
        const content = data.choices?.[0]?.delta?.content;
        if (content) {
          yield { type: 'token', content };
        }
      }
    });
  }

  async getChatHistory(ref: WorkspaceRef): Promise<ChatHistoryMessage[]> {
    return (await this.api.getChatHistory({ path: ref })).items;
  }

  async clearChatHistory(ref: WorkspaceRef): Promise<void> {
    await this.api.clearChatHistory({ path: ref });
  }
}

/** The `message` events' payloads of a stream, quietly ending when aborted. */
function messages<Id extends keyof KaitoStreamEvents & KaitoOperationId>(
  operation: Id,
  response: Response,
  options: { signal: AbortSignal },
) {
  return untilAborted(options.signal, async function* read() {
    for await (const message of readKaitoEvents(operation, response, options)) {
      if (message.event === 'message') {
        yield message.data;
      }
    }
  });
}

/** Opens a stream; `undefined` when it was aborted first. */
async function untilOpen(
  signal: AbortSignal,
  open: () => Promise<Response>,
): Promise<Response | undefined> {
  try {
    return await open();
  } catch (error) {
    if (signal.aborted) {
      return undefined;
    }
    throw error;
  }
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
