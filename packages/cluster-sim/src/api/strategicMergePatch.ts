/**
 * Strategic merge patch for the built-in kinds: lists with a merge key merge item by item, other
 * lists are replaced, `$patch: delete|replace`, `$deleteFromPrimitiveList/<field>` and
 * `$setElementOrder/<field>` directives are understood, and `null` deletes a field.
 */

/** Merge keys by field name, from the Kubernetes API types' `patchMergeKey` tags. @internal */
export const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  env: 'name',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  containerStatuses: 'name',
  initContainerStatuses: 'name',
  webhooks: 'name',
};

/** Lists of scalars merged as sets (patchStrategy merge without a key). */
const PRIMITIVE_MERGE_LISTS = new Set(['finalizers']);

/** Ports merge on containerPort in containers, on port in services. */
function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') {
    const sample = items.find(i => i && typeof i === 'object') as Record<string, unknown> | undefined;
    return sample && 'containerPort' in sample ? 'containerPort' : 'port';
  }
  return MERGE_KEYS[field];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function mergeList(field: string, original: unknown, patch: unknown[]): unknown[] {
  const current = Array.isArray(original) ? original : [];
  if (PRIMITIVE_MERGE_LISTS.has(field)) {
    return [...current, ...patch.filter(p => !current.includes(p))];
  }
  const key = mergeKeyFor(field, [...patch, ...current]);
  if (!key) return patch.filter(p => !(isObject(p) && p.$patch));
  if (patch.some(p => isObject(p) && p.$patch === 'replace')) {
    return patch.filter(p => !(isObject(p) && p.$patch === 'replace'));
  }
  const result = current.map(item => item);
  for (const item of patch) {
    if (!isObject(item)) continue;
    const index = result.findIndex(r => isObject(r) && r[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = applyStrategicMergePatch(result[index], item);
    else result.push(applyStrategicMergePatch({}, item));
  }
  return result;
}

/** Applies a strategic merge patch, returning a new value. @internal */
export function applyStrategicMergePatch(original: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') {
    const { $patch, ...rest } = patch;
    void $patch;
    return rest;
  }
  if (patch.$patch === 'delete') return undefined;
  const result: Record<string, unknown> = isObject(original) ? { ...original } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key.startsWith('$setElementOrder/') || key === '$retainKeys') continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const remove = Array.isArray(value) ? value : [];
      if (Array.isArray(result[field])) {
        result[field] = (result[field] as unknown[]).filter(v => !remove.includes(v));
      }
      continue;
    }
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value)) {
      result[key] = mergeList(key, result[key], value);
    } else if (isObject(value)) {
      const merged = applyStrategicMergePatch(result[key], value);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else {
      result[key] = value;
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const key of Object.keys(result)) if (!(patch.$retainKeys as string[]).includes(key)) delete result[key];
  }
  return result;
}
