/**
 * OpenAPI v3 component schemas of the built-in kinds, derived from the model classes of
 * @kubernetes/client-node (generated from the Kubernetes OpenAPI spec: each class lists its fields
 * with their JSON name, type and format). Names follow the API server's
 * (`io.k8s.api.core.v1.ConfigMap`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`).
 *
 * The models carry field names and types, not descriptions, `required` lists or defaults; that is
 * what client-side validation, `kubectl apply`'s patch computation and server-side unknown-field
 * detection need. They come from client-node 1.1.x (aliased `k8s-models-v1-32`), the release its
 * compatibility table marks as generated from Kubernetes 1.32 (its models say `OpenAPI spec version:
 * v1.32.0`): a field added in 1.33 or later (`PodSpec.hostnameOverride`, `Lifecycle.stopSignal`) is
 * unknown here, as it is to a 1.32 server. The client itself (1.4.0) is newer and is not used for this.
 */
import * as clientNode from 'k8s-models-v1-32/dist/gen/models/all.js';
import { MERGE_KEYS } from '../api/strategicMergePatch';
import { ResourceType } from '../registry/ResourceType';
import { OpenApiSchema, schemaRef } from './openApiTypes';

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

type ModelClass = { getAttributeTypeMap(): Attribute[] };

const models = clientNode as unknown as Record<string, ModelClass | undefined>;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const APIEXTENSIONS = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';

/** Types of apimachinery's meta/v1, whatever kind reaches them. */
const META_TYPES = new Set([
  'ObjectMeta',
  'ListMeta',
  'OwnerReference',
  'ManagedFieldsEntry',
  'LabelSelector',
  'LabelSelectorRequirement',
  'Condition',
  'Status',
  'StatusDetails',
  'StatusCause',
  'DeleteOptions',
  'Preconditions',
]);

/** Types that live in apiextensions-apiserver rather than k8s.io/api. */
const APIEXTENSIONS_PREFIX = /^(CustomResource|JSONSchemaProps|ExternalDocumentation|ValidationRule|SelectableField|WebhookConversion|ApiextensionsV1)/;

/** Core kinds walked first, so the types they share with other groups get core's package name. */
const CORE_ROOTS = ['V1Pod', 'V1PodTemplate', 'V1Service', 'V1Node', 'V1PersistentVolumeClaim', 'V1PersistentVolume', 'CoreV1Event', 'V1Secret', 'V1ConfigMap'];

