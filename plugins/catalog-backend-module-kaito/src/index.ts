/**
 * Kaito Workspaces for Backstage: catalog module that mirrors workspaces as
 * `Resource` entities of type `llm-workspace`.
 *
 * @packageDocumentation
 */
export { catalogModuleKaitoEntityProvider as default } from './module';
export { KaitoEntityProvider } from './providers/KaitoEntityProvider';
export type { KaitoEntityProviderOptions, KaitoEntityProviderStats } from './providers/KaitoEntityProvider';
export { workspaceToEntity } from './providers/workspaceToEntity';
export { KaitoWorkspaceRelationsProcessor } from './processors/KaitoWorkspaceRelationsProcessor';
// Defined once in kaito-common; re-exported for modules written against this package.
export {
  KAITO_WORKSPACE_ANNOTATION,
  LLM_WORKSPACE_TYPE,
} from '@kaito-backstage/plugin-kaito-common';
