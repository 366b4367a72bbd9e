import {
  AnyParams,
  ExternalRouteRef,
  RouteFunc,
  RouteRef,
  SubRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';

/**
 * `useRouteRef`, but `undefined` instead of a throw when the app mounts no
 * page for the route (the legacy system throws; the new one returns
 * `undefined`), so a link can fall back to plain text.
 *
 * @internal
 */
export function useOptionalRouteRef<Params extends AnyParams>(
  routeRef:
    | RouteRef<Params>
    | SubRouteRef<Params>
    | ExternalRouteRef<Params, boolean>,
): RouteFunc<Params> | undefined {
  try {
    // Called on every render in the same order; the try only catches the throw.
    return useRouteRef(routeRef as RouteRef<Params>);
  } catch {
    return undefined;
  }
}
