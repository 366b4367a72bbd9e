import type { CreateWorkspaceRequest } from '@kaito-backstage/plugin-kaito-common';
import { readFormField } from '../readFormField';
import type { KaitoGpuShapePickerUiOptions } from './KaitoGpuShapePicker';

/** What the GPU shape field reads from the rest of the form. @internal */
export interface ShapeFormContext {
  preset?: string;
  cluster: string;
  /** The owner the form names; the user's first group stands in until it does. */
  owner?: string;
  /** `tuning` sizes with the preset's tuning memory; `undefined` is inference. */
  purpose?: 'tuning';
}

/** The preset, cluster and owner named by `ui:options`, from all steps' values. @internal */
export function shapeFormContext(
  formData: unknown,
  options: KaitoGpuShapePickerUiOptions = {},
): ShapeFormContext {
  const form = { formData };
  return {
    preset: readFormField(form, options.presetField ?? 'preset'),
    cluster:
      readFormField(form, options.clusterField ?? 'cluster') ??
      options.cluster ??
      'local',
    owner: readFormField(form, options.ownerField ?? 'owner'),
    ...(options.purpose === 'tuning' ? { purpose: 'tuning' as const } : {}),
  };
}

/**
 * The create request the form will lead to, for the backend's dry run, or
 * `undefined` until the form has a name. Reads the fields the Deploy LLM
 * and Fine-tune LLM templates pass to their actions; a form with an
 * `outputImage` asks for tuning.
 *
 * @internal
 */
export function dryRunRequest(
  formData: unknown,
  context: Omit<ShapeFormContext, 'purpose'> & { owner: string; instanceType: string },
  options: KaitoGpuShapePickerUiOptions = {},
): CreateWorkspaceRequest | undefined {
  const form = { formData };
  const field = (name: string) => readFormField(form, name);
  const name = field(options.nameField ?? 'name');
  if (!name || !context.preset) {
    return undefined;
  }
  const outputImage = field('outputImage');
  const inputUrls = (formData as { inputUrls?: unknown } | undefined)?.inputUrls;
  const request: CreateWorkspaceRequest = {
    cluster: context.cluster,
    namespace: field(options.namespaceField ?? 'namespace') ?? 'default',
    name,
    preset: context.preset,
    instanceType: context.instanceType,
    owner: context.owner,
    dryRun: true,
  };
  const secret = field(options.modelAccessSecretField ?? 'modelAccessSecret');
  if (secret) {
    request.modelAccessSecret = secret;
  }
  if (outputImage) {
    request.tuning = {
      method: field('method') === 'lora' ? 'lora' : 'qlora',
      inputUrls: Array.isArray(inputUrls)
        ? inputUrls.filter((url): url is string => typeof url === 'string' && url.trim() !== '')
        : undefined,
      outputImage,
      outputImagePushSecret: field('outputImagePushSecret') ?? '',
    };
  }
  return request;
}

/** Form titles of the request paths the backend names in its refusals. */
const FIELD_TITLES: Array<[RegExp, string]> = [
  [/^(metadata\.)?name$/, 'Workspace name'],
  [/^(metadata\.)?namespace$/, 'Namespace'],
  [/^tuning\.input\.urls(\[\d+\])?$|^tuning\.inputUrls/, 'Dataset URLs'],
  [/modelAccessSecret$/, 'Model access secret'],
  [/^tuning\.(outputImagePushSecret|output\.imagePushSecret)$/, 'Push secret'],
  [/^tuning\.output/, 'Adapter image'],
  [/^owner$/, 'Owner'],
  [/^resource\.instanceType$/, 'GPU instance type'],
];

/**
 * The backend's refusal in the form's words: each `path: message` of an
 * invalid request under the title of the form field it is about.
 *
 * @internal
 */
export function describeRefusal(message: string): string[] {
  const invalid = /^The workspace request is invalid: (.*)$/s.exec(message);
  // Issues are joined by '; ', which messages use too: split only where a path follows.
  const parts = invalid ? invalid[1].split(/; (?=[\w.[\]"/-]+: )/) : [message];
  return parts.map(part => {
    const match = /^([\w.[\]"/-]+): (.*)$/s.exec(part);
    if (!match) {
      return part;
    }
    const title = FIELD_TITLES.find(([path]) => path.test(match[1]))?.[1];
    return title ? `${title}: ${match[2]}` : part;
  });
}
