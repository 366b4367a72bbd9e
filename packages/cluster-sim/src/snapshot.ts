import { promises as fs } from 'node:fs';
import { ObjectStore, StoreSnapshot } from './store/ObjectStore';
import { Clock } from './types';

/** Reads a snapshot file, or undefined if there is none. @internal */
export async function readSnapshot(path: string): Promise<StoreSnapshot | undefined> {
  try {
    return JSON.parse(await fs.readFile(path, 'utf8')) as StoreSnapshot;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes atomically: a temporary file renamed over the target. @internal */
export async function writeSnapshot(path: string, snapshot: StoreSnapshot): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(snapshot));
  await fs.rename(temporary, path);
}

/**
 * Saves the store to a file a short while after each change (coalescing bursts), and on flush.
 * @internal
 */
export class SnapshotWriter {
  private timer: unknown;
  private writing: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly path: string,
    private readonly clock: Clock,
    private readonly debounceMs = 500,
  ) {
    this.unsubscribe = store.subscribe(() => this.schedule());
  }

  private schedule() {
    if (this.timer !== undefined) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.debounceMs);
  }

  /** Writes now (after any write in progress). */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(() => writeSnapshot(this.path, this.store.snapshot())).catch(() => undefined);
    return this.writing;
  }

  /** Stops watching the store and writes a last time. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.flush();
  }
}
