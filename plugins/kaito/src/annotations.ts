import { Entity } from '@backstage/catalog-model';

/**
 * Entity annotation that links a catalog entity to a Kaito workspace, as
 * `<cluster>/<namespace>/<name>`.
 *
 * @public
 */
export const KAITO_WORKSPACE_ANNOTATION = 'kaito.sh/workspace';

/**
 * Whether the Kaito tab applies to an entity: it carries a workspace annotation.
 *
 * @public
 */
export function isKaitoWorkspaceAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[KAITO_WORKSPACE_ANNOTATION]?.trim(),
  );
}
