import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

jest.setTimeout(30_000);

function tuningWorkspace(name: string): Workspace {
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name, namespace: 'default' },
    resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: name } } },
    tuning: {
      preset: { name: 'phi-3-mini-4k-instruct' },
      method: 'qlora',
      input: { urls: ['https://huggingface.co/datasets/philschmid/dolly-15k-oai-style/resolve/main/data/train-00000-of-00001-54e3756291ca09c6.parquet'] },
      output: { image: 'registry.example.com/adapters/phi-3-tuned:1', imagePushSecret: 'push' },
    },
  };
}

const claimsOf = (harness: ControllerHarness, name: string) =>
  harness.list('karpenter.sh/v1', 'NodeClaim', undefined, `kaito.sh/workspace=${name}`);

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`not ${what} within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise(r => setTimeout(r, 25));
  }
}

describe('a tuning workspace that succeeded', () => {
  describe('with releaseNodesAfterSeconds 0', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      harness = await startControllerHarness({
        simulated: true,
        kaito: { controller: { leaderElection: { enabled: false }, tuning: { releaseNodesAfterSeconds: 0 } } },
      });
    });
    afterAll(() => harness?.stop());

    it('releases its NodeClaim, stays Succeeded and is not provisioned again', async () => {
      await harness.apply(tuningWorkspace('tune-release'));
      await harness.waitForWorkspace('tune-release', w => w.status?.state === 'Succeeded', 'Succeeded');
      await eventually(() => claimsOf(harness, 'tune-release'), claims => claims.length === 0, 'released');
      const nodes = await eventually(
        () => harness.list('v1', 'Node', undefined, 'kaito.sh/workspace=tune-release'),
        list => list.length === 0,
        'without nodes',
      );
      expect(nodes).toEqual([]);
      const events = (await harness.list('v1', 'Event', 'default')).filter(
        (e: any) => e.involvedObject?.name === 'tune-release' && e.reason === 'TuningNodesReleased',
      );
      expect(events).toHaveLength(1);
      expect((events[0] as any).message).toMatch(/released NodeClaim \S+; the adapter image stays/);

      // Reconciled again later: still Succeeded, no new claim.
      harness.controller.queue.add('default/tune-release');
      await harness.controller.queue.whenIdle();
      await new Promise(r => setTimeout(r, 300));
      const ws = await harness.getWorkspace('tune-release');
      expect(ws?.status?.state).toBe('Succeeded');
      expect(ws?.status?.conditions?.find(c => c.type === 'WorkspaceSucceeded')?.status).toBe('True');
      expect(await claimsOf(harness, 'tune-release')).toHaveLength(0);
    });
  });

  describe('with releaseNodesAfterSeconds false', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      harness = await startControllerHarness({
        simulated: true,
        kaito: { controller: { leaderElection: { enabled: false }, tuning: { releaseNodesAfterSeconds: false } } },
      });
    });
    afterAll(() => harness?.stop());

    it('keeps its NodeClaim', async () => {
      await harness.apply(tuningWorkspace('tune-keep'));
      await harness.waitForWorkspace('tune-keep', w => w.status?.state === 'Succeeded', 'Succeeded');
      await harness.controller.queue.whenIdle();
      await new Promise(r => setTimeout(r, 300));
      expect(await claimsOf(harness, 'tune-keep')).toHaveLength(1);
    });
  });
});