/** Primitive component schemas of apimachinery, as the API server publishes them. */
const PRIMITIVES: Record<string, OpenApiSchema> = {
  [`${META}.Time`]: { type: 'string', format: 'date-time' },
  [`${META}.MicroTime`]: { type: 'string', format: 'date-time' },
  [`${META}.FieldsV1`]: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `AppsV1` style prefixes of a group version, as the model classes are named. */
function classCandidates(group: string, version: string, kind: string): string[] {
  const groupPrefix = group === '' ? 'Core' : group.split('.')[0].split('-').map(capitalize).join('');
  return [`${groupPrefix}${capitalize(version)}${kind}`, `${capitalize(version)}${kind}`];
}

/** The Go package part of a component name: `io.k8s.api.apps.v1`. @internal */
export function builtinPackageOf(group: string, version: string): string {
  if (group === 'apiextensions.k8s.io') return APIEXTENSIONS.replace(/v1$/, version);
  return `io.k8s.api.${group === '' ? 'core' : group.split('.')[0]}.${version}`;
}

/** `V1beta1LeaseSpec` → `LeaseSpec`; `CoreV1EventSeries` → `EventSeries`. */
function typeNameOf(className: string): string {
  return className.replace(/^([A-Z][a-z]+)*?V\d+((alpha|beta)\d+)?(?=[A-Z])/, '');
}

/** The strategic-merge key of a list field, as the API types' `patchMergeKey` tags give it. */
function mergeKeyOf(field: string, itemType: string): string | undefined {
  if (/^(string|number|boolean)$/.test(itemType)) return undefined;
  if (field === 'ports') return { V1ContainerPort: 'containerPort', V1ServicePort: 'port' }[itemType];
  return MERGE_KEYS[field];
}

class SchemaBuilder {
  readonly components: Record<string, OpenApiSchema> = { ...PRIMITIVES };
  private readonly names = new Map<string, string>();

  /** Adds a model class (and every class it reaches); returns its component name. */
  add(className: string, packageName: string): string {
    const known = this.names.get(className);
    if (known) return known;
    const model = models[className];
    if (!model?.getAttributeTypeMap) throw new Error(`no model class ${className} in the Kubernetes 1.32 models`);
    const typeName = typeNameOf(className);
    let owner = packageName;
    if (META_TYPES.has(typeName)) owner = META;
    else if (APIEXTENSIONS_PREFIX.test(typeName) || className.startsWith('ApiextensionsV1')) owner = APIEXTENSIONS;
    let name = `${owner}.${typeName}`;
    // Two model classes with one short name (e.g. two groups' EndpointPort) keep distinct components.
    if (this.components[name]) name = `${owner}.${className}`;
    this.names.set(className, name);
    const properties: Record<string, OpenApiSchema> = {};
    const schema: OpenApiSchema = { type: 'object', properties };
    this.components[name] = schema;
    for (const attribute of model.getAttributeTypeMap()) {
      properties[attribute.baseName] = this.attributeSchema(attribute.baseName, attribute.type, attribute.format, owner);
    }
    return name;
  }

  private attributeSchema(field: string, type: string, format: string, packageName: string): OpenApiSchema {
    const list = /^Array<(.+)>$/.exec(type);
    if (list) {
      const schema: OpenApiSchema = { type: 'array', items: this.attributeSchema(field, list[1], format, packageName) };
      const mergeKey = mergeKeyOf(field, list[1]);
      if (mergeKey) {
        schema['x-kubernetes-patch-merge-key'] = mergeKey;
        schema['x-kubernetes-patch-strategy'] = 'merge';
      }
      return schema;
    }
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return { type: 'object', additionalProperties: this.attributeSchema(field, map[1], format, packageName) };
    switch (type) {
      case 'string':
        return format === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' };
      case 'number':
        return format === 'double' ? { type: 'number', format: 'double' } : { type: 'integer', format: format || 'int64' };
      case 'boolean':
        return { type: 'boolean' };
      case 'V1MicroTime':
      case 'Date':
        return schemaRef(format === 'date-time-micro' || type === 'V1MicroTime' ? `${META}.MicroTime` : `${META}.Time`);
      case 'IntOrString':
        return schemaRef('io.k8s.apimachinery.pkg.util.intstr.IntOrString');
      case 'any':
        return field === 'fieldsV1' ? schemaRef(`${META}.FieldsV1`) : { 'x-kubernetes-preserve-unknown-fields': true };
      default:
        return schemaRef(this.add(type, packageName));
    }
  }
}

let cache: { builder: SchemaBuilder; roots: Map<string, string> } | undefined;

function builtinSchemaSet() {
  if (!cache) {
    const builder = new SchemaBuilder();
    for (const root of CORE_ROOTS) builder.add(root, 'io.k8s.api.core.v1');
    cache = { builder, roots: new Map() };
  }
  return cache;
}

/**
 * The component name of a built-in kind's schema, adding it (and what it reaches) on first use;
 * undefined when client-node has no model for it.
 * @internal
 */
export function builtinKindSchemaName(type: Pick<ResourceType, 'group' | 'kind'>, version: string): string | undefined {
  const set = builtinSchemaSet();
  const key = `${type.group}/${version}/${type.kind}`;
  if (set.roots.has(key)) return set.roots.get(key);
  const className = classCandidates(type.group, version, type.kind).find(name => models[name]?.getAttributeTypeMap);
  if (!className) return undefined;
  const name = set.builder.add(className, builtinPackageOf(type.group, version));
  const schema = set.builder.components[name];
  schema['x-kubernetes-group-version-kind'] = [{ group: type.group, version, kind: type.kind }];
  set.roots.set(key, name);
  return name;
}

/** Every built-in component schema built so far, by name (shared; do not mutate). @internal */
export function builtinComponents(): Record<string, OpenApiSchema> {
  return builtinSchemaSet().builder.components;
}

/** The component name of ObjectMeta, which custom resources refer to as well. @internal */
export const OBJECT_META_SCHEMA = `${META}.ObjectMeta`;
/** @internal */
export const LIST_META_SCHEMA = `${META}.ListMeta`;
/** @internal */
export const STATUS_SCHEMA = `${META}.Status`;

/** Makes sure the meta/v1 schemas every document refers to are built. @internal */
export function ensureMetaSchemas(): void {
  const builder = builtinSchemaSet().builder;
  builder.add('V1ObjectMeta', META);
  builder.add('V1ListMeta', META);
  builder.add('V1Status', META);
}
