/**
 * Visits the values at a dotted field path such as `status.conditions[].lastTransitionTime`,
 * where `[]` steps into every element of a list and `{}` into every value of a map.
 */

/** Called with the value found, its path as the API names it, and a setter. @internal */
export type FieldVisitor = (value: unknown, path: string, set: (next: unknown) => void) => void;

/** Calls `visit` for every value present at `pattern` in `object`. @internal */
export function visitFields(object: unknown, pattern: string, visit: FieldVisitor): void {
  walk(object, pattern.split('.'), '', visit);
}

function join(prefix: string, part: string): string {
  return prefix ? `${prefix}.${part}` : part;
}

function walk(node: unknown, parts: string[], prefix: string, visit: FieldVisitor): void {
  if (!node || typeof node !== 'object') return;
  const [head, ...rest] = parts;
  const key = head.replace(/\[\]$|\{\}$/, '');
  const container = node as Record<string, unknown>;
  if (!(key in container)) return;
  const here = join(prefix, key);
  const value = container[key];
  if (head.endsWith('[]')) {
    if (!Array.isArray(value)) return;
    value.forEach((item, i) => step(value as unknown[], i, item, `${here}[${i}]`, rest, visit));
  } else if (head.endsWith('{}')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [k, item] of Object.entries(value)) step(value as Record<string, unknown>, k, item, `${here}[${k}]`, rest, visit);
  } else {
    step(container, key, value, here, rest, visit);
  }
}

function step(parent: any, key: string | number, value: unknown, path: string, rest: string[], visit: FieldVisitor) {
  if (rest.length) walk(value, rest, path, visit);
  else visit(value, path, next => {
    parent[key] = next;
  });
}
