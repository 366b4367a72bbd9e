import { createApiRef } from '@backstage/core-plugin-api';
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
  WorkspaceSortKey,
  WorkspaceState,
  WorkspaceStreamEvent,
} from '@kaito-backstage/plugin-kaito-common';
import type { ChatCompletionRequest, ChatStreamChunk } from './chatTypes';

/**
 * Filters, sort and page of `GET /workspaces` and its stream; all optional.
 * Without `limit` every match comes back.
 *
 * @public
 */
export interface WorkspaceListFilter {
  cluster?: string;
  namespace?: string;
  /** Owner entity ref, e.g. `group:default/ml-team` (case-insensitive). */
  owner?: string;
  /** Entity the workspaces serve, e.g. `component:default/support-assistant`. */
  entity?: string;
  /** The workspace's own name (exact). */
  name?: string;
  /** Any of these states. */
  state?: WorkspaceState[];
  /** Text in the key, preset, instance type, owner, entity or requester. */
  q?: string;
  /** Sort key; ties are ordered by key. @defaultValue 'key' */
  sort?: WorkspaceSortKey;
  order?: 'asc' | 'desc';
  /** Where the page starts in the sorted matches. */
  offset?: number;
  /** Page size, 1 to 500. */
  limit?: number;
}

/**
 * The Kaito backend (`/api/kaito`), as the frontend uses it. Every method
 * throws a `ResponseError` for a non-2xx answer.
 *
 * @public
 */
export interface KaitoApi {
  listClusters(): Promise<ClusterSummary[]>;
  listPresets(): Promise<PresetSummary[]>;
  /** GPU instance types of the cluster's cloud, with prices when configured. */
  listSkus(cluster: string): Promise<SkuSummary[]>;
  /** Whether a preset fits an instance type, the node count, cost and quota. */
  checkFit(request: FitRequestBody): Promise<FitResponseBody>;
  listWorkspaces(filter?: WorkspaceListFilter): Promise<WorkspaceListResponse>;
  getWorkspace(ref: WorkspaceRef): Promise<WorkspaceDetails>;
  createWorkspace(
    request: CreateWorkspaceRequest,
  ): Promise<CreateWorkspaceResponse>;
  /**
   * Changes a workspace (instance type, node count, adapters, inference
   * config); a new instance type or node count replaces it.
   */
  updateWorkspace(
    ref: WorkspaceRef,
    request: UpdateWorkspaceRequest,
  ): Promise<UpdateWorkspaceResponse>;
  deleteWorkspace(ref: WorkspaceRef): Promise<void>;
  /** The last lines of the workspace's main container log. */
  getLogs(ref: WorkspaceRef, options?: { tailLines?: number }): Promise<string>;
  listAudit(workspaceKey: string): Promise<AuditEntry[]>;
  /**
   * Follows a workspace: a snapshot first, then one on every change, and
   * `deleted` when it is gone. Ends when the server closes the stream or the
   * signal aborts (then it ends quietly).
   */
  watchWorkspace(
    ref: WorkspaceRef,
    options: { signal: AbortSignal },
  ): AsyncIterable<WorkspaceStreamEvent>;
  /**
   * Follows the page of the workspace list the user may read that the
   * filter asks for, with the totals of every match and the filters'
   * options: at once, then again after every change. Ends when the server
   * closes the stream or the signal aborts.
   */
  watchWorkspaces(
    filter: WorkspaceListFilter,
    options: { signal: AbortSignal },
  ): AsyncIterable<WorkspaceListStreamEvent>;
  /**
   * Streams a chat reply token by token, then its metrics. Aborting the
   * signal stops the reply (and the generation upstream).
   */
  streamChat(
    ref: WorkspaceRef,
    request: ChatCompletionRequest,
    options: { signal: AbortSignal },
  ): AsyncIterable<ChatStreamChunk>;
  /** InferenceSets (replicated workspaces) the user may read, each with its replicas. */
  listInferenceSets(): Promise<InferenceSetSummary[]>;
  /** Sets a set's replicas (kaito.workspace.update; quota and node count limit checked). */
  scaleInferenceSet(ref: WorkspaceRef, replicas: number): Promise<InferenceSetSummary>;
  deleteInferenceSet(ref: WorkspaceRef): Promise<void>;
  /** The signed-in user's kept chat with the workspace, oldest first. */
  getChatHistory(ref: WorkspaceRef): Promise<ChatHistoryMessage[]>;
  /** Deletes the signed-in user's kept chat with the workspace. */
  clearChatHistory(ref: WorkspaceRef): Promise<void>;
}

/** The Kaito API's reference. @public */
export const kaitoApiRef = createApiRef<KaitoApi>({
  id: 'plugin.kaito.service',
});
