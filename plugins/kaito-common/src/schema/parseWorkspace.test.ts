import { parseWorkspace } from './parseWorkspace';

const valid = {
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name: 'ws', namespace: 'team-a' },
  resource: {
    instanceType: 'Standard_NC24ads_A100_v4',
    labelSelector: { matchLabels: { apps: 'phi-4' } },
  },
  inference: { preset: { name: 'phi-4-mini-instruct' } },
};

function withChange(change: (ws: any) => void): unknown {
  const copy = structuredClone(valid) as any;
  change(copy);
  return copy;
}

describe('parseWorkspace', () => {
  it('accepts a minimal v1beta1 inference workspace without warnings', () => {
    expect(parseWorkspace(valid)).toEqual({ ok: true, workspace: valid, warnings: [] });
  });

  it('keeps status with conditions, workerNodes, state and targetNodeCount', () => {
    const status = {
      workerNodes: ['aks-ws1'],
      state: 'Ready',
      targetNodeCount: 1,
      conditions: [
        { type: 'ResourceReady', status: 'True', reason: 'workspaceResourceStatusSuccess', message: '', lastTransitionTime: '2026-01-01T00:00:00Z', observedGeneration: 1 },
      ],
    };
    const result = parseWorkspace({ ...valid, status });
    expect(result.ok && result.workspace.status).toEqual(status);
  });

  it.each([
    ['apiVersion', (ws: any) => (ws.apiVersion = 'kaito.sh/v2'), 'apiVersion must be kaito.sh/v1beta1 (or the older kaito.sh/v1alpha1)'],
    ['kind', (ws: any) => (ws.kind = 'Deployment'), 'kind must be Workspace'],
    ['metadata.name', (ws: any) => delete ws.metadata.name, 'metadata.name is required'],
    ['resource', (ws: any) => delete ws.resource, 'is required'],
    ['resource.labelSelector', (ws: any) => delete ws.resource.labelSelector, 'is required'],
    ['resource.labelSelector.matchLabels.a', (ws: any) => (ws.resource.labelSelector.matchLabels = { a: 1 }), 'must be a string (quote numbers and booleans)'],
    ['metadata.annotations', (ws: any) => (ws.metadata.annotations = ['x']), 'must be a map of keys to string values'],
    ['resource.count', (ws: any) => (ws.resource.count = 0), 'count must be at least 1'],
    ['resource.count', (ws: any) => (ws.resource.count = 1.5), 'count must be a whole number'],
    ['inference.preset.name', (ws: any) => (ws.inference.preset.name = ''), 'preset name must not be empty'],
    ['inference.adapters[0].strength', (ws: any) => (ws.inference.adapters = [{ source: { name: 'a', image: 'x' }, strength: 0.5 }]), 'strength must be a quoted string such as "0.5", not a number'],
    ['tuning.method', (ws: any) => (ws.tuning = { preset: { name: 'phi-4' }, method: 'full', input: {}, output: {} }), 'method must be "lora" or "qlora" (in any case)'],
  ])('reports %s: %s', (path, change, message) => {
    const result = parseWorkspace(withChange(change));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toContainEqual({ path, message, severity: 'error' });
  });

  it.each([['LoRA'], ['QLORA'], ['qlora']])('accepts the tuning method %s in any case, as written', method => {
    const result = parseWorkspace({ ...valid, inference: undefined, tuning: { preset: { name: 'phi-4' }, method, input: { urls: ['https://x.io/d'] }, output: { volumeSource: {} } } });
    expect(result.ok && result.workspace.tuning?.method).toBe(method);
  });

  describe('when Workspace fields are nested under spec', () => {
    it('says to move them to the top level', () => {
      const { resource, inference, ...rest } = valid;
      const result = parseWorkspace({ ...rest, spec: { resource, inference } });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.issues).toEqual(
        expect.arrayContaining([
          { path: 'spec.resource', message: "a Workspace has no spec: move 'resource' to the top level, beside metadata", severity: 'error' },
          { path: 'spec.inference', message: "a Workspace has no spec: move 'inference' to the top level, beside metadata", severity: 'error' },
        ]),
      );
    });
  });

  describe('when there are unknown fields', () => {
    it('drops them with one warning each, keeping schemaless template content', () => {
      const input = withChange(ws => {
        ws.resource.gpus = 2;
        ws.inference.replicas = 3;
        ws.inference.template = { spec: { containers: [{ name: 'c', image: 'i', extra: true }] } };
      });
      const result = parseWorkspace(input);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.warnings).toEqual([
        { path: 'resource.gpus', message: "unknown field 'gpus' is ignored by Kaito", severity: 'warning' },
        { path: 'inference.replicas', message: "unknown field 'replicas' is ignored by Kaito", severity: 'warning' },
      ]);
      expect(result.workspace.resource).not.toHaveProperty('gpus');
      expect(result.workspace.inference?.template).toEqual({ spec: { containers: [{ name: 'c', image: 'i', extra: true }] } });
    });
  });

  it.each([[null], ['text'], [42], [[]]])('rejects %j as a whole', input => {
    expect(parseWorkspace(input).ok).toBe(false);
  });
});
