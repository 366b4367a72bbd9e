/*
 * `yarn bench:reconcile`: creates 1, 100 and 1,000 Workspaces at once on the
 * simulator (every delay zero) and prints, for each run, the time until all
 * are Ready, the backend's API requests, its writes per workspace (counted by
 * the proxy in front of the simulator, by verb and resource) against a fixed
 * bound, the drift patches, the Events, the writes of a steady-state resync,
 * and the backend's memory. The simulator runs in a child process, so the
 * memory is the backend's own. `BENCH_SIZES=50,200` picks other sizes.
 */
import { fork, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { readKaitoConfig } from '../src/config';
import { createReconciler } from '../src/controller/createReconciler';
import { WorkspaceController } from '../src/controller/WorkspaceController';
import { phiWorkspace } from '../src/__testUtils__/workspaces';
import { RequestCounts, SimulatorCommand, SimulatorReply, WriteCounts } from './protocol';

const SIZES = (process.env.BENCH_SIZES ?? '1,100,1000').split(',').map(Number);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);
const TARGETS = { readySecondsAt1000: 60, driftPatches: 0, steadyWrites: 0, memoryMiBAt1000: 150 };

/**
 * What one single-node inference workspace on a gpu-provisioner cluster must write,
 * from what Kaito v0.12's controller does (kaito.md §2.2–2.7), not from what was seen:
 * - 4 object creates: one NodeClaim per node (here 1), the Services `<ws>` and
 *   `<ws>-headless`, and the inference StatefulSet;
 * - one metadata patch: the finalizer and the hash/revision annotations together;
 * - two status writes: the conditions when provisioning starts (Pending), then Ready.
 * Kaito also records each spec revision as a ControllerRevision (one create per
 * workspace here); it is bounded on its own line, as Events are.
 */
const INFERENCE_WORKSPACE_BOUND = {
  creates: { nodeclaims: 1, services: 2, statefulsets: 1 },
  metadataPatches: 1,
  statusWrites: 2,
} as const;
const REVISION_RECORDS_BOUND = 1;
const BOUND_CREATES = Object.values(INFERENCE_WORKSPACE_BOUND.creates).reduce((a, b) => a + b, 0);
const BOUND_WRITES = BOUND_CREATES + INFERENCE_WORKSPACE_BOUND.metadataPatches + INFERENCE_WORKSPACE_BOUND.statusWrites;

/** Children the controller keeps in line: any write to one after its create is a drift correction. */
const CHILD_RESOURCES = ['statefulsets', 'deployments', 'services', 'jobs', 'configmaps'];

const silentLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silentLogger,
};

class SimulatorProcess {
  readonly #child: ChildProcess;
  readonly #waiting: Array<(reply: SimulatorReply) => void> = [];
  readonly ready: Promise<{ url: string; token: string }>;

  constructor() {
    this.#child = fork(join(__dirname, 'simulatorProcess.ts'), [], {
      execArgv: ['--require', require.resolve('@backstage/cli/config/nodeTransform.cjs')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (reply: SimulatorReply | { type: 'watch' }) => {
      // The TypeScript transform announces every file it loads; only replies count.
      if (reply.type !== 'watch') this.#waiting.shift()?.(reply);
    });
    this.ready = new Promise((resolve, reject) => {
      this.#waiting.push(reply => (reply.type === 'ready' ? resolve(reply) : reject(new Error('bad start'))));
      this.#child.once('exit', code => reject(new Error(`simulator exited with ${code}`)));
    });
  }

