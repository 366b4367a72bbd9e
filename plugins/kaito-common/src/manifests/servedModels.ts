import { Workspace } from '../api/workspace';
import { findPreset } from '../presets/findPreset';
import { ModelPreset } from '../presets/modelPreset';
import { workspaceServedModelName } from './inferenceCommand';

/**
 * The model names a workspace's server answers to, base model first: the served model
 * name (the InferenceSet's name, else the lower-cased Hugging Face repository name, e.g.
 * `mistral-7b-instruct-v0.3` for the preset `mistral-7b-instruct`), then one per adapter,
 * since vLLM serves each LoRA adapter under its name. A template workspace serves whatever
 * its image does; it is named after the workspace.
 *
 * @public
 */
export function workspaceServedModels(workspace: Workspace, customPresets?: readonly ModelPreset[]): string[] {
  const inference = workspace.inference;
  if (!inference) {
    return [];
  }
  const presetName = inference.preset?.name;
  const base = presetName
    ? workspaceServedModelName({ workspace, preset: findPreset(presetName, { customPresets }) })
    : workspace.metadata.name;
  const adapters = (inference.adapters ?? []).map(adapter => adapter.source.name).filter((name): name is string => Boolean(name));
  return [base, ...adapters];
}
