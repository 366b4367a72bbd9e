import { Condition } from '../api/kubernetes';
import { Workspace, WorkspaceState } from '../api/workspace';
import { InferenceRuntime } from '../presets/modelPreset';
import { Issue } from '../schema/issue';
import type { WorkspaceListFacets, WorkspaceListTotals } from './workspaceListTotals';

/**
 * Request and response bodies of the Kaito REST API under `/api/kaito`, as
 * the domain code works with them. The contract is
 * `plugins/kaito-backend/src/schema/openapi.yaml`: the backend's router is
 * typed by it, so every type here that the router sends must conform to its
 * schema (tsc fails otherwise), and the test suites validate each JSON
 * response against it. Callers use @kaito-backstage/plugin-kaito-client.
 */

/** `<cluster>/<namespace>/<name>` split into parts. @public */
export interface WorkspaceRef {
  cluster: string;
  namespace: string;
  name: string;
}

/** A cluster the portal manages. @public */
export interface ClusterSummary {
  name: string;
  title: string;
  /**
   * `builtin`: this portal reconciles; `observe`: a Kaito operator does; `detecting`:
   * `kaito.clusters[].mode` is unset and the portal has not yet found out whether Kaito's
   * operator is installed there (nothing is reconciled or written until it has).
   */
  mode: 'builtin' | 'observe' | 'detecting';
  cloud: 'azure' | 'aws' | 'arc';
  provisioner: 'gpu-provisioner' | 'karpenter' | 'byo';
  simulated: boolean;
  /** Why the cluster cannot be used now, if it cannot. */
  error?: string;
  /** The start-up permission check; absent until it has run. */
  permissions?: ClusterPermissionCheck;
}

/**
 * What the start-up permission check found: every permission the cluster's
 * mode needs, asked of the API server with SelfSubjectAccessReview.
 *
 * @public
 */
export interface ClusterPermissionCheck {
  /** `ok`: all granted; `missing`: some are not; `unknown`: the check could not run. */
  state: 'ok' | 'missing' | 'unknown';
  /** When it ran (RFC 3339). */
  checkedAt: string;
  /** Permissions asked about. */
  checked: number;
  missing: MissingPermission[];
  /** Why the check could not run, when `state` is `unknown`. */
  reason?: string;
}

/** One permission the portal needs and the cluster does not grant. @public */
export interface MissingPermission {
  verb: string;
  /** API group; `''` is the core group. */
  group: string;
  /** Resource, with its subresource as `pods/log`. */
  resource: string;
  /** Namespace it is needed in; absent for all namespaces or cluster-scoped. */
  namespace?: string;
  resourceName?: string;
  /** e.g. `list events (core) in all namespaces`. */
  description: string;
  /** What the portal cannot do without it. */
  usedFor: string;
  /** How to grant it. */
  fix: string;
}

/** A model preset with what it needs from the GPUs. @public */
export interface PresetSummary {
  name: string;
  aliases: string[];
  hfRepo: string;
  weightsGiB: number;
  gpuCountRequirement: number;
  contextLength?: number;
  runtimes: InferenceRuntime[];
  tuning: boolean;
  /** The name the model server answers to (the lower-cased Hugging Face repository name). */
  servedModelName: string;
  /** The Hugging Face repository is gated: downloading it needs an `HF_TOKEN` secret. */
  requiresAuth: boolean;
}

/** A GPU instance type, with its price when configured. @public */
export interface SkuSummary {
  name: string;
  cloud: string;
  gpuCount: number;
  gpuMemoryGiB: number;
  perGpuMemoryGiB: number;
  gpuModel: string;
  retired: boolean;
  pricePerHour?: number;
  currency?: string;
}

/** Current use and limits of a group's quota. @public */
export interface QuotaUsage {
  group: string;
  maxGpus?: number;
  usedGpus: number;
  maxWorkspaces?: number;
  usedWorkspaces: number;
}

/** `POST /fit`. @public */
export interface FitRequestBody {
  cluster: string;
  preset: string;
  runtime?: InferenceRuntime;
  instanceType?: string;
  count?: number;
  /** Bring-your-own nodes: match these labels instead of an instance type. */
  nodeSelector?: Record<string, string>;
  /** The owning group, for the remaining quota. */
  owner?: string;
  /** `tuning`: sized with the preset's tuning memory (one node). Default inference. */
  purpose?: 'inference' | 'tuning';
}

/** @public */
export interface FitResponseBody {
  fits: boolean;
  /** Why it does not fit, or warnings; each names the numbers. */
  reasons: string[];
  nodeCount: number;
  gpuCount: number;
  costPerHour?: number;
  currency?: string;
  /** Cheapest instance types that fit, with node count and cost. */
  recommendations: Array<{ instanceType: string; nodeCount: number; costPerHour?: number }>;
  quota?: QuotaUsage;
}

