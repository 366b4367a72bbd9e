import { runSoak, SoakReport } from './runSoak';

describe('runSoak (short)', () => {
  let report: SoakReport;

  beforeAll(async () => {
    // Bounded by writes, not time; frequent disruptions, bookmarks and a short history force every path.
    report = await runSoak({
      operations: 500,
      seed: 7,
      namesPerKind: 40,
      chaosProbability: 0.08,
      watch: { bookmarkIntervalMs: 20, historySize: 50, timeoutSeconds: 1 },
    });
  }, 60_000);

  it('leaves every informer cache, and every handler-built cache, equal to the store', () => {
    expect(report.missed).toBe(0);
    for (const informer of report.informers) {
      expect({ name: informer.name, cache: informer.cacheDifference, handlers: informer.handlerDifference }).toEqual({
        name: informer.name,
        cache: { missing: [], stale: [], extra: [] },
        handlers: { missing: [], stale: [], extra: [] },
      });
    }
  });

  it('delivers no event out of order and no informer error, and no write fails', () => {
    expect(report.outOfOrder).toBe(0);
    expect(report.informers.flatMap(i => i.errorMessages)).toEqual([]);
    expect(report.writeFailures).toEqual([]);
  });

  it('went through watch restarts, 410 relists and bookmarks on the way', () => {
    const total = (pick: (i: SoakReport['informers'][number]) => number) => report.informers.reduce((n, i) => n + pick(i), 0);
    expect(report.chaos.watchDrops).toBeGreaterThan(0);
    expect(report.chaos.historyExpiries).toBeGreaterThan(0);
    expect(total(i => i.restarts)).toBeGreaterThan(0);
    expect(total(i => i.relists)).toBeGreaterThan(0);
    expect(total(i => i.expired)).toBeGreaterThan(0);
    expect(total(i => i.bookmarks)).toBeGreaterThan(0);
    expect(total(i => i.adds + i.updates + i.deletes)).toBeGreaterThan(report.writes.creates);
  });

  it('wrote the number of operations asked for, of every kind', () => {
    const w = report.writes;
    expect(w.creates + w.updates + w.relabels + w.statusUpdates + w.deletes + w.failures).toBeGreaterThanOrEqual(500);
    expect(Math.min(w.creates, w.updates, w.relabels, w.statusUpdates, w.deletes)).toBeGreaterThan(0);
  });
});
