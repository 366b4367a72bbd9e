import { storageKeyOf } from '../../registry/ResourceType';
import { apiVersionOf } from '../../registry/ResourceType';
import { toTable } from '../../table/toTable';
import { HandlerContext, wantsTable } from '../HandlerContext';
import { queryInt, sendJson } from '../respond';

/** GET of a collection. @internal */
export function handleList(ctx: HandlerContext): void {
  const result = ctx.api.list(ctx.scope, {
    labelSelector: ctx.query.get('labelSelector') ?? undefined,
    fieldSelector: ctx.query.get('fieldSelector') ?? undefined,
    limit: queryInt(ctx.query, 'limit'),
    continue: ctx.query.get('continue') ?? undefined,
  });
  const metadata: Record<string, unknown> = { resourceVersion: result.resourceVersion };
  if (result.continue) {
    metadata.continue = result.continue;
    metadata.remainingItemCount = result.remainingItemCount;
  }
  if (wantsTable(ctx)) {
    const include = (ctx.query.get('includeObject') as 'None' | 'Metadata' | 'Object') ?? 'Metadata';
    sendJson(ctx.res, 200, toTable(ctx.scope.type, ctx.scope.version, storageKeyOf(ctx.scope.type), result.items, metadata, ctx.clock.now(), include));
    return;
  }
  // Items in a list carry no apiVersion/kind of their own on a real server.
  const items = result.items.map(({ apiVersion, kind, ...rest }) => {
    void apiVersion;
    void kind;
    return rest;
  });
  sendJson(ctx.res, 200, {
    kind: ctx.scope.type.listKind,
    apiVersion: apiVersionOf(ctx.scope.type.group, ctx.scope.version),
    metadata,
    items,
  });
}
