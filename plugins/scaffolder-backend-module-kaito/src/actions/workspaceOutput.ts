import type { ZodImpl } from './zodImpl';

/** Output fields of the actions that create a workspace. @internal */
export const workspaceLinksOutput = {
  workspaceRef: (z: ZodImpl) => z.string().describe('The workspace key `<cluster>/<namespace>/<name>`'),
  entityRef: (z: ZodImpl) =>
    z.string().describe('Catalog entity of the workspace, `resource:default/<cluster>-<namespace>-<name>`'),
  tabUrl: (z: ZodImpl) => z.string().describe('Path of the workspace\'s Kaito tab in the portal'),
  detailUrl: (z: ZodImpl) =>
    z
      .string()
      .describe(
        "Path of the workspace's page under the LLM workspaces page (kaito.portal.workspacesPath, `/kaito` by default); it follows the workspace while it provisions, before its catalog entity exists",
      ),
};
