import { workspaceEntityName, type WorkspaceRef } from '@kaito-backstage/plugin-kaito-common';

/** Where a workspace shows up in the portal. @public */
export interface WorkspaceLinks {
  /** `<cluster>/<namespace>/<name>`. */
  workspaceRef: string;
  /** The catalog `Resource` the catalog module makes for the workspace. */
  entityRef: string;
  /** The Kaito tab of that entity. */
  tabUrl: string;
}

/**
 * The workspace key, its catalog entity and its tab. The catalog module names
 * workspace entities `<cluster>-<namespace>-<name>` (kind Resource, namespace
 * default), made a valid entity name.
 *
 * @public
 */
export function workspaceLinks(ref: WorkspaceRef): WorkspaceLinks {
  const entityName = workspaceEntityName(ref);
  return {
    workspaceRef: `${ref.cluster}/${ref.namespace}/${ref.name}`,
    entityRef: `resource:default/${entityName}`,
    tabUrl: `/catalog/default/resource/${encodeURIComponent(entityName)}/kaito`,
  };
}
