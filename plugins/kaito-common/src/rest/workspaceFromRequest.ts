import { Workspace } from '../api/workspace';
import { KaitoAnnotations, KaitoLabels } from '../labels';
import { CreateWorkspaceRequest } from './types';

/** A label value made from an entity ref (`group:default/ml-team` → `group-default-ml-team`). @public */
export function toLabelValue(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
}

/**
 * The Workspace object a portal request asks for: `kaito.sh/v1beta1`, with
 * the owner, requester and served entity as `backstage.kaito.sh/` annotations
 * (entity refs do not fit in label values) and a selectable owner label.
 *
 * @public
 */
export function workspaceFromRequest(
  request: CreateWorkspaceRequest,
  requestedBy?: string,
): Workspace {
  const annotations: Record<string, string> = { [KaitoAnnotations.backstageOwner]: request.owner };
  if (requestedBy) annotations[KaitoAnnotations.backstageRequestedBy] = requestedBy;
  if (request.entityRef) annotations[KaitoAnnotations.backstageEntityRef] = request.entityRef;
  if (request.runtime) annotations[KaitoAnnotations.runtime] = request.runtime;
  const matchLabels = { ...request.nodeSelector };
  if (Object.keys(matchLabels).length === 0) matchLabels.apps = request.name;
  const preset = {
    name: request.preset,
    ...(request.modelAccessSecret ? { presetOptions: { modelAccessSecret: request.modelAccessSecret } } : {}),
  };
  const workspace: Workspace = {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: {
      name: request.name,
      namespace: request.namespace,
      labels: { [KaitoLabels.backstageOwner]: toLabelValue(request.owner) },
      annotations,
    },
    resource: {
      ...(request.instanceType ? { instanceType: request.instanceType } : {}),
      ...(request.count && request.count > 1 ? { count: request.count } : {}),
      labelSelector: { matchLabels },
    },
  };
  if (request.tuning) {
    const { method, inputUrls, inputImage, outputImage, outputImagePushSecret, config } = request.tuning;
    workspace.tuning = {
      preset,
      method,
      ...(config ? { config } : {}),
      input: inputImage ? { image: inputImage } : { urls: inputUrls ?? [] },
      output: { image: outputImage, imagePushSecret: outputImagePushSecret },
    };
  } else {
    workspace.inference = {
      preset,
      ...(request.inferenceConfig ? { config: request.inferenceConfig } : {}),
      ...(request.adapters?.length
        ? {
            adapters: request.adapters.map(a => ({
              source: {
                name: a.name,
                image: a.image,
                ...(a.imagePullSecrets?.length ? { imagePullSecrets: a.imagePullSecrets } : {}),
              },
              ...(a.strength ? { strength: a.strength } : {}),
            })),
          }
        : {}),
    };
  }
  return workspace;
}
