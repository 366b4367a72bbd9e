import { badRequest } from '../errors';
import { KubeObject } from '../types';

/** A predicate over a whole object. @internal */
export type ObjectMatcher = (object: KubeObject) => boolean;

function readPath(object: unknown, path: string): string {
  let current: any = object;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = current[part];
  }
  if (current === undefined || current === null) return '';
  return String(current);
}

/**
 * Compiles a field selector (`metadata.name=x,spec.nodeName!=`). Only the fields the resource
 * declares selectable are accepted, as on a real server: others are a 400.
 * @internal
 */
export function compileFieldSelector(
  selector: string | undefined,
  selectableFields: readonly string[],
  resourceDescription: string,
): ObjectMatcher {
  if (!selector || !selector.trim()) return () => true;
  const terms = selector
    .split(',')
    .map(t => t.trim())
    .filter(Boolean)
    .map(term => {
      const match = /^([^!=]+?)\s*(==|!=|=)\s*(.*)$/.exec(term);
      if (!match) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
      const [, field, op, value] = match;
      if (!selectableFields.includes(field)) {
        throw badRequest(`field label not supported: ${field} (${resourceDescription})`);
      }
      return { field, negate: op === '!=', value };
    });
  return object =>
    terms.every(term => (readPath(object, term.field) === term.value) !== term.negate);
}
