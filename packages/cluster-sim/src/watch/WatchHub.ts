import { ApiError, expired } from '../errors';
import { RequestScope } from '../api/ResourceApi';
import { apiVersionOf, storageKeyOf } from '../registry/ResourceType';
import { compileFieldSelector } from '../store/fieldSelector';
import { compileLabelSelector } from '../store/labelSelector';
import { ObjectStore, StoreEvent } from '../store/ObjectStore';
import { Clock, KubeObject, systemClock } from '../types';

/** What a watch asks for. @public */
export interface WatchRequest {
  scope: RequestScope;
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  sendInitialEvents?: boolean;
}

/** Where a watch's lines go: newline-delimited JSON on an HTTP response. @public */
export interface WatchSink {
  /** Writes one line; returns false when the consumer is not keeping up. */
  write(line: string): boolean;
  /** Ends the stream. */
  end(): void;
  /** Bytes written but not yet taken by the consumer. */
  pendingBytes(): number;
}

/** Options of {@link WatchHub}. @public */
export interface WatchHubOptions {
  clock?: Clock;
  /** How often watches that allow bookmarks get one. */
  bookmarkIntervalMs?: number;
  /** Server-side timeout when the client gives none. */
  defaultTimeoutSeconds?: number;
  /** A watcher whose consumer holds more than this many unsent bytes is closed. */
  maxPendingBytes?: number;
}

type Matcher = (object: KubeObject) => boolean;

class Watcher {
  private closed = false;
  private readonly timers: unknown[] = [];
  private queue: string[] = [];
  private flushScheduled = false;

  constructor(
    readonly key: string,
    readonly request: WatchRequest,
    private readonly matches: Matcher,
    private readonly sink: WatchSink,
    private readonly hub: WatchHub,
  ) {}

  get isClosed() {
    return this.closed;
  }

  deliver(event: StoreEvent, serialize: (type: string, object: KubeObject) => string) {
    if (this.closed) return;
    const namespace = this.request.scope.namespace;
    if (namespace && event.object.metadata.namespace !== namespace) return;
    const now = this.matches(event.object);
    let type: string = event.type;
    if (event.type === 'MODIFIED') {
      const before = event.previous ? this.matches(event.previous) : false;
      if (!now && !before) return;
      if (now && !before) type = 'ADDED';
      if (!now && before) type = 'DELETED';
    } else if (!now) {
      return;
    }
    this.push(serialize(type, event.object));
  }

  push(line: string) {
    if (this.closed) return;
    this.queue.push(line);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Sends what is queued now, synchronously. */
  flush() {
    this.flushScheduled = false;
    if (this.closed || this.queue.length === 0) return;
    const lines = this.queue;
    this.queue = [];
    this.sink.write(lines.join(''));
    if (this.sink.pendingBytes() > this.hub.maxPendingBytes) this.close();
  }

  addTimer(handle: unknown) {
    this.timers.push(handle);
  }

  close() {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    for (const timer of this.timers) this.hub.clock.clearTimeout(timer);
    this.hub.detach(this);
    this.sink.end();
  }
}

/**
 * Fans store changes out to watches: per resource, filtered by namespace and selectors, each
 * resumable from a resourceVersion, with bookmarks, server-side timeouts and a cut-off for
 * consumers that fall behind.
 * @public
 */
export class WatchHub {
  readonly clock: Clock;
  readonly maxPendingBytes: number;
  private readonly bookmarkIntervalMs: number;
  private readonly defaultTimeoutSeconds: number;
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ObjectStore, options: WatchHubOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.bookmarkIntervalMs = options.bookmarkIntervalMs ?? 60_000;
    this.defaultTimeoutSeconds = options.defaultTimeoutSeconds ?? 1800;
    this.maxPendingBytes = options.maxPendingBytes ?? 64 * 1024 * 1024;
    this.unsubscribe = store.subscribe(event => this.dispatch(event));
  }

