/**
 * Kaito Workspaces for Backstage: the backend plugin.
 *
 * @packageDocumentation
 */
export { kaitoPlugin as default } from './plugin';
export { kaitoClustersExtensionPoint } from './extensions';
export type {
  KaitoClusterConnector,
  KaitoClustersExtensionPoint,
} from './extensions';
export type { KaitoWorkspaceResource } from './service/permissions';
export {
  isWorkspaceOwner,
  isOnCluster,
  isInNamespace,
  kaitoWorkspaceConditions,
  createKaitoWorkspaceConditionalDecision,
  kaitoWorkspaceResourceRef,
} from './service/permissions';
