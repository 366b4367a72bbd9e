/**
 * One problem found in a Workspace, tied to the field it concerns.
 *
 * @public
 */
export interface Issue {
  /** Dotted field path, e.g. `resource.instanceType` or `inference.adapters[1].strength`. */
  path: string;
  /** What is wrong and, where possible, how to fix it. */
  message: string;
  /** `error` blocks the request; `warning` is shown but allowed. Default `error`. */
  severity?: 'error' | 'warning';
}

/**
 * Formats a zod-style path (`['inference', 'adapters', 1, 'strength']`) as
 * `inference.adapters[1].strength`.
 *
 * @public
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      result += `[${segment}]`;
    } else {
      const text = String(segment);
      result += result ? `.${text}` : text;
    }
  }
  return result;
}
