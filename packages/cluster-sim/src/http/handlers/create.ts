import { KubeObject } from '../../types';
import { admitUnknownFields } from '../fieldValidation';
import { fieldManagerOf, HandlerContext } from '../HandlerContext';
import { sendJson } from '../respond';

/** POST to a collection. @internal */
export async function handleCreate(ctx: HandlerContext): Promise<void> {
  const body = (await ctx.body()) as KubeObject;
  admitUnknownFields(ctx, body, 'object');
  const created = ctx.api.create(ctx.scope, body, {
    fieldManager: fieldManagerOf(ctx),
    dryRun: ctx.query.get('dryRun') === 'All',
  });
  sendJson(ctx.res, 201, created);
}
