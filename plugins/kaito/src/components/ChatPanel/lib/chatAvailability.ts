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
 * The models to offer: the base preset first, then adapters, as the
 * endpoint lists them (or the spec's adapters when it lists none).
 *
 * @internal
 */
export function chatModels(
  workspace: WorkspaceDetails,
): Array<{ value: string; label: string }> {
  const adapters = (workspace.workspace.inference?.adapters ?? [])
    .map(adapter => adapter.source.name)
    .filter((name): name is string => Boolean(name));
  const names = [
    ...new Set([
      ...(workspace.preset ? [workspace.preset] : []),
      ...(workspace.endpoint?.models ?? []),
      ...adapters,
    ]),
  ];
  if (names.length === 0) {
    return [{ value: '', label: 'Base model' }];
  }
  const labelOf = (name: string) => {
    if (name === workspace.preset) return `${name} (base model)`;
    if (adapters.includes(name)) return `${name} (adapter)`;
    return name;
  };
  return names.map(name => ({ value: name, label: labelOf(name) }));
}
