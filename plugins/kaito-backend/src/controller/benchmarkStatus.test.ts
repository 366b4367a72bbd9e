import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
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

  it("clears a result another engine recorded even when the upgrade's own status write was lost", async () => {
    // As after an upgrade whose status write failed (409, crash, new leader): the StatefulSet already
    // runs the deployed base image, the label asks for it, and the recorded result is the old engine's.
    const name = 'bench-lost-write';
    await harness.apply(phi(name));
    const ws = await harness.waitForWorkspace(name, w => benchmark(w)?.status === 'True', 'benchmarked');
    const first = benchmark(ws)!;
    const metric = ws.status!.performance!.metrics!.peakTokensPerMinute;
    await harness.kubeConfig.makeApiClient(CustomObjectsApi).patchNamespacedCustomObjectStatus(
      {
        group: 'kaito.sh',
        version: 'v1beta1',
        namespace: 'default',
        plural: 'workspaces',
        name,
        body: { status: { performance: { metrics: { peakTokensPerMinute: { ...metric, config: { ...metric.config, engineVersion: '0.24.0' } } } } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await harness.objects.patch(
      { apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name, namespace: 'default', labels: { 'kaito.sh/upgrade-to-version': '0.5.0' } } } as any,
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json' as any,
    );
    const again = await harness.waitForWorkspace(
      name,
      w => benchmark(w)?.status === 'True' && w.status?.performance?.metrics?.peakTokensPerMinute?.config?.engineVersion === '0.25.1',
      "the old engine's result replaced",
    );
    expect(benchmark(again)!.lastTransitionTime >= first.lastTransitionTime).toBe(true);
  });
});

describe('the benchmark after a base-image upgrade of a multi-node workspace', () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    // Pods take 1.5 s to load and stay Ready for 1 s once deleted, so the rolling update (pod 0 last) is slow to see.
    harness = await startControllerHarness({
      simulator: { behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 1500, terminationMs: 1000 }, modelServer: { tokenDelayMs: 20 } } },
    });
  });
  afterAll(() => harness?.stop());

  const name = 'bench-llama';
  const statefulSet = async () => ((await harness.list('apps/v1', 'StatefulSet', 'default', `kaito.sh/workspace=${name}`)) as any[])[0];
  const pods = async () => (await harness.list('v1', 'Pod', 'default', `kaito.sh/workspace=${name}`)) as any[];
  const mergePatch = (object: object) =>
    harness.objects.patch(object as any, undefined, undefined, undefined, undefined, 'application/merge-patch+json' as any);
  const rolledOut = async () => {
    const sts = await statefulSet();
    const all = await pods();
    return (
      all.length === sts.spec.replicas &&
      all.every(p => !p.metadata.deletionTimestamp && p.metadata.labels?.['controller-revision-hash'] === sts.status?.updateRevision && p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'))
    );
  };
  async function waitFor(check: () => Promise<boolean>, what: string) {
    const deadline = Date.now() + 40_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise(r => setTimeout(r, 50));
    }
  }

  it("reads the result from pod 0 only once it runs the upgraded revision, not from the old leader the rollout replaces last", async () => {
    await harness.apply({ ...phi(name), inference: { preset: { name: 'llama-3.3-70b-instruct', presetOptions: { modelAccessSecret: 'hf-token' } } } });
    const first = benchmark(await harness.waitForWorkspace(name, w => benchmark(w)?.status === 'True', 'benchmarked', 40_000));
    const sts = await statefulSet();
    expect(sts.spec.replicas).toBeGreaterThan(1);
    // As if an older Kaito had made it: an older base image, rolled out to every pod.
    const image = sts.spec.template.spec.containers[0].image;
    const containers = sts.spec.template.spec.containers.map((c: any, i: number) => (i === 0 ? { ...c, image: image.replace(/:[^:@]+$/, ':0.4.5') } : c));
    await mergePatch({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'default' }, spec: { template: { spec: { containers } } } });
    await waitFor(async () => (await statefulSet()).status?.updateRevision !== sts.status.updateRevision && (await rolledOut()), 'the old image to roll out');

    await mergePatch({ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name, namespace: 'default', labels: { 'kaito.sh/upgrade-to-version': '0.5.0' } } });
    const again = await harness.waitForWorkspace(
      name,
      w => benchmark(w)?.status === 'True' && benchmark(w)!.lastTransitionTime > first!.lastTransitionTime,
      'benchmarked again after the upgrade',
      60_000,
    );
    // When the result was recorded, pod 0 was already the upgraded one (the rollout had reached it).
    const upgraded = await statefulSet();
    const leader = (await pods()).find(p => p.metadata.name === `${name}-0`);
    expect(upgraded.spec.template.spec.containers[0].image).toBe(image);
    expect(leader?.metadata.labels?.['controller-revision-hash']).toBe(upgraded.status.updateRevision);
    expect(leader?.metadata.deletionTimestamp).toBeUndefined();
    expect(Date.parse(leader!.metadata.creationTimestamp)).toBeLessThanOrEqual(Date.parse(benchmark(again)!.lastTransitionTime));
  });
});
