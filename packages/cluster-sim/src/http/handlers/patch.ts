import { PatchType } from '../../api/ResourceApi';
import { validatePatchOptions } from '../../api/validation/writeRules';
import { unsupportedMediaType } from '../../errors';
import { storageKeyOf } from '../../registry/ResourceType';
import { admitPatchedObject, admitUnknownFields } from '../fieldValidation';
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
  validatePatchOptions(patchType, {
    fieldManager: ctx.query.get('fieldManager') ?? undefined,
    forceGiven: ctx.query.has('force'),
    fieldValidation: ctx.query.get('fieldValidation') ?? undefined,
  });
  // An apply configuration is checked as written; the other formats by the object they produce.
  if (patchType === 'apply') admitUnknownFields(ctx, patch, 'apply');
  const fieldManager = patchType === 'apply' ? (ctx.query.get('fieldManager') ?? undefined) : fieldManagerOf(ctx);
  const existed = patchType !== 'apply' || ctx.api.store.peek(storageKeyOf(ctx.scope.type), ctx.scope.namespace, ctx.name!) !== undefined;
  const patched = ctx.api.patch(ctx.scope, ctx.name!, patchType, patch, {
    fieldManager,
    force: queryFlag(ctx.query, 'force'),
    dryRun: ctx.query.get('dryRun') === 'All',
    decodePatched: patchType === 'apply' ? undefined : result => admitPatchedObject(ctx, patchType, patch, result),
  });
  // An apply that creates the object answers 201, as a create does.
  sendJson(ctx.res, existed ? 200 : 201, patched);
}
