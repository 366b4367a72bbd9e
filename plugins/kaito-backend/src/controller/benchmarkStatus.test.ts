import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

jest.setTimeout(30_000);

const phi = (name: string, annotations: Record<string, string> = {}): Workspace => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name, namespace: 'default', annotations },
  resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: name } } },
  inference: { preset: { name: 'phi-4-mini-instruct' } },
});

const benchmark = (ws: Workspace | undefined) => ws?.status?.conditions?.find(c => c.type === 'BenchmarkCompleted');

describe("Kaito v0.12's post-load benchmark in the workspace status", () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    // The simulated model server takes 20 ms a token, so its benchmark reports 3000 tokens a minute.
    harness = await startControllerHarness({ simulator: { behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 }, jobs: { durationMs: 0 }, modelServer: { tokenDelayMs: 20 } } } });
  });
  afterAll(() => harness?.stop());

  it("records the leader's result as status.performance with BenchmarkCompleted and the engine's version, once", async () => {
    await harness.apply(phi('bench-phi'));
    const ws = await harness.waitForWorkspace('bench-phi', w => benchmark(w)?.status === 'True', 'benchmarked');
    expect(ws.status?.state).toBe('Ready');
    expect(benchmark(ws)).toMatchObject({ reason: 'BenchmarkCompleted', message: 'benchmark result has been recorded' });
    expect(ws.status?.performance).toEqual({
      metrics: {
        peakTokensPerMinute: { description: 'stress/high-concurrency', value: '3000', unit: 'tokens/min', config: { engine: 'vllm', engineVersion: '0.25.1', quantization: '' } },
      },
    });
  });

  it('records nothing when the workspace turns the benchmark off', async () => {
    await harness.apply(phi('bench-off', { 'kaito.sh/disable-benchmark': 'true' }));
    const ws = await harness.waitForWorkspace('bench-off', w => w.status?.state === 'Ready', 'Ready');
    await new Promise(resolve => setTimeout(resolve, 200));
    const later = await harness.getWorkspace('bench-off');
    expect(benchmark(later ?? ws)).toBeUndefined();
    expect((later ?? ws).status?.performance).toBeUndefined();
  });
});
