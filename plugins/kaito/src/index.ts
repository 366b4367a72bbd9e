/**
 * Kaito Workspaces for Backstage: frontend plugin.
 *
 * @packageDocumentation
 */
export { kaitoPlugin, EntityKaitoContent } from './plugin';
export {
  KAITO_WORKSPACE_ANNOTATION,
  isKaitoWorkspaceAvailable,
} from './annotations';
