import { RequestScope } from '../../api/ResourceApi';
import { storageKeyOf } from '../../registry/ResourceType';
import { KubeObject } from '../../types';
import { HandlerContext } from '../HandlerContext';
import { sendJson } from '../respond';
import { readDeleteOptions } from './deleteOptions';

/** Built-in kinds whose storage answers an immediate delete with the object (ReturnDeletedObject); custom resources do too. */
const RETURNS_DELETED_OBJECT = new Set(['pods', 'services', 'namespaces']);

/**
 * DELETE of one object: 200 with the object while finalizers or graceful termination hold it
 * (it then carries deletionTimestamp). Once it is gone, the kinds that return the deleted object
 * do so; the rest answer a Success Status naming it. As on a real server, 202 is kept for the one
 * legacy case: the object stays and the client explicitly sent `orphanDependents: false`.
 * @internal
 */
export async function handleDelete(ctx: HandlerContext): Promise<void> {
  const options = await readDeleteOptions(ctx);
  const { object, removed } = ctx.api.delete(ctx.scope, ctx.name!, options);
  if (removed) {
    sendJson(ctx.res, 200, returnsDeletedObject(ctx.scope) ? object : deletedStatus(ctx.scope, object));
    return;
  }
  sendJson(ctx.res, (await sentOrphanDependentsFalse(ctx)) ? 202 : 200, object);
}

function returnsDeletedObject(scope: RequestScope): boolean {
  return Boolean(scope.type.crd) || RETURNS_DELETED_OBJECT.has(storageKeyOf(scope.type));
}

function deletedStatus(scope: RequestScope, object: KubeObject) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: object.metadata.name, group: scope.type.group, kind: scope.type.plural, uid: object.metadata.uid },
  };
}

async function sentOrphanDependentsFalse(ctx: HandlerContext): Promise<boolean> {
  const body = ((await ctx.body()) ?? {}) as Record<string, unknown>;
  return body.orphanDependents === false || ctx.query.get('orphanDependents') === 'false';
}
