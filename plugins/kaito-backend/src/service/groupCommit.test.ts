import { GroupCommit } from './groupCommit';

/** A clock that stands still, so a burst always comes within QUIET_MS of the batch before it, however slow the machine. */
const STILL_CLOCK = { now: () => 0 };

describe('GroupCommit', () => {
  it('writes a call in a quiet moment at once, and puts the rest of its burst in one batch even when the flush is synchronous work', async () => {
    const batches: number[][] = [];
    // With the real clock, a pause of 2 ms before run(2) (a loaded machine) sent it alone.
    const commit = new GroupCommit<number, number>(async inputs => {
      batches.push(inputs);
      return inputs.map(input => input * 10);
    }, STILL_CLOCK);
    const first = commit.run(1);
    // Not held back: the quiet store writes the first call before run returns.
    expect(batches).toEqual([[1]]);
    await first;
    const outputs = await Promise.all(
      [2, 3, 4].map(input => commit.run(input)),
    );
    expect(outputs).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('writes at once again once the store has been quiet', async () => {
    let now = 0;
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(
      async inputs => {
        batches.push(inputs);
        return inputs;
      },
      { now: () => now },
    );
    await commit.run(1);
    now = 5;
    const second = commit.run(2);
    expect(batches).toEqual([[1], [2]]);
    await second;
  });

  it('batches the calls that come while a batch runs into the next one, in arrival order', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const slow = new Promise<void>(resolve => (release = resolve));
    const commit = new GroupCommit<string, string>(async inputs => {
      batches.push(inputs);
      if (batches.length === 1) await slow;
      return inputs.map(input => input.toUpperCase());
    });
    const first = commit.run('a');
    const later = ['b', 'c', 'd'].map(input => commit.run(input));
    await new Promise(resolve => setImmediate(resolve));
    release();
    expect(await Promise.all([first, ...later])).toEqual(['A', 'B', 'C', 'D']);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('tries each call of a failed batch alone, so only the bad one fails, and goes on with the next batch', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(async inputs => {
      batches.push(inputs);
      if (inputs.includes(2))
        throw Object.assign(
          new Error('value too long for type character varying(400)'),
          { code: '22001' },
        );
      return inputs.map(input => input * 10);
    }, STILL_CLOCK);
    await commit.run(0);
    const results = await Promise.allSettled([
      commit.run(1),
      commit.run(2),
      commit.run(3),
    ]);
    expect(results.map(result => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(results[0]).toMatchObject({ value: 10 });
    expect(batches).toEqual([[0], [1, 2, 3], [1], [2], [3]]);
    await expect(commit.run(4)).resolves.toBe(40);
  });

  it('in the background, waits for waitMs before it writes, so what the caller does next goes first', async () => {
    const order: string[] = [];
    const commit = new GroupCommit<string, void>(
      async inputs => {
        order.push(`flush ${inputs.join(',')}`);
        return inputs.map(() => undefined);
      },
      { background: true, waitMs: 5 },
    );
    const written = commit.run('row');
    await new Promise(resolve => setImmediate(resolve));
    order.push('caller goes on after the turn');
    await written;
    expect(order).toEqual(['caller goes on after the turn', 'flush row']);
  });

  it('sends a waiting batch once it is full instead of waiting for the rest of the turn', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(async inputs => {
      batches.push(inputs);
      return inputs;
    }, STILL_CLOCK);
    await commit.run(0);
    const burst = Array.from({ length: 20 }, (_, i) => commit.run(i + 1));
    // The first 8 went as soon as they were 8, while the turn was still going.
    expect(batches.map(batch => batch.length)).toEqual([1, 8]);
    await Promise.all(burst);
    // The 12 that came while those 8 were written went together next.
    expect(batches.map(batch => batch.length)).toEqual([1, 8, 12]);
    expect(batches.flat()).toEqual(Array.from({ length: 21 }, (_, i) => i));
  });

  it('fails a whole batch at once when the database itself fails, without trying each call', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(async inputs => {
      batches.push(inputs);
      if (batches.length === 2)
        throw Object.assign(new Error('Knex: Timeout acquiring a connection'), {
          name: 'KnexTimeoutError',
        });
      return inputs;
    }, STILL_CLOCK);
    await commit.run(0);
    const results = await Promise.allSettled([
      commit.run(1),
      commit.run(2),
      commit.run(3),
    ]);
    expect(results.map(result => result.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(batches).toEqual([[0], [1, 2, 3]]);
  });
});
