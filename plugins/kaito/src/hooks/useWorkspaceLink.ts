import { parseWorkspaceKey } from '@kaito-backstage/plugin-kaito-common';
import { rootRouteRef, workspaceRouteRef } from '../routes';
import { useOptionalRouteRef } from './useOptionalRouteRef';

/**
 * A function giving the workspaces page's link to one workspace, or
 * `undefined` when the app does not mount that page.
 *
 * @internal
 */
export function useWorkspaceLink(): ((key: string) => string) | undefined {
  const listRoute = useOptionalRouteRef(rootRouteRef);
  const workspaceRoute = useOptionalRouteRef(workspaceRouteRef);
  if (!listRoute || !workspaceRoute) {
    return undefined;
  }
  return key => {
    const ref = parseWorkspaceKey(key);
    // Keys come from the backend; one that does not parse gets the list instead.
    return ref ? workspaceRoute(ref) : listRoute();
  };
}
