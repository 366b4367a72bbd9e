import { JsonSchema } from '../schema/structuralSchema';
import { MERGE_KEYS } from './strategicMergePatch';

/**
 * Field paths as server-side apply tracks them (`f:spec`, `k:{"name":"x"}`, `v:"value"`), used to
 * build `managedFields` and to merge applied configurations.
 */

/** How a list field merges. @internal */
export type ListType = { type: 'map'; keys: string[] } | { type: 'set' } | { type: 'atomic' };

/** Where the walker stands: the schema node (custom resources) and whether the kind is built in. */
interface Context {
  schema?: JsonSchema;
  builtin: boolean;
}

const SET_LISTS = new Set(['finalizers']);

function listTypeOf(field: string, context: Context, items: unknown[]): ListType {
  const declared = context.schema?.['x-kubernetes-list-type'];
  if (declared === 'map') return { type: 'map', keys: (context.schema?.['x-kubernetes-list-map-keys'] as string[]) ?? ['name'] };
  if (declared === 'set') return { type: 'set' };
  if (declared === 'atomic') return { type: 'atomic' };
  if (field === 'finalizers' || (context.builtin && SET_LISTS.has(field))) return { type: 'set' };
  if (context.builtin || field === 'ownerReferences') {
    if (field === 'ports') {
      const sample = items.find(i => i && typeof i === 'object') as Record<string, unknown> | undefined;
      return { type: 'map', keys: [sample && 'containerPort' in sample ? 'containerPort' : 'port'] };
    }
    const key = MERGE_KEYS[field];
    if (key) return { type: 'map', keys: [key] };
  }
  return { type: 'atomic' };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function childContext(context: Context, field: string): Context {
  const schema = context.schema;
  const child =
    schema?.properties?.[field] ?? (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);
  return { builtin: context.builtin, schema: child };
}

function itemSegment(item: unknown, keys: string[]): string {
  const key: Record<string, unknown> = {};
  for (const k of [...keys].sort()) key[k] = (item as Record<string, unknown>)?.[k];
  return `k:${JSON.stringify(key)}`;
}

const SEP = '\n';

/** A path as one string of segments. @internal */
export type FieldPath = string;

/**
 * Every leaf path of a value with its serialized value. Keyed list items also get a `.` path
 * so the item itself can be owned.
 * @internal
 */
export function collectLeaves(value: unknown, schema: JsonSchema | undefined, builtin: boolean): Map<FieldPath, string> {
  const leaves = new Map<FieldPath, string>();
  const walk = (node: unknown, prefix: string[], context: Context, field: string) => {
    if (isObject(node) && Object.keys(node).length > 0) {
      for (const [key, child] of Object.entries(node)) walk(child, [...prefix, `f:${key}`], childContext(context, key), key);
      return;
    }
    if (Array.isArray(node)) {
      const listType = listTypeOf(field, context, node);
      if (listType.type === 'map') {
        const itemContext = { builtin: context.builtin, schema: context.schema?.items };
        for (const item of node) {
          const segment = itemSegment(item, listType.keys);
          leaves.set([...prefix, segment, '.'].join(SEP), '');
          if (isObject(item)) {
            for (const [key, child] of Object.entries(item)) {
              walk(child, [...prefix, segment, `f:${key}`], childContext(itemContext, key), key);
            }
          }
        }
        return;
      }
      if (listType.type === 'set') {
        for (const item of node) leaves.set([...prefix, `v:${JSON.stringify(item)}`].join(SEP), '');
        return;
      }
    }
    leaves.set(prefix.join(SEP), JSON.stringify(node));
  };
  if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) walk(child, [`f:${key}`], childContext({ schema, builtin }, key), key);
  }
  return leaves;
}

/** Encodes paths as a FieldsV1 object. @internal */
export function toFieldsV1(paths: Iterable<FieldPath>): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const path of paths) {
    let node = root;
    for (const segment of path.split(SEP)) {
      node[segment] ??= {};
      node = node[segment];
    }
  }
  // A node that has children and is itself owned carries a "." entry, as the API server writes it.
  return root;
}

/** Decodes a FieldsV1 object into leaf paths. @internal */
export function fromFieldsV1(fields: Record<string, unknown> | undefined): Set<FieldPath> {
  const paths = new Set<FieldPath>();
  const walk = (node: Record<string, unknown>, prefix: string[]) => {
    const entries = Object.entries(node);
    if (entries.length === 0) {
      paths.add(prefix.join(SEP));
      return;
    }
    for (const [segment, child] of entries) walk((child ?? {}) as Record<string, unknown>, [...prefix, segment]);
  };
  if (fields) walk(fields, []);
  paths.delete('');
  return paths;
}

