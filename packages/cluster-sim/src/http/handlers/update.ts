import { KubeObject } from '../../types';
import { admitUnknownFields } from '../fieldValidation';
import { fieldManagerOf, HandlerContext } from '../HandlerContext';
import { sendJson } from '../respond';

/** PUT of one object (or its status). @internal */
export async function handleUpdate(ctx: HandlerContext): Promise<void> {
  const body = (await ctx.body()) as KubeObject;
  admitUnknownFields(ctx, body, 'object');
  const updated = ctx.api.update(ctx.scope, ctx.name!, body, {
    fieldManager: fieldManagerOf(ctx),
    dryRun: ctx.query.get('dryRun') === 'All',
  });
  sendJson(ctx.res, 200, updated);
}
