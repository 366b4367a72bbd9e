import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of permissions that target one workspace. @public */
export const KAITO_WORKSPACE_RESOURCE_TYPE = 'kaito-workspace';

/** See workspaces and their status. @public */
export const kaitoWorkspaceReadPermission = createPermission({
  name: 'kaito.workspace.read',
  attributes: { action: 'read' },
  resourceType: KAITO_WORKSPACE_RESOURCE_TYPE,
});

/**
 * Request a new workspace. A resource permission, so a policy can answer with
 * conditions on the workspace asked for (its owner, cluster and namespace);
 * the backend applies them to the requested workspace. In the frontend, ask
 * with the key of a workspace the new one derives from (a tuned adapter's
 * job), or expect a deny.
 *
 * @public
 */
export const kaitoWorkspaceCreatePermission = createPermission({
  name: 'kaito.workspace.create',
  attributes: { action: 'create' },
  resourceType: KAITO_WORKSPACE_RESOURCE_TYPE,
});

/**
 * Change a workspace after creation (instance type, node count, adapters,
 * inference config): `PATCH /workspaces/…`. Policies treat it like delete.
 *
 * @public
 */
export const kaitoWorkspaceUpdatePermission = createPermission({
  name: 'kaito.workspace.update',
  attributes: { action: 'update' },
  resourceType: KAITO_WORKSPACE_RESOURCE_TYPE,
});

/** Delete a workspace (and release its GPU nodes). @public */
export const kaitoWorkspaceDeletePermission = createPermission({
  name: 'kaito.workspace.delete',
  attributes: { action: 'delete' },
  resourceType: KAITO_WORKSPACE_RESOURCE_TYPE,
});

/** Send chat requests to a workspace's model. @public */
export const kaitoWorkspaceChatPermission = createPermission({
  name: 'kaito.workspace.chat',
  // No action attribute: chatting is neither a read nor an update, so generic
  // "allow read" policies must not grant it by accident.
  attributes: {},
  resourceType: KAITO_WORKSPACE_RESOURCE_TYPE,
});

/**
 * Let one workspace whose model is no catalog preset run the model's own code
 * (`--trust-remote-code`). An administrator's decision: no action attribute, so
 * a generic "allow update" policy does not grant it, and the shipped policy
 * gives it to admins only. Honoured only with `kaito.security.allowTrustRemoteCode`.
 *
 * @public
 */
export const kaitoWorkspaceTrustRemoteCodePermission = createPermission({
  name: 'kaito.workspace.trustRemoteCode',
  attributes: {},
  resourceType: KAITO_WORKSPACE_RESOURCE_TYPE,
});

/** Every permission of the plugin, for the permission integration router. @public */
export const kaitoPermissions = [
  kaitoWorkspaceReadPermission,
  kaitoWorkspaceCreatePermission,
  kaitoWorkspaceUpdatePermission,
  kaitoWorkspaceDeletePermission,
  kaitoWorkspaceChatPermission,
  kaitoWorkspaceTrustRemoteCodePermission,
];
