import { ApiError } from '../../errors';
import { HandlerContext } from '../HandlerContext';

/** Any verb on services/{name}[:port]/proxy/... or pods/{name}[:port]/proxy/... @internal */
export async function handleProxy(ctx: HandlerContext): Promise<void> {
  if (!ctx.proxy) throw new ApiError(503, 'ServiceUnavailable', 'proxying is not enabled in this simulator');
  const [name, port] = ctx.name!.split(':');
  const search = new URL(ctx.req.url ?? '/', 'http://x').search;
  await ctx.proxy(
    {
      kind: ctx.scope.type.plural === 'services' ? 'service' : 'pod',
      namespace: ctx.scope.namespace!,
      name,
      port: port || undefined,
      path: ctx.proxyPath ?? '/',
      search,
    },
    ctx.req,
    ctx.res,
  );
}