/** Renders a path for messages: `.spec.containers[name="x"].image`. @internal */
export function describePath(path: FieldPath): string {
  return path
    .split(SEP)
    .map(segment => {
      if (segment.startsWith('f:')) return `.${segment.slice(2)}`;
      if (segment.startsWith('k:')) {
        const key = JSON.parse(segment.slice(2));
        return `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
      }
      if (segment.startsWith('v:')) return `[${segment.slice(2)}]`;
      return '';
    })
    .join('');
}

/** One list item of a path as structured-merge-diff prints it: `[name="c"]` (keyed), `[="v"]` (set), `[0]` (atomic). */
function listItemText(item: unknown, index: number, listType: ListType): string {
  if (listType.type === 'set') return `[=${JSON.stringify(item)}]`;
  if (listType.type === 'atomic' || !isObject(item)) return `[${index}]`;
  return `[${[...listType.keys].sort().map(key => `${key}=${JSON.stringify(item[key] ?? null)}`).join(',')}]`;
}

/**
 * A field of a value, given as field validation finds it (`spec.template.spec.containers[0].imagee`),
 * written as server-side apply's errors write it (`.spec.template.spec.containers[name="c"].imagee`).
 * @internal
 */
export function applyErrorPath(value: unknown, path: string, schema: JsonSchema | undefined, builtin: boolean): string {
  let node = value;
  let context: Context = { schema, builtin };
  let field = '';
  let text = '';
  for (const [, name, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (index !== undefined && Array.isArray(node)) {
      text += listItemText(node[Number(index)], Number(index), listTypeOf(field, context, node));
      node = node[Number(index)];
      context = { builtin, schema: context.schema?.items };
    } else {
      text += `.${name ?? index}`;
      node = isObject(node) ? node[name] : undefined;
      context = childContext(context, name);
      field = name;
    }
  }
  return text;
}

/** Removes the value at a path from an object, in place. @internal */
export function removePath(target: unknown, path: FieldPath): void {
  const segments = path.split(SEP);
  let node: any = target;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1 || (i === segments.length - 2 && segments[i + 1] === '.');
    if (segment.startsWith('f:')) {
      if (!isObject(node)) return;
      const key = segment.slice(2);
      if (last) {
        delete node[key];
        return;
      }
      node = node[key];
    } else if (segment.startsWith('k:')) {
      if (!Array.isArray(node)) return;
      const key = JSON.parse(segment.slice(2)) as Record<string, unknown>;
      const index = node.findIndex(item => isObject(item) && Object.entries(key).every(([k, v]) => item[k] === v));
      if (index < 0) return;
      if (last) {
        node.splice(index, 1);
        return;
      }
      node = node[index];
    } else if (segment.startsWith('v:')) {
      if (!Array.isArray(node)) return;
      const value = JSON.parse(segment.slice(2));
      const index = node.findIndex(item => JSON.stringify(item) === JSON.stringify(value));
      if (index >= 0) node.splice(index, 1);
      return;
    }
  }
}

/** Merges an applied configuration into a live object (new object), honouring list types. @internal */
export function mergeApplied(live: unknown, applied: unknown, schema: JsonSchema | undefined, builtin: boolean): unknown {
  const merge = (current: unknown, incoming: unknown, context: Context, field: string): unknown => {
    if (isObject(incoming)) {
      const result: Record<string, unknown> = isObject(current) ? { ...current } : {};
      for (const [key, value] of Object.entries(incoming)) {
        result[key] = merge(result[key], value, childContext(context, key), key);
      }
      return result;
    }
    if (Array.isArray(incoming)) {
      const listType = listTypeOf(field, context, incoming);
      const existing = Array.isArray(current) ? current : [];
      if (listType.type === 'set') {
        return [...existing, ...incoming.filter(v => !existing.some(e => JSON.stringify(e) === JSON.stringify(v)))];
      }
      if (listType.type === 'map') {
        const itemContext = { builtin: context.builtin, schema: context.schema?.items };
        const result = [...existing];
        for (const item of incoming) {
          const segment = itemSegment(item, listType.keys);
          const index = result.findIndex(r => itemSegment(r, listType.keys) === segment);
          if (index >= 0) result[index] = merge(result[index], item, itemContext, '');
          else result.push(item);
        }
        return result;
      }
    }
    return incoming;
  };
  return merge(live, applied, { schema, builtin }, '');
}
