import type { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';

/**
 * Why chat is unavailable for the workspace now, or `undefined` when the
 * model can answer. Names the step the workspace is stuck at.
 *
 * @internal
 */
export function chatUnavailableReason(
  workspace: WorkspaceDetails,
): string | undefined {
  if (workspace.deleting) {
    return 'The workspace is being deleted.';
  }
  if (workspace.kind !== 'inference') {
    return 'Fine-tuning workspaces do not serve a model; deploy the tuned adapter to chat with it.';
  }
  if (workspace.state === 'Ready') {
    return undefined;
  }
  const step =
    workspace.steps.find(s => s.status === 'failed') ??
    workspace.steps.find(s => s.status === 'active');
  if (!step) {
    return `The model is not ready yet (state ${workspace.state}).`;
  }
  const detail = [step.reason, step.message].filter(Boolean).join(': ');
  const verb = step.status === 'failed' ? 'failed at' : 'is at';
  return `The model is not ready yet: provisioning ${verb} "${step.title}"${
    detail ? ` (${detail})` : ''
  }.`;
}

/**
 * The models to offer, base model first, then adapters: the names the model
 * server answers to, as the endpoint lists them (Kaito serves the lower-cased
 * Hugging Face repository name, e.g. `mistral-7b-instruct-v0.3` for the preset
 * `mistral-7b-instruct`, and each adapter under its own name). Without an
 * endpoint, the preset and the spec's adapters.
 *
 * @internal
 */
export function chatModels(
  workspace: WorkspaceDetails,
): Array<{ value: string; label: string }> {
  const specAdapters = (workspace.workspace.inference?.adapters ?? [])
    .map(adapter => adapter.source.name)
    .filter((name): name is string => Boolean(name));
  const [servedBase, ...servedAdapters] = workspace.endpoint?.models ?? [];
  const base = servedBase ?? workspace.preset;
  const adapters = [...new Set([...servedAdapters, ...specAdapters])];
  const options = [
    ...(base ? [{ value: base, label: `${base} (base model)` }] : []),
    ...adapters
      .filter(name => name !== base)
      .map(name => ({ value: name, label: `${name} (adapter)` })),
  ];
  return options.length ? options : [{ value: '', label: 'Base model' }];
}
