/**
 * Copy of a JSON value with object keys sorted recursively, so that equal values
 * serialize identically. `undefined` object members are dropped, as JSON does.
 *
 * @public
 */
export function canonicalize<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(item => canonicalize(item)) as T;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .filter(key => record[key] !== undefined)
        .sort()
        .map(key => [key, canonicalize(record[key])]),
    ) as T;
  }
  return value;
}

/**
 * JSON with sorted keys.
 *
 * @public
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value)) ?? 'null';
}
