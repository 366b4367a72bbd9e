import { WorkspaceRef } from './types';

/**
 * The catalog entity name of a workspace (kind Resource, namespace default):
 * `<cluster>-<namespace>-<name>`, lower case, anything but `[a-z0-9-]` made
 * `-`, and names over 63 characters cut to 54 plus a short hash so they stay
 * unique. Shared by the catalog module that creates the entities and the
 * scaffolder actions that link to them.
 *
 * @public
 */
export function workspaceEntityName(ref: Pick<WorkspaceRef, 'cluster' | 'namespace' | 'name'>): string {
  const full = `${ref.cluster}-${ref.namespace}-${ref.name}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  if (full.length <= 63) return full;
  let hash = 0;
  for (const ch of full) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `${full.slice(0, 54).replace(/-+$/, '')}-${hash.toString(36).slice(0, 8)}`;
}
