import { WorkQueue } from './workQueue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(r => (resolve = r));
  return { promise, resolve };
}

describe('WorkQueue', () => {
  it('processes a key added many times while it waits only once', async () => {
    const gate = deferred();
    const seen: string[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      process: async key => {
        if (key === 'blocker') await gate.promise;
        seen.push(key);
      },
    });
    queue.add('blocker');
    queue.add('a');
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(queue.depth).toBe(2);
    gate.resolve();
    await queue.whenIdle();
    expect(seen).toEqual(['blocker', 'a', 'b']);
  });

  it('never runs one key on two workers at once, and reruns it once if it changed meanwhile', async () => {
    const gate = deferred();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const queue = new WorkQueue({
      concurrency: 4,
      process: async () => {
        running++;
        runs++;
        maxRunning = Math.max(maxRunning, running);
        if (runs === 1) await gate.promise;
        running--;
      },
    });
    queue.add('a');
    await Promise.resolve();
    queue.add('a');
    queue.add('a');
    gate.resolve();
    await queue.whenIdle();
    await new Promise(r => setImmediate(r));
    await queue.whenIdle();
    expect(maxRunning).toBe(1);
    expect(runs).toBe(2);
  });

  it('bounds concurrency', async () => {
    let running = 0;
    let maxRunning = 0;
    const queue = new WorkQueue({
      concurrency: 3,
      process: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise(r => setImmediate(r));
        running--;
      },
    });
    for (let i = 0; i < 20; i++) queue.add(`k${i}`);
    await queue.whenIdle();
    expect(maxRunning).toBe(3);
  });

  describe('when a handler fails', () => {
    it('retries the key with exponential backoff and resets it after a success', async () => {
      const timers: Array<{ fn: () => void; ms: number }> = [];
      const errors: number[] = [];
      let attempts = 0;
      const queue = new WorkQueue({
        baseDelayMs: 10,
        maxDelayMs: 35,
        setTimer: (fn, ms) => timers.push({ fn, ms }),
        clearTimer: () => {},
        onError: (_key, _error, retryInMs) => errors.push(retryInMs),
        process: async () => {
          attempts++;
          if (attempts <= 4) throw new Error('conflict');
        },
      });
      queue.add('a');
      for (let i = 0; i < 4; i++) {
        await queue.whenIdle();
        timers.shift()!.fn();
      }
      await queue.whenIdle();
      expect(errors).toEqual([10, 20, 35, 35]);
      expect(attempts).toBe(5);
      expect(timers).toHaveLength(0);
      expect(queue.backoffFor(1)).toBe(10);
    });
  });

  it('requeues after the delay a handler asks for, keeping the earliest', async () => {
    const timers: Array<{ fn: () => void; ms: number }> = [];
    let runs = 0;
    const queue = new WorkQueue({
      setTimer: (fn, ms) => timers.push({ fn, ms }) - 1,
      clearTimer: () => {},
      process: async () => {
        runs++;
        return runs === 1 ? { requeueAfterMs: 2000 } : undefined;
      },
    });
    queue.add('a');
    await queue.whenIdle();
    expect(timers.map(t => t.ms)).toEqual([2000]);
    queue.addAfter('a', 5000);
    expect(timers).toHaveLength(1);
    expect(queue.depth).toBe(1);
    timers[0].fn();
    await queue.whenIdle();
    expect(runs).toBe(2);
  });

  it('takes no work after stop', async () => {
    const seen: string[] = [];
    const queue = new WorkQueue({ process: async key => void seen.push(key) });
    queue.stop();
    queue.add('a');
    await queue.whenIdle();
    expect(seen).toEqual([]);
  });
});