  ask<T extends SimulatorReply['type']>(command: SimulatorCommand): Promise<Extract<SimulatorReply, { type: T }>> {
    return new Promise(resolve => {
      this.#waiting.push(reply => resolve(reply as Extract<SimulatorReply, { type: T }>));
      this.#child.send(command);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise(resolve => this.#child.once('exit', resolve));
    this.#child.send({ type: 'stop' } satisfies SimulatorCommand);
    await exited;
  }
}

function workspace(index: number): Workspace {
  return phiWorkspace(`bench-${String(index).padStart(4, '0')}`);
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

const sum = (counts: RequestCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Waits until the queue has had nothing to do for a while (delayed requeues included). */
async function settle(controller: WorkspaceController, quietMs = 1000): Promise<void> {
  let quietSince = Date.now();
  let lastWrites = controller.writer.total;
  while (Date.now() - quietSince < quietMs) {
    await sleep(50);
    const busy = controller.queue.depth > 0 || controller.queue.activeCount > 0 || controller.writer.total !== lastWrites;
    lastWrites = controller.writer.total;
    if (busy) quietSince = Date.now();
  }
}

interface RunResult {
  size: number;
  readySeconds: number;
  requestsPerWorkspace: number;
  requests: RequestCounts;
  /** The backend's writes by `<verb> <resource>`, from the proxy. */
  writes: WriteCounts;
  steadyWrites: number;
  steadyRequests: number;
  heapMiB: number;
  rssMiB: number;
}

async function run(size: number): Promise<RunResult> {
  const sim = new SimulatorProcess();
  const { url, token } = await sim.ready;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'bench', server: url, skipTLSVerify: true }],
    users: [{ name: 'bench', token }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench' }],
    currentContext: 'bench',
  });
  const config = readKaitoConfig(
    new ConfigReader({
      kaito: {
        clusters: [{ name: 'bench', url, serviceAccountToken: token }],
        controller: { leaderElection: { enabled: false } },
      },
    }),
  );
  const cluster = { ...config.clusters[0], type: 'simulator' as const };
  collectGarbage();
  const before = process.memoryUsage();
  const controller = new WorkspaceController({
    cluster,
    kubeConfig,
    config: config.controller,
    logger: silentLogger,
    reconcile: createReconciler(cluster, config),
  });
  await controller.start();
  await sim.ask({ type: 'resetCounts' });

  const started = Date.now();
  await sim.ask({ type: 'create', workspaces: Array.from({ length: size }, (_, i) => workspace(i)) });
  for (;;) {
    const ready = controller.cache.list<Workspace & KubernetesObject>('Workspace').filter(w => w.status?.state === 'Ready').length;
    if (ready === size) break;
    if (Date.now() - started > TIMEOUT_MS) {
      const stuck = controller.cache.list<Workspace & KubernetesObject>('Workspace').find(w => w.status?.state !== 'Ready');
      throw new Error(
        `only ${ready} of ${size} workspaces Ready after ${TIMEOUT_MS / 1000} s; e.g. ${stuck?.metadata.name}: ${JSON.stringify(stuck?.status?.conditions?.filter(c => c.status !== 'True'))}`,
      );
    }
    await sleep(20);
  }
  const readySeconds = (Date.now() - started) / 1000;
  await settle(controller);
  const { counts: requests, writes } = await sim.ask<'counts'>({ type: 'counts' });
  // The bench's own Workspace creates go straight to the store, not through the proxy.

  // Steady state: every workspace reconciled again with nothing changed.
  const writesBefore = controller.writer.total;
  const requestsBefore = sum(requests);
  for (const ws of controller.cache.list('Workspace')) controller.queue.add(`${ws.metadata!.namespace}/${ws.metadata!.name}`);
  await controller.queue.whenIdle();
  await settle(controller, 500);
  const steadyWrites = controller.writer.total - writesBefore;
  const steadyRequests = sum((await sim.ask<'counts'>({ type: 'counts' })).counts) - requestsBefore;

  collectGarbage();
  const after = process.memoryUsage();
  await controller.stop();
  await sim.stop();
  return {
    size,
    readySeconds,
    requests,
    requestsPerWorkspace: sum(requests) / size,
    writes,
    steadyWrites,
    steadyRequests,
    heapMiB: (after.heapUsed - before.heapUsed) / 2 ** 20,
    rssMiB: (after.rss - before.rss) / 2 ** 20,
  };
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

/** The writes of a run, grouped as the bound counts them. */
function tallyWrites(writes: WriteCounts) {
  const count = (test: (verb: string, resource: string) => boolean) =>
    Object.entries(writes).reduce((n, [key, value]) => {
      const [verb, resource] = key.split(' ');
      return test(verb, resource) ? n + value : n;
    }, 0);
  const isEvent = (resource: string) => resource === 'events';
  const isRevision = (resource: string) => resource === 'controllerrevisions';
  const outsideBound = (resource: string) => isEvent(resource) || isRevision(resource);
  const creates = count((verb, resource) => verb === 'create' && !outsideBound(resource));
  const revisionRecords = count((verb, resource) => verb === 'create' && isRevision(resource));
  const metadataPatches = count((verb, resource) => verb !== 'create' && resource === 'workspaces');
  const statusWrites = count((verb, resource) => verb !== 'create' && resource === 'workspaces/status');
  const driftPatches = count((verb, resource) => verb !== 'create' && CHILD_RESOURCES.includes(resource));
  const events = count((_verb, resource) => isEvent(resource));
  const total = count((_verb, resource) => !outsideBound(resource));
  return { creates, revisionRecords, metadataPatches, statusWrites, driftPatches, events, total, other: total - creates - metadataPatches - statusWrites - driftPatches };
}

/** `label  value  bound b  ratio r  OK|OVER`, per workspace. */
function againstBound(label: string, perWorkspace: number, bound: number): string {
  // Every bound here is positive.
  const ratio = perWorkspace / bound;
  return `  ${label.padEnd(22)}${perWorkspace.toFixed(2).padStart(6)}  bound ${bound}  ratio ${ratio.toFixed(2)}  ${perWorkspace <= bound ? 'OK' : 'OVER'}`;
}

async function main() {
  if (!(globalThis as { gc?: () => void }).gc) {
    process.stdout.write('(run with --expose-gc for exact memory figures)\n');
  }
  const results: RunResult[] = [];
  for (const size of SIZES) {
    process.stdout.write(`\n${size} workspace(s) created at once…\n`);
    const r = await run(size);
    results.push(r);
    const perWs = (n: number) => (n / r.size).toFixed(2);
    const tally = tallyWrites(r.writes);
    const bound = INFERENCE_WORKSPACE_BOUND;
    process.stdout.write(
      [
        `  all Ready in          ${r.readySeconds.toFixed(2)} s`,
        `  API requests / ws     ${r.requestsPerWorkspace.toFixed(2)}  (get ${perWs(r.requests.get)}, list ${perWs(r.requests.list)}, watch ${perWs(r.requests.watch)}, create ${perWs(r.requests.create)}, patch ${perWs(r.requests.patch)}, update ${perWs(r.requests.update)}, delete ${perWs(r.requests.delete)})`,
        `  writes by kind / ws   ${Object.entries(r.writes).sort().map(([k, v]) => `${k} ${perWs(v)}`).join(', ')}`,
        againstBound('writes/workspace', tally.total / r.size, BOUND_WRITES),
        againstBound('  object creates', tally.creates / r.size, BOUND_CREATES),
        againstBound('  metadata patches', tally.metadataPatches / r.size, bound.metadataPatches),
        againstBound('  status writes', tally.statusWrites / r.size, bound.statusWrites),
        `    other writes          ${perWs(tally.other)}  (node labels, deletes…: part of writes/workspace)`,
        `${againstBound('revision records', tally.revisionRecords / r.size, REVISION_RECORDS_BOUND)}  (ControllerRevisions, outside writes/workspace)`,
        `  drift patches         ${tally.driftPatches}  ${verdict(tally.driftPatches === TARGETS.driftPatches)} (target ${TARGETS.driftPatches})`,
        `  events / ws           ${perWs(tally.events)}  (Events written, outside the bound)`,
        `  steady-state resync   ${r.steadyWrites} writes, ${r.steadyRequests} requests  ${verdict(r.steadyWrites === 0)} (target 0 writes)`,
        `  backend memory        +${r.heapMiB.toFixed(1)} MiB heap, +${r.rssMiB.toFixed(1)} MiB RSS`,
        '',
      ].join('\n'),
    );
  }
  const big = results.find(r => r.size === 1000);
  if (big) {
    process.stdout.write(
      `\nTargets at 1,000: Ready ${big.readySeconds.toFixed(1)} s ${verdict(big.readySeconds < TARGETS.readySecondsAt1000)} (< ${TARGETS.readySecondsAt1000} s); ` +
        `memory +${big.heapMiB.toFixed(0)} MiB heap ${verdict(big.heapMiB < TARGETS.memoryMiBAt1000)} (< ${TARGETS.memoryMiBAt1000} MiB)\n`,
    );
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