/** The condition columns `kubectl get workspace` prints. @public */
export interface WorkspaceColumns {
  resourceReady?: string;
  inferenceReady?: string;
  jobStarted?: string;
  workspaceSucceeded?: string;
}

/** One workspace in a list. @public */
export interface WorkspaceSummary {
  ref: WorkspaceRef;
  /** `<cluster>/<namespace>/<name>`. */
  key: string;
  kind: 'inference' | 'tuning';
  preset?: string;
  runtime: InferenceRuntime;
  instanceType?: string;
  state: WorkspaceState;
  columns: WorkspaceColumns;
  targetNodeCount: number;
  gpuCount: number;
  /** What it costs per hour now: 0 once it Failed or its tuning Succeeded (it holds no GPU node). */
  costPerHour?: number;
  /** From creation to `costStoppedAt` (or the time of the answer), at the price of its nodes. */
  costSoFar?: number;
  /** When it stopped costing (failed, or tuning finished). */
  costStoppedAt?: string;
  currency?: string;
  owner?: string;
  requestedBy?: string;
  entityRef?: string;
  createdAt?: string;
  deleting: boolean;
}

/** `GET /workspaces`. Clusters that failed are listed, not fatal. @public */
export interface WorkspaceListResponse {
  items: WorkspaceSummary[];
  errors: Array<{ cluster: string; message: string }>;
  /** How many readable workspaces match the filters, over every page. */
  total?: number;
  /** Where this page starts in the sorted matches. */
  offset?: number;
  /** The page size asked for; absent when the whole list was asked for. */
  limit?: number;
  /** The `offset` of the next page; absent on the last one. */
  nextOffset?: number;
}

/** Sort keys of `GET /workspaces?sort=`. @public */
export type WorkspaceSortKey = 'key' | 'name' | 'namespace' | 'cluster' | 'state' | 'owner' | 'createdAt' | 'costPerHour' | 'gpuCount';
  /** GPUs, cost and count of every match, not just this page. */
  totals?: WorkspaceListTotals;
  /** The filters' options: clusters and owners of every readable workspace. */
  facets?: WorkspaceListFacets;

/**
 * The query of `GET /workspaces` (and its stream): filters, sort and page.
 * Without `limit` every match is returned. @public
 */
export interface WorkspaceListQuery {
  cluster?: string;
  namespace?: string;
  /** The workspace's own name (exact). */
  name?: string;
  /** Owner group ref, case-insensitive. */
  owner?: string;
  /** The entity it serves, case-insensitive. */
  entity?: string;
  /** Any of these states (comma-separated in the URL). */
  state?: WorkspaceState[];
  /** Text found in the key, preset, instance type, owner, entity or requester. */
  q?: string;
  sort?: WorkspaceSortKey;
  order?: 'asc' | 'desc';
  offset?: number;
  /** 1 to 500. */
  limit?: number;
}

/** A step of the provisioning timeline. @public */
export interface ProvisioningStep {
  id: 'validated' | 'nodeClaim' | 'nodeReady' | 'gpuReady' | 'imagePulled' | 'modelLoaded' | 'ready' | 'jobStarted' | 'jobSucceeded';
  title: string;
  status: 'done' | 'active' | 'failed' | 'pending';
  reason?: string;
  message?: string;
  /** What the user can do about a failed step. */
  hint?: string;
}

/** @public */
export interface NodeInfo {
  name: string;
  instanceType?: string;
  gpus: number;
  gpuProduct?: string;
  ready: boolean;
  nodeClaim?: string;
}

/** @public */
export interface PodInfo {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  node?: string;
  reason?: string;
  message?: string;
}

/** @public */
export interface EventInfo {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  object: string;
  count: number;
  lastSeen?: string;
}

/** A container image the workspace runs, with its digest when resolved. @public */
export interface ImageInfo {
  role: 'inference' | 'tuning' | 'adapter' | 'init' | 'output';
  image: string;
  digest?: string;
}

/** How to reach the model. @public */
export interface EndpointInfo {
  /** In-cluster URL, e.g. `http://phi.default.svc.cluster.local:80`. */
  serviceUrl: string;
  api: 'openai' | 'legacy-chat';
  models: string[];
  /** A curl command that works from inside the cluster. */
  curlExample: string;
}

/** `GET /workspaces/:cluster/:namespace/:name`. @public */
export interface WorkspaceDetails extends WorkspaceSummary {
  workspace: Workspace;
  conditions: Condition[];
  steps: ProvisioningStep[];
  nodes: NodeInfo[];
  pods: PodInfo[];
  events: EventInfo[];
  images: ImageInfo[];
  endpoint?: EndpointInfo;
  warnings: Issue[];
}

