import { Workspace } from '../api/workspace';
import { KaitoAnnotations } from '../labels';
import { InferenceRuntime } from '../presets/modelPreset';

/**
 * The runtime a workspace asks for: the `kaito.sh/runtime` annotation, default vLLM
 * (Kaito's default while the vLLM feature gate is on, as it is since v0.5).
 *
 * @public
 */
export function workspaceRuntime(workspace: Pick<Workspace, 'metadata'>): InferenceRuntime {
  const value = workspace.metadata.annotations?.[KaitoAnnotations.runtime];
  return value === 'transformers' ? 'transformers' : 'vllm';
}
