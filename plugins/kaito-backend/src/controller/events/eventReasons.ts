/**
 * Reasons of the Kubernetes Events the controller records on a Workspace.
 * Kaito's own strings where Kaito records the same step (kaito.md §2.5, §2.6);
 * the others are ours, UpperCamelCase like Kaito's.
 *
 * @internal
 */
export const EventReasons = {
  /** NodeClaims were created for the workspace (Kaito's reason). */
  NodeClaimCreated: 'NodeClaimCreated',
  /** Creating a NodeClaim failed (Kaito's reason). */
  NodeClaimCreationFailed: 'NodeClaimCreationFailed',
  /** Services, ConfigMaps, the StatefulSet or the Job were created. */
  WorkloadCreated: 'WorkloadCreated',
  /** A legacy inference Deployment was deleted for the StatefulSet (Kaito's reason). */
  WorkloadMigration: 'WorkloadMigration',
  /** The workspace breaks Kaito's rules and will not be provisioned. */
  InvalidWorkspace: 'InvalidWorkspace',
  /** The workspace became Ready (inference). */
  WorkspaceReady: 'WorkspaceReady',
  /** A serving workspace stopped being ready. */
  WorkspaceNotReady: 'WorkspaceNotReady',
  /** The tuning job succeeded. */
  WorkspaceSucceeded: 'WorkspaceSucceeded',
  /** The tuning job failed, or no GPU node could be launched. */
  WorkspaceFailed: 'WorkspaceFailed',
  /** Someone changed the workspace through the portal (PATCH): what changed, and by whom. */
  WorkspaceUpdated: 'WorkspaceUpdated',
  /** A succeeded tuning workspace gave its GPU nodes back. */
  TuningNodesReleased: 'TuningNodesReleased',
} as const;

/** @internal */
export type EventReason = (typeof EventReasons)[keyof typeof EventReasons];
