import { Entity } from '@backstage/catalog-model';
import {
  KAITO_WORKSPACE_ANNOTATION,
  LEGACY_KAITO_WORKSPACE_ANNOTATION,
  RELATION_HAS_LLM_WORKSPACE,
  readWorkspaceAnnotation,
} from '@kaito-backstage/plugin-kaito-common';

// Defined once in kaito-common; re-exported so an app imports the plugin only.
export { KAITO_WORKSPACE_ANNOTATION, LEGACY_KAITO_WORKSPACE_ANNOTATION };

/**
 * The workspace key an entity's annotation names (the current key, else the
 * legacy `kaito.sh/workspace`), or `undefined`.
 *
 * @public
 */
export function getAnnotatedWorkspaceKey(entity: Entity): string | undefined {
  return readWorkspaceAnnotation(entity.metadata.annotations);
}

/**
 * Whether the "LLM workspace" tab applies to an entity: it names a workspace
 * in its annotation (either key), or a workspace serves it, which the catalog
 * module records as a `hasLlmWorkspace` relation on the entity. Synchronous,
 * so it serves as an `EntitySwitch.Case`/`EntityLayout.Route` `if` and as the
 * new frontend system's entity content `filter`.
 *
 * @public
 */
export function isKaitoWorkspaceAvailable(entity: Entity): boolean {
  return (
    getAnnotatedWorkspaceKey(entity) !== undefined ||
    (entity.relations ?? []).some(
      relation => relation.type === RELATION_HAS_LLM_WORKSPACE,
    )
  );
}

/**
 * @public
 * @deprecated Use {@link isKaitoWorkspaceAvailable}, which also covers
 * entities served by a workspace.
 */
export const isKaitoTabAvailable = isKaitoWorkspaceAvailable;
