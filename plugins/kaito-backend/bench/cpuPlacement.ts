/**
 * Where a benchmark's processes run. `split` (the default on a machine of 2
 * or more CPUs with `taskset`, util-linux): two sides, each on its own CPUs —
 * CPU 0 for one, the rest for the other — so the side being measured does
 * not share a CPU with the side it is measured against, as a portal and a
 * cluster's API server (or a user's browser) never share a machine.
 * `shared` (BENCH_CPUS=shared): every process anywhere.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export type CpuSide = 'api' | 'portal';

export type CpuPlacement = { mode: 'split'; api: string; portal: string } | { mode: 'shared' };

export const CPU_PLACEMENT = ((): CpuPlacement => {
  const cpus = availableParallelism();
  const wanted = process.env.BENCH_CPUS ?? 'split';
  if (wanted !== 'split' && wanted !== 'shared') throw new Error(`BENCH_CPUS must be split or shared, not '${wanted}'`);
  if (wanted === 'shared' || cpus < 2) return { mode: 'shared' };
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return { mode: 'shared' };
  }
  return { mode: 'split', api: '0', portal: cpus === 2 ? '1' : `1-${cpus - 1}` };
})();

/** Pins a process and all its threads to its side's CPUs (threads it starts later inherit them). */
export function place(pid: number | undefined, side: CpuSide): void {
  if (CPU_PLACEMENT.mode !== 'split' || pid === undefined) return;
  // taskset -a fails when one of the threads it listed has ended before it was pinned: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync('taskset', ['-a', '-p', '-c', CPU_PLACEMENT[side], String(pid)], { stdio: 'ignore' });
      return;
    } catch (error) {
      if (attempt === 5) throw new Error(`could not pin process ${pid} to CPU ${CPU_PLACEMENT[side]} (BENCH_CPUS=shared runs without pinning): ${(error as Error).message}`);
    }
  }
}
