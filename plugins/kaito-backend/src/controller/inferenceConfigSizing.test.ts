import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

jest.setTimeout(60_000);

const llama = (name: string, config?: string): Workspace => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name, namespace: 'default' },
  resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: name } } },
  inference: { preset: { name: 'llama-3.3-70b-instruct', presetOptions: { modelAccessSecret: 'hf-token' } }, ...(config ? { config } : {}) },
});

// Kaito sizes the KV cache for the inference config's vllm.max-model-len (2048 tokens otherwise):
// llama-3.3-70b on 1 × A100 80 GB needs 3 nodes at 2048 tokens and 6 at 131072.
describe("the inference config's max-model-len sizes the workspace", () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await startControllerHarness();
    await harness.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'long-context' },
      data: { 'inference_config.yaml': 'vllm:\n  gpu-memory-utilization: 0.84\n  max-model-len: 131072\n' },
    });
    await harness.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'no-length' }, data: { 'inference_config.yaml': 'vllm:\n  swap-space: 4\n' } });
  });
  afterAll(() => harness?.stop());

  it.each([
    ['no config', undefined, 3],
    ['a config without max-model-len', 'no-length', 3],
    ['max-model-len 131072', 'long-context', 6],
    ['a config that does not exist (yet)', 'missing', 3],
  ])('with %s it takes %i nodes', async (_case, config, nodes) => {
    const name = `llama-${config ?? 'default'}`;
    await harness.apply(llama(name, config));
    const ws = await harness.waitForWorkspace(name, w => (w.status?.targetNodeCount ?? 0) > 0, 'sized');
    expect(ws.status?.targetNodeCount).toBe(nodes);
  });
});
