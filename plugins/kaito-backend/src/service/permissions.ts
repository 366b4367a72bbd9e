import { z } from 'zod';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  KAITO_WORKSPACE_RESOURCE_TYPE,
  KaitoAnnotations,
  Workspace,
} from '@kaito-backstage/plugin-kaito-common';

/** Conditions on a workspace: the owner is one of a user's ownership claims. @internal */
export type WorkspaceQuery = { owners: string[] };

/** The `kaito-workspace` resource: a workspace identified by `<cluster>/<namespace>/<name>`. @public */
export const kaitoWorkspaceResourceRef = createPermissionResourceRef<Workspace, WorkspaceQuery>().with({
  pluginId: 'kaito',
  resourceType: KAITO_WORKSPACE_RESOURCE_TYPE,
});

/**
 * Allows a workspace to users whose ownership claims include its owner (the
 * owner of the catalog entity it was requested for): pass
 * `{ claims: user.identity.ownershipEntityRefs }`.
 *
 * @public
 */
export const isWorkspaceOwner = createPermissionRule({
  name: 'IS_WORKSPACE_OWNER',
  description: 'Allow workspaces owned by one of the given entity refs (e.g. the user and their groups)',
  resourceRef: kaitoWorkspaceResourceRef,
  paramsSchema: z.object({
    claims: z.array(z.string()).describe('Entity refs of the user and their groups'),
  }),
  apply: (workspace: Workspace, { claims }: { claims: string[] }) =>
    claims.includes(workspace.metadata.annotations?.[KaitoAnnotations.backstageOwner] ?? ''),
  toQuery: ({ claims }: { claims: string[] }) => ({ owners: claims }),
});

/** Typed conditions for permission policies. @public */
export const { conditions: kaitoWorkspaceConditions, createConditionalDecision: createKaitoWorkspaceConditionalDecision } =
  createConditionExports({
    resourceRef: kaitoWorkspaceResourceRef,
    rules: { isWorkspaceOwner },
  });
