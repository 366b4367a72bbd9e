import { KubeConfig, KubernetesObject, ListPromise, ListWatch, Watch } from '@kubernetes/client-node';

/** What one informer saw during a soak. */
export interface InformerCounts {
  /** add / update / delete handler calls. */
  adds: number;
  updates: number;
  deletes: number;
  /** ADDED, MODIFIED and DELETED lines received on watch streams. */
  watchEvents: number;
  /** Watch requests opened (the first, then one per restart). */
  watches: number;
  /** List requests (the first, then one per relist). */
  lists: number;
  /** `ERROR 410 Expired` events received. */
  expired: number;
  bookmarks: number;
  /** Handler events whose resourceVersion went backwards for their object. */
  outOfOrder: number;
  /** Errors the informer reported (it is restarted after each). */
  errors: number;
}

/** client-node's Watch, counting what each stream carries and asking for bookmarks as client-go's reflector does. */
class CountingWatch extends Watch {
  constructor(kc: KubeConfig, private readonly counts: InformerCounts) {
    super(kc);
  }

  override watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, apiObj: any, watchObj?: any) => void,
    done: (err: any) => void,
  ): Promise<AbortController> {
    this.counts.watches++;
    return super.watch(
      path,
      { ...queryParams, allowWatchBookmarks: true },
      (phase, object, watchObject) => {
        if (phase === 'BOOKMARK') this.counts.bookmarks++;
        else if (phase === 'ERROR') this.counts.expired += object?.code === 410 ? 1 : 0;
        else this.counts.watchEvents++;
        callback(phase, object, watchObject);
      },
      done,
    );
  }
}

const keyOf = (o: KubernetesObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/**
 * An unmodified client-node informer (ListWatch) under observation: counts its lists, watches,
 * bookmarks and 410s, keeps a second cache built only from the add/update/delete handlers (what
 * a controller sees), checks each object's resourceVersions only move forward, and restarts the
 * informer after an error as a controller must.
 */
export class ObservedInformer<T extends KubernetesObject> {
  readonly counts: InformerCounts = {
    adds: 0,
    updates: 0,
    deletes: 0,
    watchEvents: 0,
    watches: 0,
    lists: 0,
    expired: 0,
    bookmarks: 0,
    outOfOrder: 0,
    errors: 0,
  };
  /** Messages of the errors counted in `counts.errors`. */
  readonly errorMessages: string[] = [];
  private readonly informer: ListWatch<T>;
  private readonly fromHandlers = new Map<string, T>();
  private readonly lastVersion = new Map<string, number>();
  private stopping = false;

  constructor(
    readonly name: string,
    kc: KubeConfig,
    path: string,
    list: ListPromise<T>,
    options: { labelSelector?: string; restartDelayMs?: number } = {},
  ) {
    const countedList: ListPromise<T> = () => {
      this.counts.lists++;
      return list();
    };
    this.informer = new ListWatch<T>(path, new CountingWatch(kc, this.counts), countedList, false, options.labelSelector);
    this.informer.on('add', object => this.record('add', object));
    this.informer.on('update', object => this.record('update', object));
    this.informer.on('delete', object => this.record('delete', object));
    this.informer.on('error', error => {
      // Stopping aborts the open request, which client-node reports as an error.
      if (this.stopping) return;
      this.counts.errors++;
      this.errorMessages.push(String((error as Error)?.message ?? error));
      setTimeout(() => {
        if (!this.stopping) this.informer.start().catch(() => undefined);
      }, options.restartDelayMs ?? 100);
    });
  }

  start(): Promise<void> {
    return this.informer.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.informer.stop();
  }

  /** The informer's own cache. */
  cached(): readonly T[] {
    return this.informer.list();
  }

  /** The cache rebuilt from handler calls alone. */
  fromHandlerEvents(): T[] {
    return [...this.fromHandlers.values()];
  }

  private record(kind: 'add' | 'update' | 'delete', object: T) {
    const key = keyOf(object);
    const version = Number(object.metadata?.resourceVersion);
    const last = this.lastVersion.get(key);
    // A relist reports vanished objects as deleted with the version last seen, so deletes may repeat it.
    if (last !== undefined && (kind === 'delete' ? version < last : version <= last)) this.counts.outOfOrder++;
    this.lastVersion.set(key, Math.max(version, last ?? 0));
    if (kind === 'add') this.counts.adds++;
    if (kind === 'update') this.counts.updates++;
    if (kind === 'delete') {
      this.counts.deletes++;
      this.fromHandlers.delete(key);
    } else {
      this.fromHandlers.set(key, object);
    }
  }
}
