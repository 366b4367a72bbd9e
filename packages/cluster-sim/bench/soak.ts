/*
 * Soak: client-node informers run against the simulator for minutes while writers change objects
 * and the server drops watches and expires its watch history at seeded random moments; at the end
 * each informer's cache is compared with the store.
 *
 *   yarn workspace @kaito-backstage/cluster-sim soak [--minutes 3] [--seed 1] [--workers 4] [--chaos 0.005]
 */
import { parseArgs } from 'node:util';
import { runSoak } from '../src/__testUtils__/soak/runSoak';

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      workers: { type: 'string', default: '4' },
      chaos: { type: 'string', default: '0.005' },
    },
  });
  const minutes = Number(values.minutes);
  const seed = Number(values.seed);
  console.log(`soak: ${minutes} min, seed ${seed}, ${values.workers} writers, chaos probability ${values.chaos} per write`);
  const report = await runSoak({
    durationMs: minutes * 60_000,
    seed,
    workers: Number(values.workers),
    chaosProbability: Number(values.chaos),
    onProgress: p =>
      console.log(
        `  ${(p.elapsedMs / 1000).toFixed(0)} s: ${p.writes} writes, ${p.chaosActions} disruptions, ${p.restarts} watch restarts, ${p.relists} relists`,
      ),
  });
  const w = report.writes;
  const writes = w.creates + w.updates + w.relabels + w.statusUpdates + w.deletes;
  console.log(
    `writes: ${writes} in ${(report.writingMs / 1000).toFixed(1)} s (${((writes * 1000) / report.writingMs).toFixed(0)}/s): ` +
      `${w.creates} creates, ${w.updates} updates, ${w.relabels} relabels, ${w.statusUpdates} status, ${w.deletes} deletes, ${w.failures} failed`,
  );
  console.log(
    `server disruptions: ${report.chaos.watchDrops} watch drops (${report.chaos.watchesClosed} streams closed), ${report.chaos.historyExpiries} history expiries`,
  );
  for (const i of report.informers) {
    console.log(
      `informer "${i.name}": events seen ${i.adds + i.updates + i.deletes} (add ${i.adds}, update ${i.updates}, delete ${i.deletes}; ` +
        `${i.watchEvents} on watch streams), restarts ${i.restarts}, relists (410) ${i.relists} (${i.expired} Expired events), ` +
        `bookmarks ${i.bookmarks}, errors ${i.errors}, objects ${i.objects}`,
    );
    for (const message of i.errorMessages.slice(0, 5)) console.log(`    error: ${message}`);
  }
  for (const failure of report.writeFailures.slice(0, 5)) console.log(`  write failure: ${failure}`);
  console.log(`caught up ${report.settleMs} ms after the last write; out of order: ${report.outOfOrder}`);
  console.log(`missed: ${report.missed}`);
  if (report.missed > 0 || report.outOfOrder > 0) {
    for (const i of report.informers) console.log(`  ${i.name}: cache ${JSON.stringify(i.cacheDifference)}, handlers ${JSON.stringify(i.handlerDifference)}`);
    process.exitCode = 1;
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
