import { HandlerContext } from '../HandlerContext';
import { sendJson } from '../respond';
import { readDeleteOptions } from './deleteOptions';

/** DELETE of one object: 200 once it is gone, 202 while finalizers or graceful termination hold it. @internal */
export async function handleDelete(ctx: HandlerContext): Promise<void> {
  const options = await readDeleteOptions(ctx);
  const { object, removed } = ctx.api.delete(ctx.scope, ctx.name!, options);
  sendJson(ctx.res, removed ? 200 : 202, object);
}
