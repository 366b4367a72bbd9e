import type { WorkspaceKey } from './keys';

/**
 * Where the app mounts the LLM workspaces page unless `kaito.portal.workspacesPath` says
 * otherwise: the default path of the plugin's page.
 *
 * @public
 */
export const DEFAULT_WORKSPACES_PATH = '/kaito';

/**
 * Why a `kaito.portal.workspacesPath` value cannot be the app path of the LLM workspaces page,
 * or undefined when it can: an absolute path such as `/kaito` or `/ai/llm` (no scheme or host, no
 * query or fragment, no `.` or `..` segment, no trailing slash). Links built by the backend
 * (scaffolder outputs, notifications, catalog entities) start with it.
 *
 * @public
 */
export function workspacesPathProblem(path: string): string | undefined {
  if (!path.startsWith('/') || path.startsWith('//')) {
    return `'${path}' is not an app path; write the path the app mounts the LLM workspaces page at, starting with one '/', e.g. /kaito or /ai/llm`;
  }
  if (/[?#\s\\]/.test(path)) return `'${path}' has a query, a fragment, a space or a backslash; give the page's path only`;
  if (path.length > 1 && path.endsWith('/')) return `'${path}' ends with '/'; write it without, e.g. ${path.replace(/\/+$/, '') || '/'}`;
  if (path.split('/').some(segment => segment === '.' || segment === '..')) return `'${path}' has a '.' or '..' segment`;
  return undefined;
}

/**
 * `kaito.portal.workspacesPath` of the root config, checked; `/kaito` when unset. Throws an error
 * naming the key and the fix when the value is not a page path.
 *
 * @public
 */
export function readWorkspacesPath(rootConfig: { getOptionalString(key: string): string | undefined }): string {
  const path = rootConfig.getOptionalString('kaito.portal.workspacesPath') ?? DEFAULT_WORKSPACES_PATH;
  const problem = workspacesPathProblem(path);
  if (problem) throw new TypeError(`kaito.portal.workspacesPath: ${problem}`);
  return path;
}

const join = (workspacesPath: string, rest: string) => (workspacesPath === '/' ? `/${rest}` : `${workspacesPath}/${rest}`);

/**
 * The app path of one workspace's page under the LLM workspaces page:
 * `<workspacesPath>/<cluster>/<namespace>/<name>`, each part URL-encoded.
 *
 * @public
 */
export function workspacePagePath(workspacesPath: string, key: WorkspaceKey): string {
  return join(workspacesPath, [key.cluster, key.namespace, key.name].map(encodeURIComponent).join('/'));
}

/**
 * The app path of the LLM workspaces page searching for `text` (its `q` filter).
 *
 * @public
 */
export function workspacesSearchPath(workspacesPath: string, text: string): string {
  return `${workspacesPath}?q=${encodeURIComponent(text)}`;
}
