/**
 * The parts of `desired` that `observed` does not match, as a JSON merge
 * patch, or `undefined` when nothing drifted. Only keys present in `desired`
 * are compared, so fields the API server defaults or fills in (clusterIP,
 * terminationMessagePath, status…) never count as drift. Arrays are compared
 * element by element the same way and replaced whole when they differ.
 *
 * @internal
 */
export function driftPatch(observed: unknown, desired: unknown): unknown | undefined {
  if (matches(observed, desired)) return undefined;
  if (isObject(desired) && isObject(observed)) {
    const patch: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(desired)) {
      const sub = driftPatch(observed[key], value);
      if (sub !== undefined) patch[key] = sub;
    }
    return Object.keys(patch).length > 0 ? patch : undefined;
  }
  return desired;
}

/** Whether `observed` has everything `desired` asks for. @internal */
export function matches(observed: unknown, desired: unknown): boolean {
  if (desired === undefined) return true;
  if (Array.isArray(desired)) {
    return (
      Array.isArray(observed) &&
      observed.length === desired.length &&
      desired.every((item, i) => matches(observed[i], item))
    );
  }
  if (isObject(desired)) {
    return (
      isObject(observed) &&
      Object.entries(desired).every(([key, value]) => matches(observed[key], value))
    );
  }
  // Quantities such as "1" and 1 are the same value.
  return observed === desired || (observed !== undefined && String(observed) === String(desired));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
