import { CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { ClusterSimulator, startClusterSimulator } from '../../ClusterSimulator';
import { widgetCrd } from '../../crds/widgetCrd';
import { KubeObject } from '../../types';
import { CacheDifference, compareWithStore, differenceSize } from './compareWithStore';
import { InformerCounts, ObservedInformer } from './ObservedInformer';
import { seededRandom } from './seededRandom';
import { HOT_SELECTOR, SOAK_NAMESPACES, SoakWriter, WriteCounts } from './SoakWriter';

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** Seeds the writers' and the chaos' choices. @defaultValue 1 */
  seed?: number;
  /** Stop writing after this long. */
  durationMs?: number;
  /** Stop writing after this many writes. */
  operations?: number;
  /** Concurrent writers. @defaultValue 4 */
  workers?: number;
  /** Object names per kind (ConfigMap, Widget), which bounds the population. @defaultValue 300 */
  namesPerKind?: number;
  /** Chance, after each write, that the server drops watches or expires its watch history. @defaultValue 0.005 */
  chaosProbability?: number;
  /** Simulator watch tuning: frequent bookmarks, a short history and short server-side timeouts force every path. */
  watch?: { bookmarkIntervalMs?: number; historySize?: number; timeoutSeconds?: number };
  /** How long informers may take to catch up after the last write. @defaultValue 30000 */
  settleTimeoutMs?: number;
  /** Called every `progressIntervalMs` while writing. */
  onProgress?: (progress: SoakProgress) => void;
  /** @defaultValue 10000 */
  progressIntervalMs?: number;
}

/** A progress line. */
export interface SoakProgress {
  elapsedMs: number;
  writes: number;
  chaosActions: number;
  relists: number;
  restarts: number;
}

/** Server-side disruptions a soak made. */
export interface ChaosCounts {
  /** `faults.dropWatches` calls, and the watch streams they closed. */
  watchDrops: number;
  watchesClosed: number;
  /** `faults.expireWatchHistory` calls. */
  historyExpiries: number;
}

/** One informer's result. */
export interface InformerReport extends InformerCounts {
  name: string;
  /** Objects the store holds for this informer at the end. */
  objects: number;
  /** Watch restarts (every watch after the first). */
  restarts: number;
  /** Relists (every list after the first). */
  relists: number;
  /** The informer's cache against the store. */
  cacheDifference: CacheDifference;
  /** The cache rebuilt from handler events against the store. */
  handlerDifference: CacheDifference;
  errorMessages: string[];
}

/** The result of a soak. */
export interface SoakReport {
  seed: number;
  writingMs: number;
  /** Time the informers took to match the store after the last write. */
  settleMs: number;
  writes: WriteCounts;
  writeFailures: string[];
  chaos: ChaosCounts;
  informers: InformerReport[];
  /** Objects missing, stale or extra in any informer's cache or handler-built cache at the end. */
  missed: number;
  /** Handler events that went back in resourceVersion. */
  outOfOrder: number;
}

interface InformerSpec {
  informer: ObservedInformer<KubernetesObject>;
  stored: () => KubeObject[];
}

const WIDGETS = { group: 'example.test', version: 'v1alpha1', plural: 'widgets' };
const isHot = (o: KubeObject) => o.metadata.labels?.tier === 'hot';

function observedInformers(sim: ClusterSimulator, kc: KubeConfig): InformerSpec[] {
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const listWidgets = (params: { namespace?: string; labelSelector?: string }) => async () =>
    (params.namespace
      ? await custom.listNamespacedCustomObject({ ...WIDGETS, namespace: params.namespace, labelSelector: params.labelSelector })
      : await custom.listCustomObjectForAllNamespaces({ ...WIDGETS, labelSelector: params.labelSelector })) as KubernetesListObject<KubernetesObject>;
  const [first, second] = SOAK_NAMESPACES;
  const spec = (
    name: string,
    path: string,
    list: () => Promise<KubernetesListObject<KubernetesObject>>,
    stored: () => KubeObject[],
    labelSelector?: string,
  ): InformerSpec => ({ informer: new ObservedInformer(name, kc, path, list, { labelSelector }), stored });
  return [
    spec('configmaps, all namespaces', '/api/v1/configmaps', () => core.listConfigMapForAllNamespaces(), () => sim.store.list('configmaps')),
    spec(`configmaps in ${first}`, `/api/v1/namespaces/${first}/configmaps`, () => core.listNamespacedConfigMap({ namespace: first }), () =>
      sim.store.list('configmaps', first),
    ),
    spec(
      `configmaps ${HOT_SELECTOR}`,
      '/api/v1/configmaps',
      () => core.listConfigMapForAllNamespaces({ labelSelector: HOT_SELECTOR }),
      () => sim.store.list('configmaps').filter(isHot),
      HOT_SELECTOR,
    ),
    spec('widgets, all namespaces', '/apis/example.test/v1alpha1/widgets', listWidgets({}), () => sim.store.list('widgets.example.test')),
    spec(
      `widgets ${HOT_SELECTOR} in ${second}`,
      `/apis/example.test/v1alpha1/namespaces/${second}/widgets`,
      listWidgets({ namespace: second, labelSelector: HOT_SELECTOR }),
      () => sim.store.list('widgets.example.test', second).filter(isHot),
      HOT_SELECTOR,
    ),
  ];
}

