import { KubeObject } from '../types';
import { BUILTIN_RESOURCES } from './builtinResources';
import { PrinterColumn, ResourceType, storageKeyOf } from './ResourceType';

/**
 * The set of resources served: the built-in ones plus one per established CustomResourceDefinition.
 * @public
 */
export class ResourceRegistry {
  private readonly types = new Map<string, ResourceType>();

  constructor() {
    for (const type of BUILTIN_RESOURCES) this.types.set(storageKeyOf(type), type);
  }

  /** The resource served at `group/version/plural`, if any. */
  find(group: string, version: string, plural: string): ResourceType | undefined {
    const type = this.types.get(group ? `${plural}.${group}` : plural);
    return type && type.versions.includes(version) ? type : undefined;
  }

  /** The resource with a storage key, e.g. `pods` or `workspaces.kaito.sh`. */
  byStorageKey(key: string): ResourceType | undefined {
    return this.types.get(key);
  }

  /** The resource of a kind in a group (any served version). */
  byKind(group: string, kind: string): ResourceType | undefined {
    for (const type of this.types.values()) {
      if (type.group === group && type.kind === kind) return type;
    }
    return undefined;
  }

  /** Every resource served. */
  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** Groups served with their versions, core group excluded, in registration order. */
  groups(): Array<{ name: string; versions: string[] }> {
    const groups = new Map<string, Set<string>>();
    for (const type of this.types.values()) {
      if (!type.group) continue;
      const versions = groups.get(type.group) ?? new Set<string>();
      type.versions.forEach(v => versions.add(v));
      groups.set(type.group, versions);
    }
    return [...groups].map(([name, versions]) => ({ name, versions: sortVersions([...versions]) }));
  }

  /** Serves (or re-serves) the resource a CRD defines. Returns it. */
  registerCrd(crd: KubeObject): ResourceType {
    const type = resourceTypeFromCrd(crd);
    this.types.set(storageKeyOf(type), type);
    return type;
  }

  /** Stops serving a CRD's resource. */
  unregisterCrd(crd: KubeObject): ResourceType | undefined {
    const key = `${crd.spec?.names?.plural}.${crd.spec?.group}`;
    const type = this.types.get(key);
    if (type?.crd) {
      this.types.delete(key);
      return type;
    }
    return undefined;
  }
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first. @internal */
export function sortVersions(versions: string[]): string[] {
  const rank = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    const stability = { alpha: 1, beta: 2 }[m[2] as 'alpha' | 'beta'] ?? 3;
    return [stability, Number(m[1]), Number(m[3] ?? 0)];
  };
  return [...versions].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
    return a.localeCompare(b);
  });
}

/** Builds the served resource from a CRD object. @internal */
export function resourceTypeFromCrd(crd: KubeObject): ResourceType {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const served = (spec.versions ?? []).filter((v: any) => v.served !== false);
  const versions = sortVersions(served.map((v: any) => v.name));
  // The preferred version is the highest priority served one, as discovery reports.
  const schemas: Record<string, unknown> = {};
  const printerColumns: Record<string, PrinterColumn[]> = {};
  const subresources = new Set<string>();
  let scale: NonNullable<ResourceType['crd']>['scale'];
  for (const version of served) {
    scale ??= version.subresources?.scale;
    schemas[version.name] = version.schema?.openAPIV3Schema;
    printerColumns[version.name] = version.additionalPrinterColumns ?? [];
    if (version.subresources?.status !== undefined) subresources.add('status');
    if (version.subresources?.scale !== undefined) subresources.add('scale');
  }
  return {
    group: spec.group,
    versions,
    kind: names.kind,
    listKind: names.listKind ?? `${names.kind}List`,
    plural: names.plural,
    singular: names.singular ?? String(names.kind ?? '').toLowerCase(),
    namespaced: spec.scope !== 'Cluster',
    shortNames: names.shortNames ?? [],
    categories: names.categories ?? [],
    subresources: [...subresources],
    selectableFields: served.flatMap((v: any) => (v.selectableFields ?? []).map((f: any) => String(f.jsonPath).replace(/^\./, ''))),
    tracksGeneration: true,
    strategicMerge: false,
    crd: {
      name: crd.metadata.name!,
      schemas,
      printerColumns,
      preserveUnknownFields: spec.preserveUnknownFields === true,
      ...(scale ? { scale } : {}),
    },
  };
}
