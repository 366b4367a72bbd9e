import { Workspace } from '../api/workspace';
import { canonicalJson } from '../util/canonicalJson';
import { sha256Hex } from '../util/sha256';

/**
 * The `workspace.kaito.io/hash` value: sha256 over the JSON of `resource`, `inference`
 * and `tuning`, in that order. Keys are sorted, so the hash is stable across clients
 * (it is not byte-identical to Kaito's Go struct-order encoding).
 *
 * @public
 */
export function computeWorkspaceHash(
  workspace: Pick<Workspace, 'resource' | 'inference' | 'tuning'>,
): string {
  return sha256Hex(
    canonicalJson(workspace.resource) +
      canonicalJson(workspace.inference ?? null) +
      canonicalJson(workspace.tuning ?? null),
  );
}
