import type { WorkspaceRef } from '@kaito-backstage/plugin-kaito-common';

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

/**
 * The catalog entity name of a workspace. Must match the catalog module's
 * `workspaceEntityName` (plugins/catalog-backend-module-kaito), which a
 * backend module may not import: lower case, anything but `[a-z0-9-]` made
 * `-`, and names over 63 characters cut to 54 plus a hash.
 *
 * @internal
 */
export function workspaceEntityName(ref: WorkspaceRef): string {
  const full = `${ref.cluster}-${ref.namespace}-${ref.name}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  if (full.length <= 63) {
    return full;
  }
  let hash = 0;
  for (const ch of full) {
    hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  }
  return `${full.slice(0, 54).replace(/-+$/, '')}-${hash.toString(36).slice(0, 8)}`;
}
