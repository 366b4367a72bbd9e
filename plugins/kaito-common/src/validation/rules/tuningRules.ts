import { Workspace } from '../../api/workspace';
import { findPreset } from '../../presets/findPreset';
import { MODEL_PRESETS } from '../../presets/presets';
import { Issue } from '../../schema/issue';
import { describeUnsafeDataUrl } from '../dataUrl';
import { imageReferenceIssue } from '../imageReferenceIssue';
import { error } from '../issues';
import { ValidationContext } from '../validationContext';
import { presetSupportRules } from './inferenceRules';
import { tuningConfigRules } from './tuningConfigRules';

/** Tuning method, preset, input and output rules. @internal */
export function tuningRules(workspace: Workspace, context: ValidationContext): Issue[] {
  const tuning = workspace.tuning;
  if (!tuning) {
    return [];
  }
  const issues: Issue[] = [...presetSupportRules('tuning.preset', tuning.preset.name, context)];
  const preset = findPreset(tuning.preset.name, { customPresets: context.catalog?.customPresets });
  if (preset && !preset.tuning) {
    issues.push(error('tuning.preset.name', `Preset ${preset.name} does not support tuning; models that do: ${tunablePresets(context)}`));
  }
  if ((workspace.resource.count ?? 1) > 1) {
    issues.push(error('resource.count', 'Tuning does not currently support multinode configurations; set count to 1'));
  }
  if (workspace.resource.partition) {
    issues.push(error('resource.partition', 'Tuning does not support GPU partitions'));
  }
  issues.push(...tuningConfigRules(workspace, context));

  const { input, output } = tuning;
  const inputKinds = [input.urls?.length ? 'urls' : '', input.volumeSource ? 'volumeSource' : '', input.image ? 'image' : ''].filter(Boolean);
  if (inputKinds.length !== 1) {
    issues.push(
      error('tuning.input', inputKinds.length ? `set exactly one of urls, volumeSource or image, not ${inputKinds.join(' and ')}` : 'set exactly one of urls, volumeSource or image'),
    );
  }
  (input.urls ?? []).forEach((url, index) => {
    const problem = describeUnsafeDataUrl(url);
    if (problem) {
      issues.push(error(`tuning.input.urls[${index}]`, problem));
    }
  });
  const inputIssue = input.image ? imageReferenceIssue('tuning.input.image', input.image, context) : undefined;
  if (inputIssue) issues.push(inputIssue);

  if (Boolean(output.image) === Boolean(output.volumeSource)) {
    issues.push(error('tuning.output', output.image ? 'set exactly one of image or volumeSource, not both' : 'set exactly one of image or volumeSource'));
  }
  if (output.image) {
    const outputIssue = imageReferenceIssue('tuning.output.image', output.image, context);
    if (outputIssue) issues.push(outputIssue);
    if (!output.imagePushSecret) {
      issues.push(error('tuning.output.imagePushSecret', 'an output image needs imagePushSecret: a docker-registry Secret allowed to push to the registry'));
    }
  }
  return issues;
}

function tunablePresets(context: ValidationContext): string {
  const names = [...(context.catalog?.customPresets ?? []), ...MODEL_PRESETS]
    .filter(preset => preset.tuning)
    .map(preset => preset.name);
  return [...new Set(names)].join(', ');
}
