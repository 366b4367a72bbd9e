import type { LoggerService } from '@backstage/backend-plugin-api';
import { DEFAULT_WORKSPACES_PATH, workspaceEntityName, workspacePagePath, type WorkspaceRef } from '@kaito-backstage/plugin-kaito-common';

/** Where a workspace shows up in the portal. @public */
export interface WorkspaceLinks {
  /** `<cluster>/<namespace>/<name>`. */
  workspaceRef: string;
  /** The catalog `Resource` the catalog module makes for the workspace. */
  entityRef: string;
  /** The Kaito tab of that entity. */
  tabUrl: string;
  /**
   * The workspace's page under the LLM workspaces page; it opens before the
   * catalog has the entity and follows the workspace while it provisions.
   */
  detailUrl: string;
}

/**
 * The workspace key, its catalog entity and its tab. The catalog module names
 * workspace entities `<cluster>-<namespace>-<name>` (kind Resource, namespace
 * default), made a valid entity name. `workspacesPath` is where the app mounts
 * the LLM workspaces page (`kaito.portal.workspacesPath`).
 *
 * @public
 */
export function workspaceLinks(ref: WorkspaceRef, workspacesPath: string = DEFAULT_WORKSPACES_PATH): WorkspaceLinks {
  const entityName = workspaceEntityName(ref);
  return {
    workspaceRef: `${ref.cluster}/${ref.namespace}/${ref.name}`,
    entityRef: `resource:default/${entityName}`,
    tabUrl: `/catalog/default/resource/${encodeURIComponent(entityName)}/kaito`,
    detailUrl: workspacePagePath(workspacesPath, ref),
  };
}

/** The part of an action context that takes outputs. @internal */
export interface LinkOutputContext {
  output(name: 'workspaceRef' | 'entityRef' | 'tabUrl' | 'detailUrl', value: string): void;
}

/** Sets the outputs of the link outputs. @internal */
export function outputLinks(ctx: LinkOutputContext, links: WorkspaceLinks): void {
  ctx.output('workspaceRef', links.workspaceRef);
  ctx.output('entityRef', links.entityRef);
  ctx.output('tabUrl', links.tabUrl);
  ctx.output('detailUrl', links.detailUrl);
}

/**
 * Sets the link outputs and logs where to follow the workspace, right after
 * it is created: provisioning takes minutes on a real cluster, and the task
 * shows its output links only when every step is done.
 *
 * @internal
 */
export function announceWorkspace(ctx: LinkOutputContext & { logger: LoggerService }, links: WorkspaceLinks): void {
  outputLinks(ctx, links);
  ctx.logger.info(`Follow ${links.workspaceRef} while it provisions: ${links.detailUrl}`);
}
