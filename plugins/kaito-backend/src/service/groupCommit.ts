/** A call this long after the last batch began finds the store quiet and goes at once. */
const QUIET_MS = 2;
/**
 * A waiting batch this big goes without waiting for the rest of the turn, so
 * a burst flows in batches (the first chats' upstream requests go out while
 * later ones are still being read) instead of all waiting for the last.
 */
const FULL_BATCH = 8;
/** The most calls one flush gets, well under SQLite's and PostgreSQL's bound-value limits at a few values per call. */
const MAX_BATCH = 500;

/**
 * Whether a failed batch may be one input's fault (a value the database
 * refuses, a constraint) or a race (a deadlock, a serialization failure):
 * then each call is tried alone. A database that is down or a pool that is
 * exhausted fails the whole batch at once, instead of trying hundreds of
 * calls one by one while every later call waits.
 */
function isOneInputsFault(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  // PostgreSQL: 22 data exception, 23 integrity constraint, 40001/40P01 serialization failure and deadlock.
  if (/^(22|23)[0-9A-Z]{3}$/.test(code) || code === '40001' || code === '40P01') return true;
  return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code);
}

/** A call waiting for its batch. */
type Waiting<Input, Output> = { input: Input; resolve: (output: Output) => void; reject: (error: unknown) => void };

/**
 * Group commit: calls that arrive while a batch is being written, or in the
 * same turn of the event loop as one that was just written, go together in
 * the next batch, so a burst of 50 chats becomes two statements of each kind
 * instead of 50.
 *
 * A call in a quiet moment is written at once. A call that comes within
 * `QUIET_MS` of the last batch's start waits for the end of the turn
 * (`setImmediate`), or until `FULL_BATCH` calls wait, so the rest of the
 * burst can join it: with SQLite a
 * statement runs synchronously, so without that wait every batch would hold
 * one call and a burst would still run its statements one after another on
 * the event loop.
 * A `background` group commit always waits, for the end of the turn or
 * `waitMs`, so its writes never run before what the caller does next in the
 * same turn; with `waitMs` they also stay out of the few milliseconds
 * between a chat's upstream request and its first token (a statement on
 * SQLite blocks the event loop), and more of them share a statement.
 * `flush` gets the inputs in arrival order and answers one output each; when
 * a batch fails on what may be one input's fault (a value the database
 * refuses, a deadlock), each of its calls is tried again alone, so only the
 * bad one fails; any other failure fails the whole batch.
 *
 * @internal
 */
export class GroupCommit<Input, Output> {
  #queued: Array<Waiting<Input, Output>> = [];
  #scheduled = false;
  #running = false;
  #lastBatchAt = -Infinity;

  readonly #background: boolean;
  readonly #waitMs: number | undefined;
  readonly #now: () => number;

  constructor(
    private readonly flush: (inputs: Input[]) => Promise<Output[]>,
    options: { background?: boolean; waitMs?: number; now?: () => number } = {},
  ) {
    this.#background = options.background ?? false;
    this.#waitMs = options.waitMs;
    this.#now = options.now ?? (() => performance.now());
  }

  run(input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      this.#queued.push({ input, resolve, reject });
      if (this.#running) return;
      if (this.#scheduled) {
        if (!this.#background && this.#queued.length >= FULL_BATCH) void this.#drain();
        return;
      }
      if (!this.#background && this.#now() - this.#lastBatchAt >= QUIET_MS) {
        void this.#drain();
        return;
      }
      this.#scheduled = true;
      const go = () => {
        this.#scheduled = false;
        if (this.#queued.length) void this.#drain();
      };
      if (this.#background && this.#waitMs) setTimeout(go, this.#waitMs);
      else setImmediate(go);
    });
  }

  async #drain(): Promise<void> {
    // A full batch may have gone before the turn's end came; the loop below takes whatever waits.
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queued.length) {
        const batch = this.#queued.splice(0, MAX_BATCH);
        this.#lastBatchAt = this.#now();
        try {
          const outputs = await this.flush(batch.map(entry => entry.input));
          batch.forEach((entry, i) => entry.resolve(outputs[i]));
        } catch (error) {
          if (batch.length > 1 && isOneInputsFault(error)) await this.#oneByOne(batch);
          else batch.forEach(entry => entry.reject(error));
        }
      }
    } finally {
      this.#running = false;
    }
  }

  /** After a batch failed: each call alone, so a bad one (or a lost race) fails only itself. */
  async #oneByOne(batch: Array<Waiting<Input, Output>>): Promise<void> {
    for (const entry of batch) {
      try {
        const [output] = await this.flush([entry.input]);
        entry.resolve(output);
      } catch (error) {
        entry.reject(error);
      }
    }
  }
}
