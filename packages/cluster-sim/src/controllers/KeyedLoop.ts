import { ApiError } from '../errors';
import { Clock } from '../types';

/** What a reconcile may ask for: to run again after a delay. @internal */
export type ReconcileResult = void | { requeueAfterMs: number };

/**
 * A de-duplicating work loop: keys enqueued several times before they run are reconciled once;
 * a key never runs twice at once; conflicts (another writer was first) retry at once, other
 * errors after a short backoff.
 * @internal
 */
export class KeyedLoop {
  private readonly pending = new Set<string>();
  private readonly timers = new Map<string, unknown>();
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly reconcile: (key: string) => ReconcileResult,
    private readonly clock: Clock,
    private readonly onError: (name: string, key: string, error: unknown) => void = () => undefined,
  ) {}

  enqueue(key: string, delayMs = 0): void {
    if (this.stopped) return;
    if (delayMs > 0) {
      const existing = this.timers.get(key);
      if (existing !== undefined) this.clock.clearTimeout(existing);
      this.timers.set(
        key,
        this.clock.setTimeout(() => {
          this.timers.delete(key);
          this.enqueue(key);
        }, delayMs),
      );
      return;
    }
    this.pending.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.run());
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }

  private run() {
    this.scheduled = false;
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) {
      if (this.stopped) return;
      try {
        const result = this.reconcile(key);
        if (result && result.requeueAfterMs >= 0) this.enqueue(key, Math.max(1, result.requeueAfterMs));
      } catch (error) {
        const isConflict = error instanceof ApiError && (error.code === 409 || error.code === 404);
        if (!isConflict) this.onError(this.name, key, error);
        this.enqueue(key, isConflict ? 1 : 100);
      }
    }
  }
}
