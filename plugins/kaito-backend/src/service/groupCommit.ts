/**
 * Group commit per key: at most one batch runs per key; calls that arrive
 * while it runs wait and go together in the next one. A burst of 50 calls
 * for one key becomes two statements instead of 50 queued on the database.
 * `flush` gets the inputs in arrival order and answers one output each.
 *
 * @internal
 */
export class GroupCommit<Input, Output> {
  readonly #queued = new Map<string, Array<{ input: Input; resolve: (output: Output) => void; reject: (error: unknown) => void }>>();
  readonly #running = new Set<string>();

  constructor(private readonly flush: (key: string, inputs: Input[]) => Promise<Output[]>) {}

  run(key: string, input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      const queue = this.#queued.get(key) ?? [];
      queue.push({ input, resolve, reject });
      this.#queued.set(key, queue);
      if (!this.#running.has(key)) void this.#drain(key);
    });
  }

  async #drain(key: string): Promise<void> {
    this.#running.add(key);
    try {
      for (let batch = this.#queued.get(key); batch?.length; batch = this.#queued.get(key)) {
        this.#queued.delete(key);
        try {
          const outputs = await this.flush(key, batch.map(entry => entry.input));
          batch.forEach((entry, i) => entry.resolve(outputs[i]));
        } catch (error) {
          batch.forEach(entry => entry.reject(error));
        }
      }
    } finally {
      this.#running.delete(key);
    }
  }
}
