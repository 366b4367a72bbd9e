import { Workspace } from '../api/workspace';
import { applyWorkspaceUpdate } from './applyWorkspaceUpdate';
import { parseUpdateWorkspaceRequest } from './requestSchemas';

const current: Workspace = {
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: {
    name: 'phi',
    namespace: 'team-ml',
    uid: 'u1',
    resourceVersion: '7',
    finalizers: ['workspace.finalizer.kaito.sh'],
    labels: { 'backstage.kaito.sh/owner': 'group.default.ml-team' },
    annotations: {
      'backstage.kaito.sh/owner': 'group:default/ml-team',
      'workspace.kaito.io/revision': '1',
      'workspace.kaito.io/hash': 'abc',
    },
  },
  resource: { instanceType: 'Standard_NV36ads_A10_v5', labelSelector: { matchLabels: { apps: 'phi' } } },
  inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
  status: { state: 'Failed' },
};

describe('applyWorkspaceUpdate', () => {
  it('replaces the workspace for a new instance type, keeping owner metadata and dropping controller bookkeeping', () => {
    const { next, mode, changes, errors } = applyWorkspaceUpdate(current, { instanceType: 'Standard_NC24ads_A100_v4' });
    expect(errors).toEqual([]);
    expect(mode).toBe('replace');
    expect(changes).toEqual(['resource.instanceType: Standard_NV36ads_A10_v5 → Standard_NC24ads_A100_v4']);
    expect(next.resource.instanceType).toBe('Standard_NC24ads_A100_v4');
    expect(next.status).toBeUndefined();
    expect(next.metadata).toEqual({
      name: 'phi',
      namespace: 'team-ml',
      labels: { 'backstage.kaito.sh/owner': 'group.default.ml-team' },
      annotations: { 'backstage.kaito.sh/owner': 'group:default/ml-team' },
    });
  });

  it('changes adapters and the inference config in place', () => {
    const withConfig = { ...current, inference: { ...current.inference!, config: 'old-config' } };
    const { next, mode, changes } = applyWorkspaceUpdate(withConfig, {
      adapters: [{ name: 'support', image: 'registry.example.com/support:1' }],
      inferenceConfig: null,
    });
    expect(mode).toBe('in-place');
    expect(changes).toEqual(['inference.adapters: (none) → support', 'inference.config: old-config → (none)']);
    expect(next.inference?.adapters).toEqual([{ source: { name: 'support', image: 'registry.example.com/support:1' } }]);
    expect(next.inference?.config).toBeUndefined();
    expect(next.metadata.resourceVersion).toBe('7');
  });

  it('reports no change when the values are the same', () => {
    expect(applyWorkspaceUpdate(current, { instanceType: 'Standard_NV36ads_A10_v5' }).changes).toEqual([]);
  });

  it('refuses adapters on a tuning workspace and an instance type on bring-your-own nodes', () => {
    const tuning: Workspace = { ...current, inference: undefined, tuning: { preset: { name: 'phi-3-mini-4k-instruct' }, method: 'qlora', input: { urls: [] }, output: { image: 'r/x:1', imagePushSecret: 's' } } };
    expect(applyWorkspaceUpdate(tuning, { adapters: [] }).errors).toHaveLength(1);
    const byo = { ...current, resource: { labelSelector: { matchLabels: { pool: 'gpu' } } } };
    expect(applyWorkspaceUpdate(byo, { instanceType: 'Standard_NC24ads_A100_v4' }).errors[0]).toMatch(/bring-your-own/);
  });
});

describe('parseUpdateWorkspaceRequest', () => {
  it('accepts the allowed fields and refuses others or an empty change', () => {
    expect(parseUpdateWorkspaceRequest({ instanceType: 'Standard_NC24ads_A100_v4', dryRun: true }).ok).toBe(true);
    expect(parseUpdateWorkspaceRequest({ inferenceConfig: null }).ok).toBe(true);
    const unknown = parseUpdateWorkspaceRequest({ preset: 'llama-3.1-8b-instruct' });
    expect(unknown.ok).toBe(false);
    const empty = parseUpdateWorkspaceRequest({ dryRun: true });
    expect(empty).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('nothing to change') }] });
  });
});
