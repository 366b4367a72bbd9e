import { apiVersionOf } from '../../registry/ResourceType';
import { HandlerContext } from '../HandlerContext';
import { sendJson } from '../respond';
import { readDeleteOptions } from './deleteOptions';

/** DELETE of a collection, filtered by selectors. @internal */
export async function handleDeleteCollection(ctx: HandlerContext): Promise<void> {
  const options = await readDeleteOptions(ctx);
  const deleted = ctx.api.deleteCollection(
    ctx.scope,
    { labelSelector: ctx.query.get('labelSelector') ?? undefined, fieldSelector: ctx.query.get('fieldSelector') ?? undefined },
    options,
  );
  sendJson(ctx.res, 200, {
    kind: ctx.scope.type.listKind,
    apiVersion: apiVersionOf(ctx.scope.type.group, ctx.scope.version),
    metadata: { resourceVersion: String(ctx.api.store.resourceVersion) },
    items: deleted,
  });
}
