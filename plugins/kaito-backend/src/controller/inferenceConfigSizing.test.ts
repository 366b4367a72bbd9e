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
    await harness.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other-key' }, data: { 'config.yaml': 'vllm: {}\n' } });
    await harness.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad-length' }, data: { 'inference_config.yaml': 'vllm:\n  max-model-len: 8k\n' } });
  });
  afterAll(() => harness?.stop());

  it.each([
    ['no config', undefined, 3],
    ['a config without max-model-len', 'no-length', 3],
    ['max-model-len 131072', 'long-context', 6],
  ])('with %s it takes %i nodes', async (_case, config, nodes) => {
    const name = `llama-${config ?? 'default'}`;
    await harness.apply(llama(name, config));
    const ws = await harness.waitForWorkspace(name, w => (w.status?.targetNodeCount ?? 0) > 0, 'sized');
    expect(ws.status?.targetNodeCount).toBe(nodes);
  });

  // Kaito v0.12's webhook refuses these at admission; the controller refuses them likewise and sizes nothing.
  it.each([
    ['does not exist', 'missing', "inference.config: ConfigMap 'missing' specified in 'config' not found in namespace 'default'"],
    ['has no inference_config.yaml', 'other-key', 'inference.config: missing field(s): inference_config.yaml in ConfigMap'],
    ['sets a max-model-len that is no integer', 'bad-length', 'inference.config: max-model-len must be an integer: strconv.Atoi: parsing "8k": invalid syntax'],
  ])('refuses a workspace whose inference ConfigMap %s', async (_case, config, message) => {
    const name = `llama-${config}`;
    await harness.apply(llama(name, config));
    const ws = await harness.waitForWorkspace(name, w => Boolean(w.status?.conditions?.some(c => c.reason === 'InvalidWorkspace')), 'refused');
    expect(ws.status?.conditions?.find(c => c.reason === 'InvalidWorkspace')?.message).toBe(message);
    expect(await harness.list('karpenter.sh/v1', 'NodeClaim', undefined, `kaito.sh/workspace=${name}`)).toHaveLength(0);
  });

  it.each([
    ['is not there', 'tune-missing', "tuning.config: Failed to evaluate validateConfigMap: ConfigMap 'tune-missing' specified in 'config' not found in namespace 'default'"],
    [
      'asks for no quantization with qlora',
      'tune-lora-only',
      "tuning.config: Failed to evaluate validateConfigMap: For method 'qlora', either 'load_in_4bit' or 'load_in_8bit' must be true in ConfigMap 'tune-lora-only'",
    ],
  ])('refuses a tuning workspace whose ConfigMap %s, as Kaito does', async (_case, config, message) => {
    await harness.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tune-lora-only' }, data: { 'training_config.yaml': 'training_config:\n  LoraConfig:\n    r: 8\n' } }).catch(() => undefined);
    const name = `phi-${config}`;
    await harness.apply({
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name, namespace: 'default' },
      resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: name } } },
      tuning: {
        preset: { name: 'phi-3-mini-128k-instruct' },
        method: 'qlora',
        config,
        input: { urls: ['https://huggingface.co/datasets/x/resolve/main/train.parquet'] },
        output: { image: 'myacr.azurecr.io/adapters/phi-3:0.0.1', imagePushSecret: 'acr-push' },
      },
    });
    const ws = await harness.waitForWorkspace(name, w => Boolean(w.status?.conditions?.some(c => c.reason === 'InvalidWorkspace')), 'refused');
    expect(ws.status?.conditions?.find(c => c.reason === 'InvalidWorkspace')?.message).toBe(message);
  });
});
