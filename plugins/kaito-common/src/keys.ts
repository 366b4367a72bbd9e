/**
 * The parts of a workspace key `<cluster>/<namespace>/<name>`.
 *
 * @public
 */
export interface WorkspaceKey {
  cluster: string;
  namespace: string;
  name: string;
}

const CLUSTER_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Formats a workspace key. Throws when a part would make the key ambiguous.
 *
 * @public
 */
export function formatWorkspaceKey(key: WorkspaceKey): string {
  const problem = describeKeyProblem(key);
  if (problem) {
    throw new TypeError(problem);
  }
  return `${key.cluster}/${key.namespace}/${key.name}`;
}

/**
 * Parses `<cluster>/<namespace>/<name>`; returns `undefined` for anything else.
 *
 * @public
 */
export function parseWorkspaceKey(text: string): WorkspaceKey | undefined {
  const parts = text.split('/');
  if (parts.length !== 3) {
    return undefined;
  }
  const [cluster, namespace, name] = parts;
  const key = { cluster, namespace, name };
  return describeKeyProblem(key) ? undefined : key;
}

function describeKeyProblem({ cluster, namespace, name }: WorkspaceKey): string | undefined {
  if (!CLUSTER_PATTERN.test(cluster)) {
    return `Invalid cluster name '${cluster}': use letters, digits, '.', '_' or '-' (at most 63)`;
  }
  if (!DNS_LABEL.test(namespace)) {
    return `Invalid namespace '${namespace}': must be a DNS-1123 label`;
  }
  if (!DNS_LABEL.test(name)) {
    return `Invalid workspace name '${name}': must be a DNS-1123 label`;
  }
  return undefined;
}
