import { Workspace, WorkspaceState } from '../api/workspace';
import type { components } from './generated/openapi';

/**
 * Request and response bodies of the Kaito REST API under `/api/kaito`. The
 * one source is `plugins/kaito-backend/src/schema/openapi.yaml`: each type
 * here is its schema of the same name, as `generate.mjs` (kaito-client) types
 * it into `./generated/openapi.ts`, so a field added to the spec reaches every
 * caller and a field the spec lacks does not compile. Where the code works
 * with a richer domain type than the spec spells out (the whole Workspace
 * object), {@link NarrowedSchema} narrows that field and proves the narrowing
 * still fits the spec. Callers use `@kaito-backstage/plugin-kaito-client`.
 */

/**
 * A schema of the REST spec with some fields narrowed to the domain types the
 * code works with, e.g. the whole `Workspace` where the spec only requires its
 * `apiVersion`, `kind` and `metadata`. A narrowed field the schema does not
 * have, or whose type the schema would not accept, does not compile.
 *
 * @public
 */
export type NarrowedSchema<
  Schema,
  Fields extends { [Key in keyof Fields]: Key extends keyof Schema ? Schema[Key] : never },
> = Omit<Schema, keyof Fields> & Fields;

/** `<cluster>/<namespace>/<name>` split into parts. @public */
export type WorkspaceRef = components['schemas']['WorkspaceRef'];

/** A cluster the portal manages. @public */
export type ClusterSummary = components['schemas']['ClusterSummary'];

/**
 * What the start-up permission check found: every permission the cluster's
 * mode needs, asked of the API server with SelfSubjectAccessReview.
 *
 * @public
 */
export type ClusterPermissionCheck = components['schemas']['ClusterPermissionCheck'];

/** One permission the portal needs and the cluster does not grant. @public */
export type MissingPermission = components['schemas']['MissingPermission'];

/** A model preset with what it needs from the GPUs. @public */
export type PresetSummary = components['schemas']['PresetSummary'];

/** A GPU instance type, with its price when configured. @public */
export type SkuSummary = components['schemas']['SkuSummary'];

/** Current use and limits of a group's quota. @public */
export type QuotaUsage = components['schemas']['QuotaUsage'];

/** `POST /fit`. @public */
export type FitRequestBody = components['schemas']['FitRequest'];

/** The answer of `POST /fit`. @public */
export type FitResponseBody = components['schemas']['FitResponse'];

/** The condition columns `kubectl get workspace` prints. @public */
export type WorkspaceColumns = components['schemas']['WorkspaceColumns'];

/** One workspace in a list. @public */
export type WorkspaceSummary = components['schemas']['WorkspaceSummary'];

/** `GET /workspaces`. Clusters that failed are listed, not fatal. @public */
export type WorkspaceListResponse = components['schemas']['WorkspaceListResponse'];

/** Sort keys of `GET /workspaces?sort=`. @public */
export type WorkspaceSortKey = components['parameters']['workspaceSort'];

/**
 * The query of `GET /workspaces` (and its stream) once parsed: filters, sort
 * and page. Without `limit` every match is returned. Not the wire form (there
 * `state` is comma-separated), but its sort and order are the spec's.
 *
 * @public
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
  order?: components['parameters']['sortOrder'];
  offset?: number;
  /** 1 to 500. */
  limit?: number;
}

/** A step of the provisioning timeline. @public */
export type ProvisioningStep = components['schemas']['ProvisioningStep'];

/** A node a workspace runs on. @public */
export type NodeInfo = components['schemas']['NodeInfo'];

/** A pod of a workspace. @public */
export type PodInfo = components['schemas']['PodInfo'];

/** A Kubernetes event about a workspace or its children. @public */
export type EventInfo = components['schemas']['EventInfo'];

/** A container image the workspace runs, with its digest when resolved. @public */
export type ImageInfo = components['schemas']['ImageInfo'];

/** How to reach the model. @public */
export type EndpointInfo = components['schemas']['EndpointInfo'];

/** `GET /workspaces/:cluster/:namespace/:name`: the summary with the whole Workspace object. @public */
export type WorkspaceDetails = NarrowedSchema<components['schemas']['WorkspaceDetails'], { workspace: Workspace }>;

/** An adapter to serve with an inference workspace. @public */
export type AdapterRequest = components['schemas']['AdapterRequest'];

/** `POST /workspaces`: what a template or the UI asks for. @public */
export type CreateWorkspaceRequest = components['schemas']['CreateWorkspaceRequest'];

/**
 * `PATCH /workspaces/:cluster/:namespace/:name`: the fields a workspace may
 * change after creation. Kaito keeps the instance type and node count
 * immutable, so changing either replaces the workspace (same name, owner and
 * quota reservation, new nodes); adapters and the inference config change in
 * place. Absent fields stay as they are; `inferenceConfig: null` removes it.
 *
 * @public
 */
export type UpdateWorkspaceRequest = components['schemas']['UpdateWorkspaceRequest'];

/** The answer of `PATCH /workspaces/…`, with the Workspace as written (or as it would be). @public */
export type UpdateWorkspaceResponse = NarrowedSchema<components['schemas']['UpdateWorkspaceResponse'], { manifest: Workspace }>;

/** The answer of `POST /workspaces`, with the Workspace as written (or as it would be, on a dry run). @public */
export type CreateWorkspaceResponse = NarrowedSchema<components['schemas']['CreateWorkspaceResponse'], { manifest: Workspace }>;

/** An audit log entry. @public */
export type AuditEntry = components['schemas']['AuditEntry'];

/** Sent after a streamed chat reply as the SSE event `kaito.metrics`. @public */
export type ChatMetrics = components['schemas']['ChatMetrics'];

/** Events on `GET .../stream`. @public */
export type WorkspaceStreamEvent =
  | NarrowedSchema<Extract<components['schemas']['WorkspaceStreamEvent'], { type: 'snapshot' }>, { workspace: WorkspaceDetails }>
  | Extract<components['schemas']['WorkspaceStreamEvent'], { type: 'deleted' }>;

/** Events on `GET /workspaces/stream`: the caller's page of the list after each change. @public */
export type WorkspaceListStreamEvent = components['schemas']['WorkspaceListStreamEvent'];

/**
 * Payload of the `kaito.workspace.changed` topic on Backstage's events
 * service (not a REST body): one workspace changed, appeared or went away.
 * Subscribers read its current state from the REST API.
 *
 * @public
 */
export interface WorkspaceChangedEventPayload {
  ref: WorkspaceRef;
  /** `<cluster>/<namespace>/<name>`. */
  key: string;
  /**
   * What changed since the last event for this workspace, sorted:
   * `Workspace` when the workspace was created or deleted or its spec,
   * labels or annotations changed; `Workspace/status` when only its status
   * (or other bookkeeping: finalizers, the controller's revision and image
   * annotations `workspace.kaito.io/hash`, `workspace.kaito.io/revision`,
   * `backstage.kaito.sh/images`) did; otherwise the kinds of
   * its objects (`Pod`, `NodeClaim`, `Event`, ...). What shows the
   * workspace as a thing (the catalog's entity) can skip an event without
   * `Workspace`; what shows its state needs `Workspace/status` too. Absent
   * from publishers older than this field: then anything may have changed.
   */
  kinds?: string[];
}
