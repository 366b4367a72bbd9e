/** A printer column of a CRD version (`additionalPrinterColumns`). @public */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  format?: string;
  priority?: number;
}

/** Everything the API needs to serve one resource. @public */
export interface ResourceType {
  /** API group; '' for the core group. */
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  kind: string;
  listKind: string;
  /** Plural resource name, as in URLs. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Subresources served, e.g. `status`, `log`, `proxy`, `binding`. */
  subresources: string[];
  /** Fields a field selector may use (besides metadata.name and metadata.namespace). */
  selectableFields: string[];
  /** Whether `metadata.generation` is maintained (moves on spec changes). */
  tracksGeneration: boolean;
  /** Verbs served, when fewer than all (the create-only reviews). */
  verbs?: string[];
  /** Built-in kinds accept strategic merge patches; custom resources do not. */
  strategicMerge: boolean;
  /** Set for resources served from a CustomResourceDefinition. */
  crd?: {
    name: string;
    /** Per served version: the openAPIV3Schema. */
    schemas: Record<string, unknown | undefined>;
    printerColumns: Record<string, PrinterColumn[]>;
    preserveUnknownFields: boolean;
    /** The scale subresource's JSON paths, when the CRD has one. */
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
}

/** The storage key of a resource: versions of one resource share storage. @public */
export function storageKeyOf(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/** `group/version`, or `version` for the core group. @public */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** Whether a resource has a status subresource. @internal */
export function hasStatus(type: ResourceType): boolean {
  return type.subresources.includes('status');
}
