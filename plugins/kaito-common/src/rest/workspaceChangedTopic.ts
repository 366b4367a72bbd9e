/**
 * The events-service topic the kaito backend publishes a
 * `WorkspaceChangedEventPayload` on whenever a workspace or one of its
 * objects changes in a cluster.
 *
 * @public
 */
export const WORKSPACE_CHANGED_TOPIC = 'kaito.workspace.changed';