  /** Number of open watches (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  /**
   * Opens a watch. Validation errors throw before anything is written; a too-old resourceVersion
   * is reported as an ERROR event in the stream, as the API server does.
   */
  open(request: WatchRequest, sink: WatchSink): { close(): void } {
    const { scope } = request;
    const key = storageKeyOf(scope.type);
    const labels = compileLabelSelector(request.labelSelector);
    const fields = compileFieldSelector(
      request.fieldSelector,
      ['metadata.name', 'metadata.namespace', ...scope.type.selectableFields],
      `"${scope.type.kind}"`,
    );
    const matches: Matcher = object => labels(object.metadata.labels) && fields(object);
    const watcher = new Watcher(key, request, matches, sink, this);
    const serialize = this.serializerFor(request);
    const rv = request.resourceVersion;
    if (request.sendInitialEvents || !rv || rv === '0') {
      for (const object of this.store.peekAll(key, scope.namespace)) {
        if (matches(object)) watcher.push(serialize('ADDED', object));
      }
      if (request.sendInitialEvents && request.allowWatchBookmarks) {
        watcher.push(this.bookmarkLine(request, { 'k8s.io/initial-events-end': 'true' }));
      }
    } else {
      const version = Number(rv);
      if (!Number.isFinite(version)) {
        throw new ApiError(400, 'BadRequest', `invalid resource version: ${rv}`);
      }
      const events = this.store.eventsSince(key, version);
      if (events === 'expired') {
        const status = expired(`too old resource version: ${rv} (${this.store.resourceVersion})`).toStatus();
        sink.write(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
        sink.end();
        return { close: () => undefined };
      }
      for (const event of events) watcher.deliver(event, serialize);
    }
    let set = this.watchers.get(key);
    if (!set) {
      set = new Set();
      this.watchers.set(key, set);
    }
    set.add(watcher);
    const timeoutMs = (request.timeoutSeconds && request.timeoutSeconds > 0 ? request.timeoutSeconds : this.defaultTimeoutSeconds) * 1000;
    watcher.addTimer(
      this.clock.setTimeout(() => {
        if (request.allowWatchBookmarks) watcher.push(this.bookmarkLine(request));
        watcher.close();
      }, timeoutMs),
    );
    if (request.allowWatchBookmarks) this.scheduleBookmark(watcher);
    return { close: () => watcher.close() };
  }

  /** Ends every watch (optionally of one storage key), as a server restart or a network cut would. */
  closeAll(resourceKey?: string): number {
    let closed = 0;
    for (const [key, set] of [...this.watchers]) {
      if (resourceKey && key !== resourceKey) continue;
      for (const watcher of [...set]) {
        watcher.close();
        closed++;
      }
    }
    return closed;
  }

  /** Stops listening to the store and ends every watch. */
  stop() {
    this.closeAll();
    this.unsubscribe();
  }

  /** @internal */
  detach(watcher: Watcher) {
    this.watchers.get(watcher.key)?.delete(watcher);
  }

  private scheduleBookmark(watcher: Watcher) {
    watcher.addTimer(
      this.clock.setTimeout(() => {
        if (watcher.isClosed) return;
        watcher.push(this.bookmarkLine(watcher.request));
        this.scheduleBookmark(watcher);
      }, this.bookmarkIntervalMs),
    );
  }

  private bookmarkLine(request: WatchRequest, annotations?: Record<string, string>): string {
    const { type, version } = request.scope;
    const metadata: Record<string, unknown> = { resourceVersion: String(this.store.resourceVersion) };
    if (annotations) metadata.annotations = annotations;
    return `${JSON.stringify({ type: 'BOOKMARK', object: { kind: type.kind, apiVersion: apiVersionOf(type.group, version), metadata } })}\n`;
  }

  private serializerFor(request: WatchRequest) {
    const { type, version } = request.scope;
    const apiVersion = apiVersionOf(type.group, version);
    return (eventType: string, object: KubeObject) => {
      // Objects are stored with the version they were written in; serve the requested one.
      const { apiVersion: _a, kind: _k, ...rest } = object;
      void _a;
      void _k;
      return `${JSON.stringify({ type: eventType, object: { apiVersion, kind: type.kind, ...rest } })}\n`;
    };
  }

  private dispatch(event: StoreEvent) {
    const set = this.watchers.get(event.resource);
    if (!set || set.size === 0) return;
    const cache = new Map<string, string>();
    for (const watcher of set) {
      const serialize = this.serializerFor(watcher.request);
      const version = watcher.request.scope.version;
      watcher.deliver(event, (type, object) => {
        const cacheKey = `${type}/${version}`;
        let line = cache.get(cacheKey);
        if (line === undefined) {
          line = serialize(type, object);
          cache.set(cacheKey, line);
        }
        return line;
      });
    }
  }
}
