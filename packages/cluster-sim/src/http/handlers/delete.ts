import { HandlerContext } from '../HandlerContext';
import { sendJson } from '../respond';
import { readDeleteOptions } from './deleteOptions';

/**
 * DELETE of one object: 200 with the object, also while finalizers or graceful termination
 * hold it (it then carries deletionTimestamp). As on a real server, 202 is kept for the one
 * legacy case: the object stays and the client explicitly sent `orphanDependents: false`.
 * @internal
 */
export async function handleDelete(ctx: HandlerContext): Promise<void> {
  const options = await readDeleteOptions(ctx);
  const { object, removed } = ctx.api.delete(ctx.scope, ctx.name!, options);
  sendJson(ctx.res, !removed && (await sentOrphanDependentsFalse(ctx)) ? 202 : 200, object);
}

async function sentOrphanDependentsFalse(ctx: HandlerContext): Promise<boolean> {
  const body = ((await ctx.body()) ?? {}) as Record<string, unknown>;
  return body.orphanDependents === false || ctx.query.get('orphanDependents') === 'false';
}
