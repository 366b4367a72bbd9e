/**
 * A string value of another field of the scaffolder form, by name or by a
 * dotted path (`parameters.preset`), from `formContext.formData` (all
 * steps' values, which the scaffolder passes to every field).
 *
 * @internal
 */
export function readFormField(
  formContext: unknown,
  path: string | undefined,
): string | undefined {
  if (!path) {
    return undefined;
  }
  let value: unknown = (formContext as { formData?: unknown } | undefined)
    ?.formData;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
