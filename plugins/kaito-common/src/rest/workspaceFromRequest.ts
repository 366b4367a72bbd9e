import { Workspace } from '../api/workspace';
import { KaitoAnnotations, KaitoLabels } from '../labels';
import { CreateWorkspaceRequest } from './types';

const isAlphanumeric = (c: string) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
const isLabelChar = (c: string) => isAlphanumeric(c) || c === '.' || c === '_' || c === '-';

/**
 * A label value made from an entity ref (`group:default/ml-team` → `group-default-ml-team`).
 * One pass over the text that stops at 63 characters of output, no regex: an anchored
 * pattern such as `[^a-z0-9]+$` backtracks quadratically on a long run of dots followed
 * by a letter, and owners come from requests.
 *
 * @public
 */
export function toLabelValue(text: string): string {
  let value = '';
  let pendingSeparator = false;
  const take = (c: string) => {
    if (!isLabelChar(c)) {
      // A run of disallowed characters becomes one '-', and none at the start.
      pendingSeparator = value.length > 0;
    } else if (value.length > 0 || isAlphanumeric(c)) {
      if (pendingSeparator) value += '-';
      pendingSeparator = false;
      value += c;
    }
  };
  for (let i = 0; i < text.length && value.length < 63; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) take(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i]);
    // Lower-cased one character at a time, so a long input is never copied whole.
    else for (const c of text[i].toLowerCase()) take(c);
  }
  let end = Math.min(value.length, 63);
  while (end > 0 && !isAlphanumeric(value[end - 1])) end--;
  return value.slice(0, end);
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
