import { PatchType } from '../../api/ResourceApi';
import { validatePatchOptions } from '../../api/validation/writeRules';
import { unsupportedMediaType } from '../../errors';
import { storageKeyOf } from '../../registry/ResourceType';
import { admitUnknownFields } from '../fieldValidation';
import { fieldManagerOf, HandlerContext } from '../HandlerContext';
import { queryFlag, sendJson } from '../respond';

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

/** PATCH of one object (or its status), in any of the four patch formats. @internal */
export async function handlePatch(ctx: HandlerContext): Promise<void> {
  const contentType = String(ctx.req.headers['content-type'] ?? '').split(';')[0].trim();
  const patchType = PATCH_TYPES[contentType];
  if (!patchType) throw unsupportedMediaType(contentType);
  const patch = await ctx.body();
  validatePatchOptions(patchType, { fieldManager: ctx.query.get('fieldManager') ?? undefined, forceGiven: ctx.query.has('force') });
  // A JSON patch names paths, not fields; only merge-style bodies are checked field by field.
  if (patchType !== 'json') admitUnknownFields(ctx, patch, patchType === 'apply' ? 'apply' : 'patch');
  const fieldManager = patchType === 'apply' ? (ctx.query.get('fieldManager') ?? undefined) : fieldManagerOf(ctx);
  const existed = patchType !== 'apply' || ctx.api.store.peek(storageKeyOf(ctx.scope.type), ctx.scope.namespace, ctx.name!) !== undefined;
  const patched = ctx.api.patch(ctx.scope, ctx.name!, patchType, patch, {
    fieldManager,
    force: queryFlag(ctx.query, 'force'),
    dryRun: ctx.query.get('dryRun') === 'All',
  });
  // An apply that creates the object answers 201, as a create does.
  sendJson(ctx.res, existed ? 200 : 201, patched);
}
