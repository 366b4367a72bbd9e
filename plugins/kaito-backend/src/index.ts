/**
 * Kaito Workspaces for Backstage: the backend plugin.
 *
 * @packageDocumentation
 */
import * as kaitoNode from '@kaito-backstage/plugin-kaito-node';

export { kaitoPlugin as default } from './plugin';

/**
 * @public
 * @deprecated Import it from `@kaito-backstage/plugin-kaito-node`; this re-export goes in the next release.
 */
export const kaitoClustersExtensionPoint = kaitoNode.kaitoClustersExtensionPoint;
/**
 * @public
 * @deprecated Import it from `@kaito-backstage/plugin-kaito-node`; this re-export goes in the next release.
 */
export type KaitoClusterConnector = kaitoNode.KaitoClusterConnector;
/**
 * @public
 * @deprecated Import it from `@kaito-backstage/plugin-kaito-node`; this re-export goes in the next release.
 */
export type KaitoClustersExtensionPoint = kaitoNode.KaitoClustersExtensionPoint;
export type { KaitoWorkspaceResource, WorkspaceQuery } from './service/permissions';
export {
  isWorkspaceOwner,
  isOnCluster,
  isInNamespace,
  kaitoWorkspaceConditions,
  createKaitoWorkspaceConditionalDecision,
  kaitoWorkspaceResourceRef,
} from './service/permissions';
