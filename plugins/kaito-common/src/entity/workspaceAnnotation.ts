/**
 * Catalog entity annotation linking an entity to a Kaito workspace, as
 * `<cluster>/<namespace>/<name>`. Under our own prefix: Kaito itself uses
 * `kaito.sh/workspace` as a label on nodes and pods.
 *
 * @public
 */
export const KAITO_WORKSPACE_ANNOTATION = 'backstage.kaito.sh/workspace';

/**
 * The key entities written before {@link KAITO_WORKSPACE_ANNOTATION} carry;
 * still read so their tabs keep working, never written.
 *
 * @public
 */
export const LEGACY_KAITO_WORKSPACE_ANNOTATION = 'kaito.sh/workspace';

/**
 * The workspace key an entity's annotations name: the current key first,
 * then the legacy one; `undefined` when neither holds a non-blank value.
 *
 * @public
 */
export function readWorkspaceAnnotation(
  annotations: Record<string, string | undefined> | undefined,
): string | undefined {
  for (const key of [KAITO_WORKSPACE_ANNOTATION, LEGACY_KAITO_WORKSPACE_ANNOTATION]) {
    const value = annotations?.[key]?.trim();
    if (value) {
      return value;
    }
  }
  return undefined;
}
