import { Workspace } from '../api/workspace';
import { inferenceWorkspace, tuningWorkspace } from './testWorkspaces';
import { validateWorkspaceUpdate } from './validateWorkspaceUpdate';

const azure = { cloud: 'azure' as const };

describe('validateWorkspaceUpdate', () => {
  it.each<[string, Workspace, Workspace]>([
    ['an unchanged workspace', inferenceWorkspace(), inferenceWorkspace()],
    ['new annotations', inferenceWorkspace(), inferenceWorkspace(ws => (ws.metadata.annotations = { 'backstage.kaito.sh/owner': 'group:default/a' }))],
    ['new adapters', inferenceWorkspace(), inferenceWorkspace(ws => (ws.inference!.adapters = [{ source: { name: 'a', image: 'x.io/a:1' } }]))],
    ['a changed template content', inferenceWorkspace(ws => (ws.inference = { template: { metadata: { labels: { a: '1' } } } })), inferenceWorkspace(ws => (ws.inference = { template: { metadata: { labels: { a: '2' } } } }))],
    ['the same selector with keys reordered', inferenceWorkspace(ws => (ws.resource.labelSelector.matchLabels = { a: '1', b: '2' })), inferenceWorkspace(ws => (ws.resource.labelSelector.matchLabels = { b: '2', a: '1' }))],
  ])('allows %s', (_name, previous, next) => {
    expect(validateWorkspaceUpdate(previous, next, azure)).toEqual({ ok: true, issues: [] });
  });

  it.each<[string, Workspace, Workspace, string, string]>([
    ['toggling inference off', inferenceWorkspace(), inferenceWorkspace(ws => {
      delete ws.inference;
      ws.tuning = tuningWorkspace().tuning;
    }), 'inference', 'Inference field cannot be toggled once set'],
    ['toggling tuning on', inferenceWorkspace(), inferenceWorkspace(ws => {
      delete ws.inference;
      ws.tuning = tuningWorkspace().tuning;
    }), 'tuning', 'Tuning field cannot be toggled once set'],
    ['changing the preset', inferenceWorkspace(), inferenceWorkspace(ws => (ws.inference!.preset!.name = 'phi-4')), 'inference.preset', 'field is immutable'],
    ['setting a template', inferenceWorkspace(ws => (ws.inference = { template: {} })), inferenceWorkspace(), 'inference.template', 'template cannot be set or unset once the workspace exists'],
    ['changing count', inferenceWorkspace(), inferenceWorkspace(ws => (ws.resource.count = 2)), 'resource.count', 'field is immutable'],
    ['changing the selector', inferenceWorkspace(), inferenceWorkspace(ws => (ws.resource.labelSelector.matchLabels = { apps: 'other' })), 'resource.labelSelector', 'field is immutable'],
    ['adding a partition', inferenceWorkspace(), inferenceWorkspace(ws => (ws.resource.partition = { mode: 'accelerator', count: 2 })), 'resource.partition', 'field is immutable'],
    ['changing the SKU', inferenceWorkspace(), inferenceWorkspace(ws => (ws.resource.instanceType = 'Standard_NC48ads_A100_v4')), 'resource.instanceType', 'field is immutable once set when node auto-provisioning is enabled; create a new workspace to change the SKU'],
    ['clearing the SKU with NAP', inferenceWorkspace(), inferenceWorkspace(ws => delete ws.resource.instanceType), 'resource.instanceType', 'field is immutable once set when node auto-provisioning is enabled; create a new workspace to change the SKU'],
    ['changing the tuning preset', tuningWorkspace(), tuningWorkspace(ws => (ws.tuning!.preset.name = 'phi-4')), 'tuning.preset', 'Preset cannot be changed'],
    ['changing the tuning method', tuningWorkspace(), tuningWorkspace(ws => (ws.tuning!.method = 'lora')), 'tuning.method', 'Method cannot be changed'],
    ['changing the input name', tuningWorkspace(), tuningWorkspace(ws => (ws.tuning!.input.name = 'other')), 'tuning.input.name', 'input name cannot be changed'],
    ['adding a bad adapter', inferenceWorkspace(), inferenceWorkspace(ws => (ws.inference!.adapters = [{ source: { name: 'a', image: 'x.io/a:1' }, strength: '7' }])), 'inference.adapters[0].strength', `strength '7' must be a number between 0 and 1, e.g. "0.5"`],
  ])('rejects %s', (_name, previous, next, path, message) => {
    const result = validateWorkspaceUpdate(previous, next, azure);
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual({ path, message, severity: 'error' });
  });

  // Kaito's webhook runs its runtime checks on create only: a workspace stored with strength "1.0"
  // (the default older CRDs wrote) can still be updated.
  it('lets a vLLM workspace whose adapter has a strength be updated', () => {
    const withStrength = (labels: Record<string, string>) =>
      inferenceWorkspace(ws => {
        ws.metadata.labels = labels;
        ws.inference!.adapters = [{ source: { name: 'a', image: 'x.io/a:1' }, strength: '1.0' }];
      });
    expect(validateWorkspaceUpdate(withStrength({}), withStrength({ team: 'ml' }), azure)).toEqual({ ok: true, issues: [] });
  });

  describe('in BYO mode', () => {
    it('lets instanceType be cleared', () => {
      const next = inferenceWorkspace(ws => delete ws.resource.instanceType);
      expect(validateWorkspaceUpdate(inferenceWorkspace(), next, { cloud: 'azure', nodeAutoProvisioning: false })).toEqual({ ok: true, issues: [] });
    });
  });
});
