import { KubeObject } from '../../types';
import { ApiError, badRequest, invalid, methodNotAllowed, unsupportedMediaType } from '../../errors';
import { applyPatch as applyJsonPatch } from 'fast-json-patch';
import { jsonPatchOperations } from '../../api/jsonPatchOperations';
import { applyMergePatch } from '../../api/mergePatch';
import { admitPatchedObject, admitUnknownFields, scaleTarget } from '../fieldValidation';
import { HandlerContext, fieldManagerOf } from '../HandlerContext';
import { ApiVerb } from '../../faults';
import { sendJson } from '../respond';

/** `.spec.replicas` → ['spec', 'replicas']; the simulator serves only plain dotted paths, as CRDs use. */
function pathOf(jsonPath: string): string[] {
  if (!/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(jsonPath)) {
    throw new ApiError(500, 'InternalError', `the simulator serves scale paths of plain fields only, not ${jsonPath}`);
  }
  return jsonPath.slice(1).split('.');
}

function read(object: unknown, path: string[]): unknown {
  return path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), object);
}

/** The object's autoscaling/v1 Scale, from the CRD's scale paths. */
function scaleOf(ctx: HandlerContext, object: KubeObject): KubeObject {
  const paths = ctx.scope.type.crd!.scale!;
  const selector = paths.labelSelectorPath ? read(object, pathOf(paths.labelSelectorPath)) : undefined;
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: Number(read(object, pathOf(paths.specReplicasPath)) ?? 0) },
    status: { replicas: Number(read(object, pathOf(paths.statusReplicasPath)) ?? 0), ...(typeof selector === 'string' ? { selector } : {}) },
  } as KubeObject;
}

/** Writes `replicas` at the spec path of the custom resource, guarded by the Scale's resourceVersion when it has one. */
function writeReplicas(ctx: HandlerContext, replicas: unknown, resourceVersion: string | undefined): KubeObject {
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    throw invalid({ group: 'autoscaling', resource: 'scale', kind: 'Scale', name: ctx.name! }, [
      { reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas)}: must be an integer` },
    ]);
  }
  if (replicas < 0) {
    throw invalid({ group: 'autoscaling', resource: 'scale', kind: 'Scale', name: ctx.name! }, [
      { reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0` },
    ]);
  }
  const path = pathOf(ctx.scope.type.crd!.scale!.specReplicasPath);
  const patch: Record<string, unknown> = {};
  path.reduce<Record<string, unknown>>((at, key, i) => (at[key] = i === path.length - 1 ? replicas : {}) as Record<string, unknown>, patch);
  if (resourceVersion) patch.metadata = { resourceVersion };
  const main = { ...ctx.scope, subresource: undefined };
  return ctx.api.patch(main, ctx.name!, 'merge', patch, { fieldManager: fieldManagerOf(ctx), dryRun: ctx.query.get('dryRun') === 'All' });
}

/**
 * The scale subresource of a custom resource whose CRD declares one, as kube-apiserver
 * serves it: GET answers an autoscaling/v1 Scale read from the CRD's paths; PUT and
 * merge or JSON PATCH of the Scale write `spec.replicas` back (negative counts refused
 * with 422, a stale resourceVersion with 409). Server-side apply of a Scale is refused
 * (415): the simulator does not track its managed fields.
 *
 * @internal
 */
export async function handleScale(ctx: HandlerContext, verb: ApiVerb): Promise<void> {
  const main = { ...ctx.scope, subresource: undefined };
  const current = scaleOf(ctx, ctx.api.get(main, ctx.name!));
  if (verb === 'get') return sendJson(ctx.res, 200, current);
  let next: KubeObject;
  if (verb === 'update') {
    next = (await ctx.body()) as KubeObject;
    if (next?.kind !== 'Scale') throw badRequest(`the body of a scale update must be a Scale, not ${next?.kind ?? 'nothing'}`);
    admitUnknownFields(ctx, next, 'object', scaleTarget());
  } else if (verb === 'patch') {
    const contentType = String(ctx.req.headers['content-type'] ?? '').split(';')[0].trim();
    const patch = await ctx.body();
    if (contentType === 'application/merge-patch+json') {
      next = applyMergePatch(current, patch) as KubeObject;
      admitPatchedObject(ctx, 'merge', patch, next, scaleTarget());
    } else if (contentType === 'application/json-patch+json') {
      const operations = jsonPatchOperations(patch);
      try {
        next = applyJsonPatch(structuredClone(current), operations, true, true).newDocument as KubeObject;
      } catch (error) {
        throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: ${(error as Error).message.split('\n')[0]}`);
      }
      admitPatchedObject(ctx, 'json', patch, next, scaleTarget());
    } else throw unsupportedMediaType(contentType);
  } else {
    throw methodNotAllowed();
  }
  const written = writeReplicas(ctx, next.spec?.replicas, next.metadata?.resourceVersion);
  return sendJson(ctx.res, 200, scaleOf(ctx, written));
}
