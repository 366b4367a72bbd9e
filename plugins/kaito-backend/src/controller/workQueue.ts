/**
 * A rate-limited work queue in the style of client-go's: each key is queued at
 * most once, never processed by two workers at once, and retried with
 * per-key exponential backoff when its handler fails.
 */

/** What a handler asks the queue to do next with its key. @internal */
export interface ProcessResult {
  /** Process the key again after this many milliseconds (e.g. nodes coming up). */
  requeueAfterMs?: number;
}

/** @internal */
export interface WorkQueueOptions {
  /** Handles one key; throwing retries it with backoff. */
  process: (key: string) => Promise<ProcessResult | void>;
  /** How many keys are processed at once. @default 5 */
  concurrency?: number;
  /** First retry delay after a failure. @default 5 */
  baseDelayMs?: number;
  /** Longest retry delay. @default 300000 (5 minutes) */
  maxDelayMs?: number;
  /** Called when a handler throws; the key is retried afterwards. */
  onError?: (key: string, error: unknown, retryInMs: number) => void;
  /** Timer functions, replaceable in tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** @internal */
export class WorkQueue {
  readonly #process: WorkQueueOptions['process'];
  readonly #concurrency: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #onError?: WorkQueueOptions['onError'];
  readonly #setTimer: NonNullable<WorkQueueOptions['setTimer']>;
  readonly #clearTimer: NonNullable<WorkQueueOptions['clearTimer']>;

  /** Keys waiting for a worker, in arrival order. */
  readonly #ready = new Set<string>();
  /** Keys being processed now. */
  readonly #active = new Set<string>();
  /** Keys added again while being processed: they run once more afterwards. */
  readonly #dirtyWhileActive = new Set<string>();
  /** Keys waiting for a delayed re-add, with their timer. */
  readonly #delayed = new Map<string, { handle: unknown; dueAt: number }>();
  /** Consecutive failures per key, for the backoff. */
  readonly #failures = new Map<string, number>();
  #idleWaiters: Array<() => void> = [];
  #stopped = false;

  constructor(options: WorkQueueOptions) {
    this.#process = options.process;
    this.#concurrency = Math.max(1, options.concurrency ?? 5);
    this.#baseDelayMs = options.baseDelayMs ?? 5;
    this.#maxDelayMs = options.maxDelayMs ?? 300_000;
    this.#onError = options.onError;
    this.#setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.#clearTimer =
      options.clearTimer ??
      (handle => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /** Queues a key now. A key already queued is not queued twice. */
  add(key: string): void {
    if (this.#stopped) return;
    const delayed = this.#delayed.get(key);
    if (delayed) {
      this.#clearTimer(delayed.handle);
      this.#delayed.delete(key);
    }
    if (this.#active.has(key)) {
      this.#dirtyWhileActive.add(key);
      return;
    }
    this.#ready.add(key);
    this.#pump();
  }

  /** Queues a key after a delay; an earlier pending re-add wins. */
  addAfter(key: string, delayMs: number, now = Date.now()): void {
    if (this.#stopped) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const dueAt = now + delayMs;
    const existing = this.#delayed.get(key);
    if (existing && existing.dueAt <= dueAt) return;
    if (existing) this.#clearTimer(existing.handle);
    const handle = this.#setTimer(() => {
      this.#delayed.delete(key);
      this.add(key);
    }, delayMs);
    this.#delayed.set(key, { handle, dueAt });
  }

  /** Forgets a key's failure count (e.g. when its object is gone). */
  forget(key: string): void {
    this.#failures.delete(key);
  }

  /** Number of keys waiting or delayed, for the queue-depth metric. */
  get depth(): number {
    return this.#ready.size + this.#delayed.size;
  }

  /** Number of keys being processed now. */
  get activeCount(): number {
    return this.#active.size;
  }

  /** Resolves when nothing is queued or running (delayed keys excepted). */
  whenIdle(): Promise<void> {
    if (this.#ready.size === 0 && this.#active.size === 0) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.#idleWaiters.push(resolve));
  }

  /** Stops taking work; running handlers finish. */
  stop(): void {
    this.#stopped = true;
    for (const { handle } of this.#delayed.values()) this.#clearTimer(handle);
    this.#delayed.clear();
    this.#ready.clear();
    this.#dirtyWhileActive.clear();
  }

  backoffFor(failures: number): number {
    return Math.min(
      this.#maxDelayMs,
      this.#baseDelayMs * 2 ** Math.max(0, failures - 1),
    );
  }

  #pump(): void {
    while (
      !this.#stopped &&
      this.#active.size < this.#concurrency &&
      this.#ready.size > 0
    ) {
      const key = this.#ready.values().next().value as string;
      this.#ready.delete(key);
      this.#active.add(key);
      void this.#run(key);
    }
    if (this.#ready.size === 0 && this.#active.size === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      waiters.forEach(resolve => resolve());
    }
  }

  async #run(key: string): Promise<void> {
    let retryInMs: number | undefined;
    try {
      const result = await this.#process(key);
      this.#failures.delete(key);
      retryInMs = result?.requeueAfterMs;
    } catch (error) {
      const failures = (this.#failures.get(key) ?? 0) + 1;
      this.#failures.set(key, failures);
      retryInMs = this.backoffFor(failures);
      this.#onError?.(key, error, retryInMs);
    } finally {
      this.#active.delete(key);
    }
    if (this.#dirtyWhileActive.delete(key)) {
      this.add(key);
    } else if (retryInMs !== undefined) {
      this.addAfter(key, retryInMs);
    }
    this.#pump();
  }
}
