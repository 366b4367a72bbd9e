import net from 'node:net';
import { TurnShare } from './turnShare';

/** Resolves after the event loop has gone round once more (a check phase later). */
const nextTurn = () => new Promise<void>(resolve => setImmediate(resolve));

describe('TurnShare', () => {
  it('lets a caller in a quiet moment go on at once', async () => {
    const turns = new TurnShare(4);
    expect(turns.wait()).toBeUndefined();
    await nextTurn();
    await nextTurn();
    expect(turns.wait()).toBeUndefined();
  });

  it('lets perTurn callers of one turn go, and the rest perTurn a turn, in arrival order', async () => {
    const turns = new TurnShare(2);
    const gone: number[] = [];
    const waits = Array.from({ length: 7 }, (_, i) => {
      const wait = turns.wait();
      if (!wait) gone.push(i);
      return wait?.then(() => gone.push(i));
    });
    expect(gone).toEqual([0, 1]);
    const seenPerTurn: number[][] = [];
    for (let turn = 0; turn < 4; turn++) {
      await nextTurn();
      seenPerTurn.push([...gone]);
    }
    await Promise.all(waits);
    expect(gone).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Never more than two more per turn.
    const counts = seenPerTurn.map(list => list.length);
    counts.reduce((before, count) => {
      expect(count - before).toBeLessThanOrEqual(2);
      return count;
    }, 2);
  });

  it('reads the sockets between the turns of a burst, so a reply that has come is seen before the burst ends', async () => {
    // A socket with data already waiting when the burst starts.
    const server = net.createServer(socket => socket.end('reply'));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    await new Promise(resolve => client.once('connect', resolve));
    await new Promise(resolve => setTimeout(resolve, 50)); // the reply is in the kernel by now
    const events: string[] = [];
    client.on('data', () => events.push('reply read'));
    const turns = new TurnShare(1);
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await turns.wait();
        // Work that would otherwise all run before the loop polled again.
        const until = performance.now() + 1;
        while (performance.now() < until);
        events.push(`chat ${i}`);
      }),
    );
    client.destroy();
    server.close();
    const readAt = events.indexOf('reply read');
    expect(readAt).toBeGreaterThan(0);
    expect(readAt).toBeLessThan(events.length - 1);
  });
});
