import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { ControllerMetrics, ObservedController } from './ControllerMetrics';

type Attributes = Record<string, string | number | boolean>;

/** A MetricsService that keeps what is recorded, and reads observable instruments on demand. */
function recordingMetrics() {
  const recorded: Record<string, Array<{ value: number; attributes?: Attributes }>> = {};
  const callbacks: Record<string, Array<(result: { observe(value: number, attributes?: Attributes): void }) => void>> = {};
  const record = (name: string) => (value: number, attributes?: Attributes) => {
    (recorded[name] ??= []).push({ value, attributes });
  };
  const observable = (name: string) => ({
    addCallback: (cb: (typeof callbacks)[string][number]) => (callbacks[name] ??= []).push(cb),
    removeCallback: () => {},
  });
  const service = {
    createCounter: (name: string) => ({ add: record(name) }),
    createUpDownCounter: (name: string) => ({ add: record(name) }),
    createHistogram: (name: string) => ({ record: record(name) }),
    createGauge: (name: string) => ({ record: record(name) }),
    createObservableCounter: observable,
    createObservableUpDownCounter: observable,
    createObservableGauge: observable,
  } as unknown as MetricsService;
  const collect = (name: string) => {
    const observed: Array<{ value: number; attributes?: Attributes }> = [];
    for (const cb of callbacks[name] ?? []) cb({ observe: (value, attributes) => observed.push({ value, attributes }) });
    return observed;
  };
  return { service, recorded, collect };
}

const controller = (cluster: string, depth: number): ObservedController => ({
  cluster,
  queueDepth: () => depth,
  workspacesByState: () => ({ Ready: 2, Pending: 1 }),
  writes: () => ({ create: 5, status: 3 }),
});

describe('ControllerMetrics', () => {
  it('counts reconciles by outcome, errors apart, and times each', () => {
    const { service, recorded } = recordingMetrics();
    const metrics = new ControllerMetrics(service);
    metrics.recordReconcile('prod', 'success', 0.01);
    metrics.recordReconcile('prod', 'error', 0.2);
    expect(recorded['kaito.controller.reconciles']).toEqual([
      { value: 1, attributes: { cluster: 'prod', outcome: 'success' } },
      { value: 1, attributes: { cluster: 'prod', outcome: 'error' } },
    ]);
    expect(recorded['kaito.controller.reconcile.errors']).toEqual([{ value: 1, attributes: { cluster: 'prod' } }]);
    expect(recorded['kaito.controller.reconcile.duration'].map(r => r.value)).toEqual([0.01, 0.2]);
  });

  it('reports queue depth, workspaces by state and writes of every observed controller', () => {
    const { service, collect } = recordingMetrics();
    const metrics = new ControllerMetrics(service);
    metrics.observe(controller('a', 3));
    const stop = metrics.observe(controller('b', 0));
    expect(collect('kaito.controller.queue.depth')).toEqual([
      { value: 3, attributes: { cluster: 'a' } },
      { value: 0, attributes: { cluster: 'b' } },
    ]);
    expect(collect('kaito.workspaces')).toContainEqual({ value: 2, attributes: { cluster: 'a', state: 'Ready' } });
    expect(collect('kaito.controller.writes')).toContainEqual({ value: 3, attributes: { cluster: 'b', verb: 'status' } });

    stop();
    expect(collect('kaito.controller.queue.depth')).toEqual([{ value: 3, attributes: { cluster: 'a' } }]);
  });
});
