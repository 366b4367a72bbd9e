import { quantitiesEqual } from '@kaito-backstage/plugin-kaito-common';

/**
 * The parts of `desired` that `observed` does not match, as a JSON merge
 * patch, or `undefined` when nothing drifted.
 *
 * The comparison is semantic, so that what a real API server does to an
 * object it stores never counts as drift:
 * - only keys present in `desired` are compared: defaulted fields
 *   (`imagePullPolicy`, probe timeouts, `clusterIP`, `status`…) are ignored;
 * - an empty desired value (`0`, `false`, `""`, `[]`, `{}`, `null`) matches
 *   an absent one, as the server drops `omitempty` fields;
 * - resource quantities compare by value (`"16Gi"` = `"17179869184"`, `1` = `"1000m"`);
 * - lists Kubernetes merges by key (containers, env, ports, volumes,
 *   volumeMounts…) are matched by that key; other lists of objects in any
 *   order; lists of strings in order. A list must have no extra items.
 *
 * A list that differs is put back whole: a merge patch replaces lists, and
 * the server then defaults the new items exactly as it did the first time,
 * so the patch is idempotent.
 *
 * @internal
 */
export function driftPatch(observed: unknown, desired: unknown): unknown | undefined {
  return patchAt(observed, desired, []);
}

/** Whether `observed` has everything `desired` asks for. @internal */
export function matches(observed: unknown, desired: unknown): boolean {
  return matchesAt(observed, desired, []);
}

function patchAt(observed: unknown, desired: unknown, path: string[]): unknown | undefined {
  if (matchesAt(observed, desired, path)) return undefined;
  if (isObject(desired) && isObject(observed)) {
    const patch: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(desired)) {
      const sub = patchAt(observed[key], value, [...path, key]);
      if (sub !== undefined) patch[key] = sub;
    }
    return Object.keys(patch).length > 0 ? patch : undefined;
  }
  return desired;
}

/** Maps whose values are resource quantities (`resources.limits`, NodeClaim `resources.requests`…). */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'capacity', 'allocatable']);
/** Single fields that are quantities. */
const QUANTITY_FIELDS = new Set(['sizeLimit']);

/**
 * The merge key of a list, as in the Kubernetes API's `patchMergeKey` /
 * `listMapKeys`; ports are told apart by their elements (container or Service).
 */
function mergeKeyOf(listName: string, items: unknown[]): ((item: Record<string, unknown>) => string) | undefined {
  switch (listName) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return item => String(item.name);
    case 'volumeMounts':
      return item => String(item.mountPath);
    case 'volumeDevices':
      return item => String(item.devicePath);
    case 'ports': {
      const portField = items.some(i => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
      return item => `${item[portField]}/${item.protocol ?? 'TCP'}`;
    }
    case 'topologySpreadConstraints':
      return item => `${item.topologyKey}/${item.whenUnsatisfiable}`;
    default:
      return undefined;
  }
}

function matchesAt(observed: unknown, desired: unknown, path: string[]): boolean {
  if (desired === undefined) return true;
  if (isEmpty(desired) && (observed === undefined || observed === null)) return true;
  const key = path[path.length - 1] ?? '';
  if (Array.isArray(desired)) return Array.isArray(observed) && listMatches(observed, desired, path);
  if (isObject(desired)) {
    return (
      isObject(observed) &&
      Object.entries(desired).every(([k, value]) => matchesAt(observed[k], value, [...path, k]))
    );
  }
  const parent = path[path.length - 2] ?? '';
  if (QUANTITY_MAPS.has(parent) || QUANTITY_FIELDS.has(key)) {
    if (quantitiesEqual(observed, desired)) return true;
  }
  // Numbers and strings of one value (an int-or-string written either way) are equal.
  return observed === desired || (isScalar(observed) && isScalar(desired) && String(observed) === String(desired));
}

function listMatches(observed: unknown[], desired: unknown[], path: string[]): boolean {
  if (observed.length !== desired.length) return false;
  const listName = path[path.length - 1] ?? '';
  const objects = desired.every(isObject) && observed.every(isObject);
  if (!objects) return desired.every((item, i) => matchesAt(observed[i], item, [...path, String(i)]));
  const keyOf = mergeKeyOf(listName, desired);
  if (keyOf) {
    const byKey = new Map(observed.map(item => [keyOf(item as Record<string, unknown>), item]));
    const keyed = desired.every(item => {
      const k = keyOf(item as Record<string, unknown>);
      return byKey.has(k) && matchesAt(byKey.get(k), item, [...path, k]);
    });
    // Init containers run one after another: their order is part of the spec.
    if (!keyed || listName !== 'initContainers') return keyed;
    return desired.every((item, i) => keyOf(item as Record<string, unknown>) === keyOf(observed[i] as Record<string, unknown>));
  }
  // No key (tolerations, node selector terms…): each desired item must match a different observed one.
  const unused = [...observed];
  return desired.every(item => {
    const index = unused.findIndex(candidate => matchesAt(candidate, item, [...path, '*']));
    if (index < 0) return false;
    unused.splice(index, 1);
    return true;
  });
}

/** A value the API server stores as absent when a field is `omitempty`. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === '' || value === false || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.values(value).every(v => v === undefined);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