const versioned = (o: KubernetesObject) => ({ namespace: o.metadata?.namespace, name: o.metadata!.name!, resourceVersion: o.metadata!.resourceVersion! });

function differences({ informer, stored }: InformerSpec) {
  const expected = stored().map(o => versioned(o as KubernetesObject));
  return {
    objects: expected.length,
    cacheDifference: compareWithStore(informer.cached().map(versioned), expected),
    handlerDifference: compareWithStore(informer.fromHandlerEvents().map(versioned), expected),
  };
}

/**
 * Runs unmodified client-node informers against a simulator over HTTPS while writers create,
 * update, relabel and delete objects and the server, at seeded random moments, drops watch
 * streams and expires its watch history. At the end every informer's cache, and the cache its
 * handler events build, is compared with the store.
 */
export async function runSoak(options: SoakOptions = {}): Promise<SoakReport> {
  if (options.durationMs === undefined && options.operations === undefined) throw new Error('give durationMs or operations');
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const chaosRandom = random.fork();
  const sim = await startClusterSimulator({
    installCrds: false,
    behaviour: { provisioner: { enabled: false }, scheduler: { enabled: false }, kubelet: { enabled: false }, workloads: { enabled: false } },
    watch: {
      bookmarkIntervalMs: options.watch?.bookmarkIntervalMs ?? 1000,
      historySize: options.watch?.historySize ?? 1000,
      defaultTimeoutSeconds: options.watch?.timeoutSeconds ?? 15,
    },
  });
  const informers: InformerSpec[] = [];
  let progressTimer: NodeJS.Timeout | undefined;
  try {
    sim.installCrds([widgetCrd]);
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    const core = kc.makeApiClient(CoreV1Api);
    for (const namespace of SOAK_NAMESPACES) await core.createNamespace({ body: { metadata: { name: namespace } } });
    informers.push(...observedInformers(sim, kc));
    await Promise.all(informers.map(spec => spec.informer.start()));

    const chaos: ChaosCounts = { watchDrops: 0, watchesClosed: 0, historyExpiries: 0 };
    const disrupt = () => {
      if (!chaosRandom.chance(options.chaosProbability ?? 0.005)) return;
      const resource = chaosRandom.pick(['configmaps', 'widgets', undefined]);
      const roll = chaosRandom.next();
      // Expiring alone hurts only watches that restart before their next bookmark; expiring and
      // then dropping (an API server restart after an etcd compaction) forces 410s and relists.
      if (roll >= 0.4) {
        chaos.historyExpiries++;
        sim.faults.expireWatchHistory(resource);
      }
      if (roll < 0.4 || roll >= 0.7) {
        chaos.watchDrops++;
        chaos.watchesClosed += sim.faults.dropWatches(resource);
      }
    };

    const writer = new SoakWriter(kc, options.namesPerKind ?? 300);
    const startedAt = Date.now();
    const totalWrites = () => {
      const c = writer.counts;
      return c.creates + c.updates + c.relabels + c.statusUpdates + c.deletes + c.failures;
    };
    const shouldStop = () =>
      (options.operations !== undefined && totalWrites() >= options.operations) ||
      (options.durationMs !== undefined && Date.now() - startedAt >= options.durationMs);
    const sum = (pick: (counts: InformerCounts) => number) => informers.reduce((n, spec) => n + pick(spec.informer.counts), 0);
    if (options.onProgress) {
      const report = options.onProgress;
      progressTimer = setInterval(
        () =>
          report({
            elapsedMs: Date.now() - startedAt,
            writes: totalWrites(),
            chaosActions: chaos.watchDrops + chaos.historyExpiries,
            relists: sum(c => c.lists - 1),
            restarts: sum(c => c.watches - 1),
          }),
        options.progressIntervalMs ?? 10_000,
      );
    }
    const workers = options.workers ?? 4;
    await Promise.all(Array.from({ length: workers }, (_, w) => writer.runWorker(w, workers, random.fork(), shouldStop, disrupt)));
    const writingMs = Date.now() - startedAt;
    clearInterval(progressTimer);

    const settleStarted = Date.now();
    const settled = () => informers.every(spec => {
      const d = differences(spec);
      return differenceSize(d.cacheDifference) + differenceSize(d.handlerDifference) === 0;
    });
    while (!settled() && Date.now() - settleStarted < (options.settleTimeoutMs ?? 30_000)) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    const settleMs = Date.now() - settleStarted;

    const reports: InformerReport[] = informers.map(spec => ({
      name: spec.informer.name,
      ...spec.informer.counts,
      restarts: spec.informer.counts.watches - 1,
      relists: spec.informer.counts.lists - 1,
      ...differences(spec),
      errorMessages: spec.informer.errorMessages,
    }));
    return {
      seed,
      writingMs,
      settleMs,
      writes: writer.counts,
      writeFailures: writer.failureMessages,
      chaos,
      informers: reports,
      missed: reports.reduce((n, r) => n + differenceSize(r.cacheDifference) + differenceSize(r.handlerDifference), 0),
      outOfOrder: reports.reduce((n, r) => n + r.outOfOrder, 0),
    };
  } finally {
    clearInterval(progressTimer);
    await Promise.all(informers.map(spec => spec.informer.stop()));
    await sim.stop();
  }
}
