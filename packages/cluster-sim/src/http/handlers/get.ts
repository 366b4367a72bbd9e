import { storageKeyOf } from '../../registry/ResourceType';
import { toTable } from '../../table/toTable';
import { HandlerContext, wantsTable } from '../HandlerContext';
import { sendJson } from '../respond';

/** GET of one object (or its status). @internal */
export function handleGet(ctx: HandlerContext): void {
  const object = ctx.api.get(ctx.scope, ctx.name!);
  if (wantsTable(ctx)) {
    const include = (ctx.query.get('includeObject') as 'None' | 'Metadata' | 'Object') ?? 'Metadata';
    sendJson(
      ctx.res,
      200,
      toTable(ctx.scope.type, ctx.scope.version, storageKeyOf(ctx.scope.type), [object], { resourceVersion: object.metadata.resourceVersion }, ctx.clock.now(), include),
    );
    return;
  }
  sendJson(ctx.res, 200, object);
}
