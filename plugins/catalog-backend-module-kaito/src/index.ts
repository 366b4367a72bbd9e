/**
 * Kaito Workspaces for Backstage: catalog module that mirrors workspaces as
 * `Resource` entities of type `llm-workspace`.
 *
 * @packageDocumentation
 */
export { catalogModuleKaitoEntityProvider as default } from './module';
export { KaitoEntityProvider } from './providers/KaitoEntityProvider';
export {
  workspaceToEntity,
  KAITO_WORKSPACE_ANNOTATION,
  LLM_WORKSPACE_TYPE,
} from './providers/workspaceToEntity';
