import { stringify } from 'yaml';
import { canonicalize } from '../util/canonicalJson';

/**
 * Serializes Kubernetes objects as a multi-document YAML with sorted keys, so that a diff
 * of two renderings shows only real changes.
 *
 * @public
 */
export function manifestsToYaml(objects: readonly unknown[]): string {
  return objects.map(object => stringify(canonicalize(object), { lineWidth: 0 })).join('---\n');
}
