import { ApiError, badRequest } from '../../errors';
import { KubeObject } from '../../types';
import { HandlerContext } from '../HandlerContext';
import { sendJson } from '../respond';

/** POST pods/{name}/binding: assigns a pod to a node, as a scheduler does. @internal */
export async function handleBinding(ctx: HandlerContext): Promise<void> {
  const binding = (await ctx.body()) as KubeObject;
  const nodeName = binding?.target?.name;
  if (!nodeName) throw badRequest('binding target name is required');
  const pod = ctx.api.get({ ...ctx.scope, subresource: undefined }, ctx.name!);
  if (pod.spec?.nodeName) {
    throw new ApiError(409, 'Conflict', `pod ${ctx.name} is already assigned to node "${pod.spec.nodeName}"`);
  }
  ctx.api.patch({ ...ctx.scope, subresource: undefined }, ctx.name!, 'merge', { spec: { nodeName } }, { fieldManager: 'binding' });
  sendJson(ctx.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
