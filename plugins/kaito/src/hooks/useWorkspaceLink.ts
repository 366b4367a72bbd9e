import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';

/**
 * A function giving the workspaces page's link to one workspace, or
 * `undefined` when the app does not mount that page.
 *
 * @internal
 */
export function useWorkspaceLink(): ((key: string) => string) | undefined {
  let root: (() => string) | undefined;
  try {
    // Called on every render; the try only catches the legacy system's throw.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    root = useRouteRef(rootRouteRef);
  } catch {
    // The legacy system throws when the page is not mounted.
    root = undefined;
  }
  return root ? key => `${root!()}/${key}` : undefined;
}
