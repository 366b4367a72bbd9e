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

/**
 * What permission rules look at: a workspace (an existing one, or the one a
 * create asks for) and the cluster it is on.
 *
 * @public
 */
export interface KaitoWorkspaceResource {
  cluster: string;
  workspace: Workspace;
}

/** Conditions on workspaces as a query: any of the owners, clusters or namespaces. @public */
export type WorkspaceQuery = { owners?: string[]; clusters?: string[]; namespaces?: string[] };

/** The `kaito-workspace` resource: a workspace identified by `<cluster>/<namespace>/<name>`. @public */
export const kaitoWorkspaceResourceRef = createPermissionResourceRef<KaitoWorkspaceResource, WorkspaceQuery>().with({
  pluginId: 'kaito',
  resourceType: KAITO_WORKSPACE_RESOURCE_TYPE,
});

const lower = (refs: string[]) => refs.map(r => r.toLowerCase());

/**
 * Allows a workspace to users whose ownership claims include its owner group
 * (compared case-insensitively, as the catalog compares refs): pass
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
  apply: ({ workspace }: KaitoWorkspaceResource, { claims }: { claims: string[] }) =>
    lower(claims).includes((workspace.metadata.annotations?.[KaitoAnnotations.backstageOwner] ?? '').toLowerCase()),
  toQuery: ({ claims }: { claims: string[] }) => ({ owners: lower(claims) }),
});

/** Allows workspaces on the named clusters only. @public */
export const isOnCluster = createPermissionRule({
  name: 'IS_ON_CLUSTER',
  description: 'Allow workspaces on one of the given clusters (names from kaito.clusters)',
  resourceRef: kaitoWorkspaceResourceRef,
  paramsSchema: z.object({
    clusters: z.array(z.string()).describe('Cluster names'),
  }),
  apply: ({ cluster }: KaitoWorkspaceResource, { clusters }: { clusters: string[] }) => clusters.includes(cluster),
  toQuery: ({ clusters }: { clusters: string[] }) => ({ clusters }),
});

/** Allows workspaces in the named namespaces only. @public */
export const isInNamespace = createPermissionRule({
  name: 'IS_IN_NAMESPACE',
  description: 'Allow workspaces in one of the given Kubernetes namespaces',
  resourceRef: kaitoWorkspaceResourceRef,
  paramsSchema: z.object({
    namespaces: z.array(z.string()).describe('Namespace names'),
  }),
  apply: ({ workspace }: KaitoWorkspaceResource, { namespaces }: { namespaces: string[] }) =>
    namespaces.includes(workspace.metadata.namespace ?? 'default'),
  toQuery: ({ namespaces }: { namespaces: string[] }) => ({ namespaces }),
});

/** Every rule of the `kaito-workspace` resource type. @internal */
export const kaitoWorkspaceRules = [isWorkspaceOwner, isOnCluster, isInNamespace];

const kaitoWorkspaceConditionExports = createConditionExports({
  resourceRef: kaitoWorkspaceResourceRef,
  rules: { isWorkspaceOwner, isOnCluster, isInNamespace },
});

/** Typed conditions for permission policies, one per rule. @public */
export const kaitoWorkspaceConditions = kaitoWorkspaceConditionExports.conditions;

/** Builds a conditional decision on the `kaito-workspace` resource type for a permission policy. @public */
export const createKaitoWorkspaceConditionalDecision = kaitoWorkspaceConditionExports.createConditionalDecision;
