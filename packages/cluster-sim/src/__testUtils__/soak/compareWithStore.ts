/** An object reduced to what a cache comparison needs. */
export interface VersionedKey {
  namespace?: string;
  name: string;
  resourceVersion: string;
}

/** How a cache differs from the store. */
export interface CacheDifference {
  /** In the store, absent from the cache. */
  missing: string[];
  /** In both, with another resourceVersion in the cache. */
  stale: string[];
  /** In the cache, gone from the store. */
  extra: string[];
}

const keyOf = (o: VersionedKey) => (o.namespace ? `${o.namespace}/${o.name}` : o.name);

/** Compares a client's cache with the objects the store holds (both already filtered alike). */
export function compareWithStore(cached: readonly VersionedKey[], stored: readonly VersionedKey[]): CacheDifference {
  const want = new Map(stored.map(o => [keyOf(o), o.resourceVersion]));
  const have = new Map(cached.map(o => [keyOf(o), o.resourceVersion]));
  const difference: CacheDifference = { missing: [], stale: [], extra: [] };
  for (const [key, version] of want) {
    const cachedVersion = have.get(key);
    if (cachedVersion === undefined) difference.missing.push(key);
    else if (cachedVersion !== version) difference.stale.push(key);
  }
  for (const key of have.keys()) if (!want.has(key)) difference.extra.push(key);
  return difference;
}

/** How many objects a difference counts. */
export function differenceSize(difference: CacheDifference): number {
  return difference.missing.length + difference.stale.length + difference.extra.length;
}
