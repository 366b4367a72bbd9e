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

  it('upgrades an older base image when the workspace is labelled for the deployed tag, and benchmarks again', async () => {
    const name = 'bench-upgrade';
    await harness.apply(phi(name));
    const first = benchmark(await harness.waitForWorkspace(name, w => benchmark(w)?.status === 'True', 'benchmarked'));
    const statefulSet = async () => ((await harness.list('apps/v1', 'StatefulSet', 'default', `kaito.sh/workspace=${name}`)) as any[])[0];
    const mergePatch = (object: object) =>
      harness.objects.patch(object as any, undefined, undefined, undefined, undefined, 'application/merge-patch+json' as any);
    // As if an older Kaito had made it: its base image is left alone without the label.
    const sts = await statefulSet();
    const image = sts.spec.template.spec.containers[0].image;
    const containers = sts.spec.template.spec.containers.map((c: any, i: number) => (i === 0 ? { ...c, image: image.replace(/:[^:@]+$/, ':0.4.5') } : c));
    await mergePatch({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'default' }, spec: { template: { spec: { containers } } } });
    await new Promise(resolve => setTimeout(resolve, 1100));
    expect((await statefulSet()).spec.template.spec.containers[0].image).toMatch(/:0\.4\.5$/);

    await mergePatch({ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name, namespace: 'default', labels: { 'kaito.sh/upgrade-to-version': '0.5.0' } } });
    const again = await harness.waitForWorkspace(
      name,
      w => benchmark(w)?.status === 'True' && benchmark(w)!.lastTransitionTime > first!.lastTransitionTime,
      'benchmarked again after the upgrade',
    );
    expect((await statefulSet()).spec.template.spec.containers[0].image).toBe(image);
    expect(again.status?.performance?.metrics?.peakTokensPerMinute?.config).toMatchObject({ engine: 'vllm', engineVersion: '0.25.1' });
  });
});
