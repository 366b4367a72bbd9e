/**
 * `spec.type` of the `Resource` entities that mirror Kaito workspaces.
 *
 * @public
 */
export const LLM_WORKSPACE_TYPE = 'llm-workspace';

/**
 * Catalog relation from an entity to a workspace `Resource` that serves it.
 * The catalog module emits it (with {@link RELATION_LLM_WORKSPACE_OF}) for
 * every `dependencyOf` of an `llm-workspace` Resource, so a frontend can tell
 * from the entity alone, without a catalog query, that workspaces serve it;
 * the plain `dependsOn` relation cannot say which Resources are workspaces.
 *
 * @public
 */
export const RELATION_HAS_LLM_WORKSPACE = 'hasLlmWorkspace';

/**
 * Reverse of {@link RELATION_HAS_LLM_WORKSPACE}: from a workspace `Resource`
 * to the entity it serves.
 *
 * @public
 */
export const RELATION_LLM_WORKSPACE_OF = 'llmWorkspaceOf';
