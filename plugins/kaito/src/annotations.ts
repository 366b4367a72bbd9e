import { Entity } from '@backstage/catalog-model';

/**
 * Entity annotation that links a catalog entity to a Kaito workspace, as
 * `<cluster>/<namespace>/<name>`.
 *
 * @public
 */
export const KAITO_WORKSPACE_ANNOTATION = 'kaito.sh/workspace';

/**
 * Whether an entity carries a workspace annotation.
 *
 * @public
 */
export function isKaitoWorkspaceAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[KAITO_WORKSPACE_ANNOTATION]?.trim(),
  );
}

/**
 * Whether the "LLM workspace" tab applies to an entity: it carries a
 * workspace annotation, or it is a Component, which workspaces may serve
 * (`backstage.kaito.sh/entity-ref`); the tab looks those up itself, since
 * tab filters cannot wait for the backend.
 *
 * @public
 */
export function isKaitoTabAvailable(entity: Entity): boolean {
  return (
    isKaitoWorkspaceAvailable(entity) ||
    entity.kind.toLocaleLowerCase('en-US') === 'component'
  );
}
