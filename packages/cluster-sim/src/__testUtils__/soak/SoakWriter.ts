import { CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { SeededRandom } from './seededRandom';

/** Counts of the writes a soak made. */
export interface WriteCounts {
  creates: number;
  updates: number;
  /** Label changes that move objects in and out of label-selected watches. */
  relabels: number;
  statusUpdates: number;
  deletes: number;
  /** Writes the server refused (none are expected: each worker owns its names). */
  failures: number;
}

/** The namespaces the soak writes into. */
export const SOAK_NAMESPACES = ['soak-0', 'soak-1', 'soak-2'] as const;
/** The label a label-selected informer follows. */
export const HOT_SELECTOR = 'tier=hot';

type Kind = 'configmap' | 'widget';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/**
 * Creates, updates, relabels, status-patches and deletes ConfigMaps and Widgets through
 * client-node, from several workers at once. Each worker owns a slice of the object names and
 * tracks which of them exist, so its operations never race another worker's and every failure
 * is a real one.
 */
export class SoakWriter {
  readonly counts: WriteCounts = { creates: 0, updates: 0, relabels: 0, statusUpdates: 0, deletes: 0, failures: 0 };
  readonly failureMessages: string[] = [];
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;

  constructor(kc: KubeConfig, private readonly namesPerKind: number) {
    this.core = kc.makeApiClient(CoreV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
  }

  /** Runs one worker until `shouldStop()`; `afterEach` runs after every write (for chaos). */
  async runWorker(worker: number, workers: number, random: SeededRandom, shouldStop: () => boolean, afterEach: () => void): Promise<void> {
    const owned: Array<{ kind: Kind; namespace: string; name: string }> = [];
    for (const kind of ['configmap', 'widget'] as const) {
      for (let i = worker; i < this.namesPerKind; i += workers) {
        owned.push({ kind, namespace: SOAK_NAMESPACES[i % SOAK_NAMESPACES.length], name: `${kind}-${i}` });
      }
    }
    const existing = new Set<string>();
    let revision = 0;
    while (!shouldStop()) {
      const target = random.pick(owned);
      const key = `${target.kind}/${target.namespace}/${target.name}`;
      revision++;
      try {
        if (!existing.has(key)) {
          await this.create(target.kind, target.namespace, target.name, random.chance(0.5) ? 'hot' : 'cold', revision);
          existing.add(key);
          this.counts.creates++;
        } else {
          const roll = random.next();
          if (roll < 0.4) {
            await this.patch(target.kind, target.namespace, target.name, this.specChange(target.kind, revision));
            this.counts.updates++;
          } else if (roll < 0.6) {
            await this.patch(target.kind, target.namespace, target.name, { metadata: { labels: { tier: random.chance(0.5) ? 'hot' : 'cold' } } });
            this.counts.relabels++;
          } else if (roll < 0.75 && target.kind === 'widget') {
            await this.custom.patchNamespacedCustomObjectStatus(
              { ...widgetTarget(target.namespace), name: target.name, body: { status: { phase: `phase-${revision}` } } },
              mergePatch,
            );
            this.counts.statusUpdates++;
          } else {
            await this.delete(target.kind, target.namespace, target.name);
            existing.delete(key);
            this.counts.deletes++;
          }
        }
      } catch (error) {
        this.counts.failures++;
        this.failureMessages.push(`${key}: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
      }
      afterEach();
    }
  }

  private specChange(kind: Kind, revision: number) {
    return kind === 'configmap' ? { data: { revision: String(revision) } } : { spec: { size: revision } };
  }

  private async create(kind: Kind, namespace: string, name: string, tier: string, revision: number) {
    const metadata = { name, labels: { tier, soak: 'yes' } };
    if (kind === 'configmap') {
      await this.core.createNamespacedConfigMap({ namespace, body: { metadata, data: { revision: String(revision) } } });
    } else {
      await this.custom.createNamespacedCustomObject({
        ...widgetTarget(namespace),
        body: { apiVersion: 'example.test/v1alpha1', kind: 'Widget', metadata, spec: { size: revision } },
      });
    }
  }

  private async patch(kind: Kind, namespace: string, name: string, body: object) {
    if (kind === 'configmap') await this.core.patchNamespacedConfigMap({ namespace, name, body }, mergePatch);
    else await this.custom.patchNamespacedCustomObject({ ...widgetTarget(namespace), name, body }, mergePatch);
  }

  private async delete(kind: Kind, namespace: string, name: string) {
    if (kind === 'configmap') await this.core.deleteNamespacedConfigMap({ namespace, name });
    else await this.custom.deleteNamespacedCustomObject({ ...widgetTarget(namespace), name });
  }
}

function widgetTarget(namespace: string) {
  return { group: 'example.test', version: 'v1alpha1', plural: 'widgets', namespace };
}
