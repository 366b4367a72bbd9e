import { DeleteOptions } from '../../api/ResourceApi';
import { HandlerContext } from '../HandlerContext';
import { queryInt } from '../respond';

/** DeleteOptions from the body and the query, as clients send them either way. @internal */
export async function readDeleteOptions(ctx: HandlerContext): Promise<DeleteOptions> {
  const body = ((await ctx.body()) ?? {}) as Record<string, any>;
  const dryRun = ctx.query.get('dryRun') ?? (Array.isArray(body.dryRun) ? body.dryRun[0] : undefined);
  const orphan = body.orphanDependents ?? (ctx.query.get('orphanDependents') === 'true' ? true : undefined);
  let legacyPolicy: DeleteOptions['propagationPolicy'];
  if (orphan !== undefined) legacyPolicy = orphan ? 'Orphan' : 'Background';
  return {
    propagationPolicy: (ctx.query.get('propagationPolicy') as DeleteOptions['propagationPolicy']) ?? body.propagationPolicy ?? legacyPolicy,
    gracePeriodSeconds: queryInt(ctx.query, 'gracePeriodSeconds') ?? body.gracePeriodSeconds,
    preconditions: body.preconditions,
    dryRun: dryRun === 'All',
  };
}
