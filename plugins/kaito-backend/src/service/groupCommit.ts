/** A call this long after the last batch began finds the store quiet and goes at once. */
const QUIET_MS = 2;

/**
 * Group commit: calls that arrive while a batch is being written, or in the
 * same turn of the event loop as one that was just written, go together in
 * the next batch, so a burst of 50 chats becomes two statements of each kind
 * instead of 50.
 *
 * A call in a quiet moment is written at once. A call that comes within
 * `QUIET_MS` of the last batch's start waits for the end of the turn
 * (`setImmediate`) so the rest of the burst can join it: with SQLite a
 * statement runs synchronously, so without that wait every batch would hold
 * one call and a burst would still run its statements one after another on
 * the event loop.
 * A `background` group commit always waits for the end of the turn, so its
 * writes never run before what the caller does next in the same turn (a
 * chat's audit row is written after its upstream request has gone out).
 * `flush` gets the inputs in arrival order and answers one output each; when
 * it fails, every call of the batch fails with its error.
 *
 * @internal
 */
export class GroupCommit<Input, Output> {
  #queued: Array<{ input: Input; resolve: (output: Output) => void; reject: (error: unknown) => void }> = [];
  #scheduled = false;
  #running = false;
  #lastBatchAt = -Infinity;

  readonly #background: boolean;
  readonly #now: () => number;

  constructor(
    private readonly flush: (inputs: Input[]) => Promise<Output[]>,
    options: { background?: boolean; now?: () => number } = {},
  ) {
    this.#background = options.background ?? false;
    this.#now = options.now ?? (() => performance.now());
  }

  run(input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      this.#queued.push({ input, resolve, reject });
      if (this.#scheduled || this.#running) return;
      if (!this.#background && this.#now() - this.#lastBatchAt >= QUIET_MS) {
        void this.#drain();
        return;
      }
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        void this.#drain();
      });
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queued.length) {
        const batch = this.#queued;
        this.#queued = [];
        this.#lastBatchAt = this.#now();
        try {
          const outputs = await this.flush(batch.map(entry => entry.input));
          batch.forEach((entry, i) => entry.resolve(outputs[i]));
        } catch (error) {
          batch.forEach(entry => entry.reject(error));
        }
      }
    } finally {
      this.#running = false;
    }
  }
}