/** An adapter to serve with an inference workspace. @public */
export interface AdapterRequest {
  name: string;
  image: string;
  strength?: string;
  imagePullSecrets?: string[];
}

/** `POST /workspaces`: what a template or the UI asks for. @public */
export interface CreateWorkspaceRequest {
  cluster: string;
  namespace: string;
  name: string;
  preset: string;
  runtime?: InferenceRuntime;
  /** Node auto-provisioning: the GPU instance type and how many nodes. */
  instanceType?: string;
  count?: number;
  /** Bring-your-own nodes (or extra selector labels). */
  nodeSelector?: Record<string, string>;
  adapters?: AdapterRequest[];
  /** Name of a ConfigMap with `inference_config.yaml`. */
  inferenceConfig?: string;
  /** Secret with HF_TOKEN for gated models. */
  modelAccessSecret?: string;
  /** Fine-tuning instead of inference. */
  tuning?: {
    method: 'lora' | 'qlora';
    inputUrls?: string[];
    inputImage?: string;
    outputImage: string;
    outputImagePushSecret: string;
    config?: string;
  };
  /** Owner entity ref, e.g. `group:default/ml-team`. */
  owner: string;
  /** The catalog entity the workspace serves, e.g. `component:default/support-assistant`. */
  entityRef?: string;
  /** Validate and render only; nothing is written. */
  dryRun?: boolean;
}

/**
 * `PATCH /workspaces/:cluster/:namespace/:name`: the fields a workspace may
 * change after creation. Kaito keeps the instance type and node count
 * immutable, so changing either replaces the workspace (same name, owner and
 * quota reservation, new nodes); adapters and the inference config change in
 * place. Absent fields stay as they are; `inferenceConfig: null` removes it.
 *
 * @public
 */
export interface UpdateWorkspaceRequest {
  instanceType?: string;
  /** Nodes, where Kaito honours it (bring-your-own nodes, custom templates); presets size themselves. */
  count?: number;
  /** The whole new adapter list (inference only). */
  adapters?: AdapterRequest[];
  /** Name of a ConfigMap with `inference_config.yaml`; null removes it (inference only). */
  inferenceConfig?: string | null;
  /** Validate, fit and check quota only; nothing is written. */
  dryRun?: boolean;
}

/** @public */
export interface UpdateWorkspaceResponse {
  workspace: WorkspaceSummary;
  /** The Workspace as written (or as it would be). */
  manifest: Workspace;
  /** `replace`: the workspace is deleted and created again with the change (a new instance type or node count). */
  mode: 'in-place' | 'replace';
  /** What changed, e.g. `resource.instanceType: Standard_NV36ads_A10_v5 → Standard_NC24ads_A100_v4`. */
  changes: string[];
  warnings: Issue[];
}

/** @public */
export interface CreateWorkspaceResponse {
  workspace: WorkspaceSummary;
  /** The Workspace object as written (or as it would be, on a dry run). */
  manifest: Workspace;
  warnings: Issue[];
}

/** An audit log entry. @public */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete' | 'chat';
  workspace: string;
  /**
   * `started`: a chat under way (recorded when it begins, completed when it
   * ends); `denied`: not allowed (permission, rate or concurrency limit);
   * `refused`: the request was wrong (validation, quota, ownership, conflict);
   * `failure`: it broke on our side or the cluster's.
   */
  outcome: 'success' | 'failure' | 'denied' | 'refused' | 'started';
  detail?: string;
}

/** Sent after a streamed chat reply as the SSE event `kaito.metrics`. @public */
export interface ChatMetrics {
  /** Time from the request reaching the portal to the first token. */
  timeToFirstTokenMs: number;
  tokensPerSecond: number;
  completionTokens: number;
}

/** Events on `GET .../stream`. @public */
export type WorkspaceStreamEvent =
  | { type: 'snapshot'; workspace: WorkspaceDetails }
  | { type: 'deleted'; key: string };

/** Events on `GET /workspaces/stream`: the caller's whole list after each change. @public */
export type WorkspaceListStreamEvent = { type: 'list' } & WorkspaceListResponse;

/**
 * Payload of the `kaito.workspace.changed` topic on Backstage's events
 * service: one workspace changed, appeared or went away. Subscribers read
 * its current state from the REST API.
 *
 * @public
 */
export interface WorkspaceChangedEventPayload {
  ref: WorkspaceRef;
  /** `<cluster>/<namespace>/<name>`. */
  key: string;
}
