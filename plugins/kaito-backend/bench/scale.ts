/* eslint-disable no-console */
/**
 * `yarn bench:scale`: 5,000 workspaces over 50 namespaces and 10 owner groups
 * on 5 simulated clusters, each in its own process counting the requests it
 * gets; the portal backend (controllers, REST API, streams) in another;
 * the catalog module in a third. Prints each figure beside its target:
 * time to all Ready against a bare keep-alive client creating the same child
 * objects at the same concurrency, writes per workspace against the fixed
 * bound, heap per 1,000 workspaces, steady-state writes, list / paged list /
 * detail latency, the catalog module's CPU and writes, change-to-stream
 * latency with 200 live streams open, and chat TTFT overhead for 50
 * simultaneous starts against the same calls made directly.
 *
 * Sizes: BENCH_WORKSPACES (5000), BENCH_CLUSTERS (5), BENCH_NAMESPACES (50),
 * BENCH_GROUPS (10), BENCH_STREAMS (200), BENCH_CHATS (50), BENCH_STEADY_SECONDS (20).
 * Placement: BENCH_CPUS=split (the default where `taskset` can pin) or shared, see {@link CPU_PLACEMENT}.
 */
import http from 'node:http';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { KaitoAnnotations, Workspace } from '@kaito-backstage/plugin-kaito-common';
import { phiWorkspace } from '../src/__testUtils__/workspaces';
import { SimulatorCommand, SimulatorReply, WriteCounts, RequestCounts } from './protocol';
import type { ScaleBackendCommand, ScaleBackendMessage } from './scaleBackendProcess';
import { startBareRelayProcess } from './startSimProcess';
import { CPU_PLACEMENT, place } from './cpuPlacement';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const WORKSPACES = env('BENCH_WORKSPACES', 5000);
const CLUSTERS = env('BENCH_CLUSTERS', 5);
const NAMESPACES = env('BENCH_NAMESPACES', 50);
const GROUPS = env('BENCH_GROUPS', 10);
const STREAMS = env('BENCH_STREAMS', 200);
const CHATS = env('BENCH_CHATS', 50);
const STEADY_SECONDS = env('BENCH_STEADY_SECONDS', 20);
const TIMEOUT_MS = env('BENCH_TIMEOUT_MS', 900_000);
/** The controller's work queue concurrency per cluster (kaito.controller.workers' default). */
const WORKERS_PER_CLUSTER = 5;
/** Kaito v0.12's writes for one single-node inference workspace (see bench/reconcile.ts). */
const BOUND_WRITES = 7;
const TARGETS = { readyRatio: 1.5, writesRatio: 1.2, heapMiBPer1000: 150, streamP99Ms: 500, pagedP99Ms: 100, burstAddedMs: 5, spreadAddedMs: 1 };

/*
 * Where the processes run (CPU_PLACEMENT, cpuPlacement.ts). `split`: the simulated API servers on CPU 0, and the portal's
 * processes (backend, catalog module, the chat's bare relay) and this one (the bare client, the
 * probes) on the other CPUs, for both runs alike, as a cluster's API server and a portal never
 * share a machine: each side's CPU bounds only its own pace, and the API-server work the
 * controller causes (its Events, watches, reads) is still the simulators'. `shared`: every process
 * anywhere, so the backend's CPU also slows the API servers (on 2 CPUs, the controller's run is
 * then paced by all the CPU both sides spend; the benchmark prints that ratio too).
 */

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
};
const pad = (n: number, width = 5) => String(n).padStart(width, '0');
const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');
const progress = (what: string) => console.log(`  … ${new Date().toISOString().slice(11, 19)} ${what}`);

/** A bench script in a child process, spoken to over IPC: `ask` waits for the next message of a type. */
class Child<Command, Message extends { type: string }> {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<string, Array<(message: Message) => void>>();
  readonly #listeners = new Map<string, (message: Message) => void>();
  readonly exited: Promise<void>;

  constructor(script: string, arg: object) {
    // KAITO_BENCH_PROFILE=<script file name> writes a CPU profile of that process to KAITO_BENCH_PROFILE_DIR (/tmp/kaito-prof).
    const profile = process.env.KAITO_BENCH_PROFILE && script.endsWith(process.env.KAITO_BENCH_PROFILE) ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KAITO_BENCH_PROFILE_DIR ?? '/tmp/kaito-prof'}`] : [];
    this.#child = fork(script, [JSON.stringify(arg)], {
      execArgv: [...profile, '--expose-gc', '--require', require.resolve('@backstage/cli/config/nodeTransform.cjs')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: Message) => {
      const listener = this.#listeners.get(message.type);
      if (listener) listener(message);
      else this.#waiting.get(message.type)?.shift()?.(message);
    });
    this.exited = new Promise(resolve => this.#child.once('exit', () => resolve()));
    void this.exited.then(() => this.#waiting.forEach(list => list.length && console.error(`${script} exited while asked`)));
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  next<T extends Message['type']>(type: T): Promise<Extract<Message, { type: T }>> {
    return new Promise(resolve => {
      const list = this.#waiting.get(type) ?? [];
      list.push(resolve as (message: Message) => void);
      this.#waiting.set(type, list);
    });
  }

  ask<T extends Message['type']>(command: Command, type: T): Promise<Extract<Message, { type: T }>> {
    const reply = this.next(type);
    this.#child.send(command as object);
    return reply;
  }

  send(command: Command): void {
    this.#child.send(command as object);
  }

  on(type: Message['type'], listener: (message: Message) => void): void {
    this.#listeners.set(type, listener);
  }

  async stop(command: Command): Promise<void> {
    this.#child.send(command as object);
    await this.exited;
  }
}

type Sim = Child<SimulatorCommand, SimulatorReply> & { url: string; token: string };
type Backend = Child<ScaleBackendCommand, ScaleBackendMessage>;
// The catalog process's protocol, as catalog-backend-module-kaito/bench/scaleCatalogProcess.ts declares it
// (a relative import of another package's file would break once the packages are built apart).
type ScaleCatalogCommand = { type: 'changed'; eventPayload: unknown } | { type: 'fullSync' } | { type: 'stats' } | { type: 'stop' };
type ScaleCatalogMessage =
  | { type: 'ready' }
  | { type: 'synced' }
  | { type: 'stats'; cpuMs: number; mutations: number; entitiesWritten: number; entitiesRemoved: number; reads: number; entities: number; pending: number };
type Catalog = Child<ScaleCatalogCommand, ScaleCatalogMessage>;

async function startSim(): Promise<Sim> {
  const child = new Child<SimulatorCommand, SimulatorReply>(join(__dirname, 'simulatorProcess.ts'), {});
  const ready = (await child.next('ready')) as { url: string; token: string };
  place(child.pid, 'api');
  return Object.assign(child, { url: ready.url, token: ready.token });
}

const namespaceOf = (i: number) => `ns-${pad(i % NAMESPACES, 2)}`;
const groupOf = (i: number) => `group:default/team-${pad(i % GROUPS, 2)}`;
const clusterOf = (i: number) => i % CLUSTERS;

function benchWorkspace(i: number, prefix = 'ws'): Workspace {
  const ws = phiWorkspace(`${prefix}-${pad(i)}`);
  ws.metadata.namespace = namespaceOf(i);
  ws.metadata.annotations = { [KaitoAnnotations.backstageOwner]: groupOf(i) };
  return ws;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

/** One HTTP request; resolves with status, body and how long it took. */
function call(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, res => {
      const chunks: Buffer[] = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function getJson(url: string) {
  const res = await call(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body);
}

const writesOf = (writes: WriteCounts) =>
  Object.entries(writes).reduce((n, [key, count]) => (/ (events|controllerrevisions)/.test(key) ? n : n + count), 0);

async function sumWrites(sims: Sim[]): Promise<number> {
  const counts = await Promise.all(sims.map(sim => sim.ask({ type: 'counts' }, 'counts')));
  return counts.reduce((n, c) => n + writesOf((c as { writes: WriteCounts }).writes), 0);
}

/** The simulators' CPU so far, in seconds. */
async function simCpuSeconds(sims: Sim[]): Promise<number> {
  const counts = await Promise.all(sims.map(sim => sim.ask({ type: 'counts' }, 'counts')));
  return counts.reduce((n, c) => n + (c as { cpuMs: number }).cpuMs, 0) / 1000;
}

/** An event stream read in the background; `onEvent` sees each `data:` message. */
function openStream(url: string, onEvent: (data: any) => void) {
  const req = http.get(url, { agent: false }, res => {
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (text: string) => {
      buffer += text;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop()!;
      for (const block of blocks) if (block.startsWith('data: ')) onEvent(JSON.parse(block.slice(6)));
    });
  });
  req.on('error', () => {});
  return () => req.destroy();
}

/** A streamed chat's time to its first content chunk, measured here. */
function ttft(url: string, headers: Record<string, string>, body: string, chatAgent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first: number | undefined;
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, agent: chatAgent }, res => {
      if ((res.statusCode ?? 500) >= 400) {
        res.resume();
        reject(new Error(`chat ${url}: HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        if (first === undefined && text.includes('"content"')) first = performance.now();
      });
      res.on('end', () => resolve((first ?? performance.now()) - started));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function chatTimes(url: string, headers: Record<string, string>, body: string) {
  const chatAgent = new http.Agent({ keepAlive: true, maxSockets: CHATS });
  // Chat i is user i's (x-bench-user): a burst from many people, as it comes in a portal.
  const as = (i: number) => ({ ...headers, 'x-bench-user': `bench-${i}` });
  const burst = () => Promise.all(Array.from({ length: CHATS }, (_, i) => ttft(url, as(i), body, chatAgent)));
  await burst(); // warm: kept-alive connections on both paths
  const bursts: number[] = [];
  for (let round = 0; round < 3; round++) bursts.push(...(await burst()));
  const spread: number[] = [];
  for (let i = 0; i < CHATS; i++) spread.push(await ttft(url, as(i), body, chatAgent));
  chatAgent.destroy();
  return { burstP50: percentile(bursts, 50), spreadP50: percentile(spread, 50) };
}

/** Strips what the API server sets, so a stored object can be created again under another workspace's name and namespace. */
function asTemplate(object: any, from: { name: string; namespace: string }, to: { name: string; namespace: string }, ownerUid: string): any {
  const json = JSON.stringify(object).split(from.name).join(to.name).split(`"${from.namespace}"`).join(`"${to.namespace}"`);
  const copy = JSON.parse(json);
  const { name, namespace, labels, annotations, ownerReferences, finalizers } = copy.metadata;
  copy.metadata = { name, namespace, labels, annotations, finalizers };
  if (ownerReferences) copy.metadata.ownerReferences = ownerReferences.map((ref: any) => ({ ...ref, uid: ownerUid }));
  delete copy.status;
  return copy;
}

const PATHS: Record<string, (o: any) => string> = {
  'nodeclaims.karpenter.sh': () => '/apis/karpenter.sh/v1/nodeclaims',
  services: o => `/api/v1/namespaces/${o.metadata.namespace}/services`,
  'statefulsets.apps': o => `/apis/apps/v1/namespaces/${o.metadata.namespace}/statefulsets`,
};

/**
 * Which of a cluster's StatefulSets are ready, from one watch of them all (what a
 * bare client would use, rather than polling each): `whenReady(ns/name)` resolves
 * once the StatefulSet has every replica ready at its latest spec.
 */
function watchStatefulSetReadiness(sim: Sim): { whenReady(key: string): Promise<void>; close(): void } {
  const ready = new Set<string>();
  const waiting = new Map<string, () => void>();
  const seen = (event: { type?: string; object?: any }) => {
    const object = event.object;
    // A watch can end with an ERROR (a Status) or carry a BOOKMARK: neither is a StatefulSet's state.
    if ((event.type !== 'ADDED' && event.type !== 'MODIFIED') || !object?.metadata) return;
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    const { replicas = 1 } = object.spec ?? {};
    const { readyReplicas = 0, observedGeneration = 0 } = object.status ?? {};
    if (readyReplicas < replicas || observedGeneration < (object.metadata.generation ?? 0) || ready.has(key)) return;
    ready.add(key);
    waiting.get(key)?.();
    waiting.delete(key);
  };
  let closed = false;
  // A lost watch would leave the bare client waiting for ever: fail the benchmark instead.
  let watchLost: (error: Error) => void = () => undefined;
  const lost = new Promise<never>((_, reject) => {
    watchLost = reject;
  });
  lost.catch(() => undefined);
  const req = http.get(`${sim.url}/apis/apps/v1/statefulsets?watch=1`, { headers: { Authorization: `Bearer ${sim.token}` }, agent: false }, res => {
    let partial = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) if (line) seen(JSON.parse(line));
    });
    res.on('end', () => {
      if (!closed) watchLost(new Error(`the StatefulSet watch of ${sim.url} ended`));
    });
  });
  req.on('error', error => {
    if (!closed) watchLost(error);
  });
  return {
    whenReady: key => (ready.has(key) ? Promise.resolve() : Promise.race([new Promise<void>(resolve => waiting.set(key, resolve)), lost])),
    close: () => {
      closed = true;
      req.destroy();
    },
  };
}

/**
 * The bare client: for each workspace, the NodeClaim, both Services, the
 * StatefulSet, the metadata patch and the two status writes the controller
 * made (copied from its objects), over keep-alive HTTP to the same kind of
 * simulators (counting its requests as the controller's), at the
 * controller's concurrency. Timed as the controller
 * is: from submitting the workspaces until every one's Ready status is
 * written, and like any truthful client it writes Ready only once the
 * cluster has the StatefulSet's pod ready (seen on one watch per cluster;
 * its workers meanwhile go on with the next workspace). `writesSeconds` is
 * when its last write before that wait was acknowledged, the floor of
 * writing alone.
 */
type Children = Extract<SimulatorReply, { type: 'children' }>;

/** What the controller made for each cluster's first workspace: the bare client's templates. */
async function controllerChildren(sims: Sim[]): Promise<Children[]> {
  return Promise.all(sims.map((sim, k) => sim.ask({ type: 'children', namespace: namespaceOf(k), name: `ws-${pad(k)}` }, 'children') as Promise<Children>));
}

/** Simulated clusters, each in its own process, holding the benchmark's namespaces. */
async function startSims(): Promise<Sim[]> {
  const sims = await Promise.all(Array.from({ length: CLUSTERS }, () => startSim()));
  const namespaces = Array.from({ length: Math.min(NAMESPACES, WORKSPACES) }, (_, i) => namespaceOf(i));
  await Promise.all(sims.map(sim => sim.ask({ type: 'namespaces', names: namespaces }, 'namespaces')));
  return sims;
}

async function bareClient(
  sims: Sim[],
  templates: Children[],
): Promise<{ seconds: number; writesSeconds: number; writesPerWorkspace: number; simCpuSeconds: number; clientCpuSeconds: number }> {
  const perCluster = sims.map((sim, k) => {
    const indexes = Array.from({ length: WORKSPACES }, (_, i) => i).filter(i => clusterOf(i) === k);
    return { sim, template: `ws-${pad(k)}`, children: templates[k], indexes, readiness: watchStatefulSetReadiness(sim) };
  });
  await Promise.all(sims.map(sim => sim.ask({ type: 'resetCounts' }, 'counts')));
  const simCpuBefore = await simCpuSeconds(sims);
  // The bare client runs in this process, with nothing else to do meanwhile.
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  let writesDone = 0;
  await Promise.all(
    perCluster.map(async ({ sim, template, children, indexes, readiness }) => {
      const created = await sim.ask({ type: 'create', workspaces: indexes.map(i => benchWorkspace(i, 'bare')) }, 'created');
      const uids = (created as { uids: string[] }).uids;
      const headers = { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' };
      const finalStatus = children.workspace.status;
      const firstStatus = { ...finalStatus, conditions: (finalStatus?.conditions ?? []).filter((c: any) => c.type === 'ResourceReady').map((c: any) => ({ ...c, status: 'False', reason: 'Pending' })) };
      const write = async (method: string, path: string, body: object, contentType = 'application/json') => {
        const res = await call(`${sim.url}${path}`, { method, headers: { ...headers, 'Content-Type': contentType }, body: JSON.stringify(body) });
        if (res.status >= 300) throw new Error(`bare ${method} ${path}: ${res.status} ${res.body.slice(0, 300)}`);
      };
      const wsPath = (i: number) => `/apis/kaito.sh/v1beta1/namespaces/${namespaceOf(i)}/workspaces/bare-${pad(i)}`;
      // A workspace whose StatefulSet turned ready is finished before a new one is started, as a work queue would.
      const readyToFinish: number[] = [];
      const idle: Array<() => void> = [];
      const wakeAll = () => idle.splice(0).forEach(wake => wake());
      let next = 0;
      let finished = 0;
      const start = async (slot: number) => {
        const i = indexes[slot];
        const name = `bare-${pad(i)}`;
        for (const { plural, object } of children.objects) {
          const body = asTemplate(object, { name: template, namespace: namespaceOf(clusterOf(i)) }, { name, namespace: namespaceOf(i) }, uids[slot]);
          if (plural === 'nodeclaims.karpenter.sh') body.metadata.name = `bare${pad(i)}nc`;
          await write('POST', PATHS[plural](body), body);
        }
        await write('PATCH', wsPath(i), { metadata: { finalizers: children.workspace.metadata.finalizers, annotations: children.workspace.metadata.annotations } }, 'application/merge-patch+json');
        await write('PATCH', `${wsPath(i)}/status`, { status: firstStatus }, 'application/merge-patch+json');
        writesDone = Math.max(writesDone, performance.now());
        readiness.whenReady(`${namespaceOf(i)}/${name}`).then(
          () => {
            readyToFinish.push(slot);
            wakeAll();
          },
          error => {
            console.error(`bare client: ${error.message}`);
            process.exit(1);
          },
        );
      };
      await Promise.all(
        Array.from({ length: WORKERS_PER_CLUSTER }, async () => {
          while (finished < indexes.length) {
            const ready = readyToFinish.shift();
            if (ready !== undefined) {
              await write('PATCH', `${wsPath(indexes[ready])}/status`, { status: finalStatus }, 'application/merge-patch+json');
              if (++finished === indexes.length) wakeAll();
            } else if (next < indexes.length) {
              await start(next++);
            } else {
              await new Promise<void>(resolve => idle.push(resolve));
            }
          }
        }),
      );
      readiness.close();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  return {
    seconds,
    clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6,
    writesSeconds: (writesDone - started) / 1000,
    writesPerWorkspace: (await sumWrites(sims)) / WORKSPACES,
    simCpuSeconds: (await simCpuSeconds(sims)) - simCpuBefore,
  };
}

async function main() {
  const lines: string[] = [];
  const report = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  console.log(`scale benchmark: ${WORKSPACES} workspaces, ${CLUSTERS} clusters, ${NAMESPACES} namespaces, ${GROUPS} owner groups, ${STREAMS} live streams, ${CHATS} chats`);
  console.log(
    CPU_PLACEMENT.mode === 'split'
      ? `CPUs split (BENCH_CPUS=split): the simulated API servers on CPU ${CPU_PLACEMENT.api}, the portal's processes and the bare client on CPU ${CPU_PLACEMENT.portal}; the chats' client on the API servers' CPU`
      : 'CPUs shared (BENCH_CPUS=shared): every process on every CPU',
  );
  place(process.pid, 'portal');
  const sims = await startSims();
  const groups = Array.from({ length: GROUPS }, (_, i) => groupOf(i));

  const backend: Backend = new Child(join(__dirname, 'scaleBackendProcess.ts'), { clusters: sims.map(s => ({ url: s.url, token: s.token })), groups });
  const { port } = await backend.next('ready');
  place(backend.pid, 'portal');
  const api = `http://127.0.0.1:${port}/api/kaito`;
  const catalog: Catalog = new Child(join(__dirname, '../../catalog-backend-module-kaito/bench/scaleCatalogProcess.ts'), { baseUrl: api });
  await catalog.next('ready');
  place(catalog.pid, 'portal');
  backend.on('changed', message => catalog.send({ type: 'changed', eventPayload: (message as { eventPayload: unknown }).eventPayload }));
  await catalog.ask({ type: 'fullSync' }, 'synced');

  const idle = await backend.ask({ type: 'stats' }, 'stats');
  const catalogBefore = await catalog.ask({ type: 'stats' }, 'stats');
  await Promise.all(sims.map(sim => sim.ask({ type: 'resetCounts' }, 'counts')));
  const simCpuBefore = await simCpuSeconds(sims);

  // 1. Every workspace at once; Ready when the REST API says so.
  const started = performance.now();
  await Promise.all(
    sims.map((sim, k) =>
      sim.ask({ type: 'create', workspaces: Array.from({ length: WORKSPACES }, (_, i) => i).filter(i => clusterOf(i) === k).map(i => benchWorkspace(i)) }, 'created'),
    ),
  );
  for (;;) {
    const { total } = await getJson(`${api}/workspaces?state=Ready&limit=1`);
    if (total === WORKSPACES) break;
    // KAITO_BENCH_PROGRESS=1 (diagnostic): how many are Ready, every poll.
    if (process.env.KAITO_BENCH_PROGRESS === '1') console.log(`    ${((performance.now() - started) / 1000).toFixed(2)} s: ${total} Ready`);
    if (performance.now() - started > TIMEOUT_MS) throw new Error(`only ${total} of ${WORKSPACES} Ready after ${TIMEOUT_MS / 1000} s`);
    await sleep(250);
  }
  const readySeconds = (performance.now() - started) / 1000;
  // How busy the controller's process was meanwhile: near one core means it is what sets the pace.
  const atReady = await backend.ask({ type: 'stats' }, 'stats');
  const readyCpuShare = (atReady.cpuMs - idle.cpuMs) / (readySeconds * 1000);
  const simCpuWhileReady = (await simCpuSeconds(sims)) - simCpuBefore;
  const catalogAtReady = await catalog.ask({ type: 'stats' }, 'stats');
  progress(
    `all Ready in ${readySeconds.toFixed(1)} s (backend CPU ${(readyCpuShare * 100).toFixed(0)}% of a core; ` +
      `${atReady.requests - idle.requests} REST requests, ${atReady.lookups - idle.lookups} of them the catalog's reads)`,
  );
  // Settled: no write for 2 s.
  let writes = await sumWrites(sims);
  for (let quiet = 0; quiet < 4; ) {
    await sleep(500);
    const now = await sumWrites(sims);
    quiet = now === writes ? quiet + 1 : 0;
    writes = now;
  }
  const writesPerWorkspace = writes / WORKSPACES;
  // Reads the controller made meanwhile (gets, lists, watches opened), per workspace.
  const simCounts = (await Promise.all(sims.map(sim => sim.ask({ type: 'counts' }, 'counts')))) as Array<{ counts: RequestCounts; writes: WriteCounts }>;
  const readsPerWorkspace = (verb: 'get' | 'list' | 'watch') => simCounts.reduce((n, c) => n + c.counts[verb], 0) / WORKSPACES;
  const eventsPerWorkspace =
    simCounts.reduce((n, c) => n + Object.entries(c.writes).reduce((m, [key, count]) => (/ events$/.test(key) ? m + count : m), 0), 0) / WORKSPACES;
  const loaded = await backend.ask({ type: 'stats' }, 'stats');
  const heapPer1000 = ((loaded.heapMiB - idle.heapMiB) / WORKSPACES) * 1000;
  // The catalog has mirrored every workspace from change events.
  let catalogLoaded = await catalog.ask({ type: 'stats' }, 'stats');
  while (catalogLoaded.pending > 0 || catalogLoaded.entities < WORKSPACES) {
    if (performance.now() - started > TIMEOUT_MS) throw new Error(`the catalog mirrors ${catalogLoaded.entities} of ${WORKSPACES}`);
    await sleep(250);
    catalogLoaded = await catalog.ask({ type: 'stats' }, 'stats');
  }
  const burstMinutes = (performance.now() - started) / 60_000;

  progress(`catalog mirrors ${catalogLoaded.entities}; steady state for ${STEADY_SECONDS} s`);
  // 2. Steady state: nothing changes for a while, then a full catalog resync.
  const steadyFrom = { writes: await sumWrites(sims), catalog: await catalog.ask({ type: 'stats' }, 'stats'), at: performance.now() };
  await sleep(STEADY_SECONDS * 1000);
  const steadyWrites = (await sumWrites(sims)) - steadyFrom.writes;
  const catalogSteady = await catalog.ask({ type: 'stats' }, 'stats');
  const steadyMinutes = (performance.now() - steadyFrom.at) / 60_000;
  await catalog.ask({ type: 'fullSync' }, 'synced');
  const catalogResynced = await catalog.ask({ type: 'stats' }, 'stats');

  progress('API latency');
  // 3. API latency on the loaded backend.
  const keyAt = (i: number) => ({ cluster: `c${clusterOf(i)}`, namespace: namespaceOf(i), name: `ws-${pad(i)}` });
  const random = (n: number) => Math.floor(Math.random() * n);
  const timed = async (count: number, url: () => string) => {
    const times: number[] = [];
    for (let n = 0; n < count; n++) {
      const res = await call(url());
      if (res.status !== 200) throw new Error(`${url()}: ${res.status} ${res.body.slice(0, 200)}`);
      times.push(res.ms);
    }
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  };
  const sorts = ['key', 'createdAt', 'state', 'costPerHour', 'name'];
  const listAll = await timed(30, () => `${api}/workspaces`);
  const paged = await timed(300, () => {
    const filters = [
      () => '',
      () => `&namespace=${namespaceOf(random(NAMESPACES))}`,
      () => `&owner=${encodeURIComponent(groupOf(random(GROUPS)))}`,
      () => `&q=${pad(random(WORKSPACES), 4)}`,
    ];
    const filter = filters[random(filters.length)]();
    return `${api}/workspaces?limit=50&offset=${random(Math.max(1, WORKSPACES - 50))}&sort=${sorts[random(sorts.length)]}${filter}`;
  });
  const detail = await timed(300, () => {
    const k = keyAt(random(WORKSPACES));
    return `${api}/workspaces/${k.cluster}/${k.namespace}/${k.name}`;
  });

  progress(`${STREAMS} live streams`);
  // 4. Live streams: tabs on workspaces and list pages; a change on the API server to the event leaving the backend.
  const tabs = Math.round(STREAMS * 0.75);
  const listPages = STREAMS - tabs;
  const firstEvents = new Set<number>();
  const tabLatencies: number[] = [];
  const listLatencies: number[] = [];
  // A const holder: the stream callbacks made in the loops below read whichever probe is current.
  const probing: { probe?: { value: string; sentAt: number; tab: number; listSeen: Set<number> } } = {};
  const closers: Array<() => void> = [];
  const tabWorkspace = (t: number) => (t * Math.floor(WORKSPACES / tabs)) % WORKSPACES;
  for (let t = 0; t < tabs; t++) {
    const k = keyAt(tabWorkspace(t));
    closers.push(
      openStream(`${api}/workspaces/${k.cluster}/${k.namespace}/${k.name}/stream`, event => {
        firstEvents.add(t);
        const probe = probing.probe;
        if (probe?.tab === t && event.workspace?.workspace?.metadata?.annotations?.['bench.kaito.sh/probe'] === probe.value) {
          tabLatencies.push(Date.now() - probe.sentAt);
          probe.tab = -1;
        }
      }),
    );
  }
  for (let l = 0; l < listPages; l++) {
    closers.push(
      openStream(`${api}/workspaces/stream?limit=50&offset=${(l * 50) % WORKSPACES}`, () => {
        firstEvents.add(tabs + l);
        const probe = probing.probe;
        if (probe && !probe.listSeen.has(l)) {
          probe.listSeen.add(l);
          listLatencies.push(Date.now() - probe.sentAt);
        }
      }),
    );
  }
  while (firstEvents.size < STREAMS) await sleep(100);
  await sleep(1000);
  const openBefore = await backend.ask({ type: 'stats' }, 'stats');
  const openedAt = performance.now();
  const PROBES = 60;
  for (let n = 0; n < PROBES; n++) {
    const t = random(tabs);
    const i = tabWorkspace(t);
    const probe = { value: `p${n}`, sentAt: Date.now(), tab: t, listSeen: new Set<number>() };
    probing.probe = probe;
    await sims[clusterOf(i)].ask({ type: 'touch', namespace: namespaceOf(i), name: `ws-${pad(i)}`, value: probe.value }, 'touched');
    const deadline = Date.now() + 5000;
    while ((probe.tab !== -1 || probe.listSeen.size < listPages) && Date.now() < deadline) await sleep(5);
    await sleep(300); // past the list streams' coalescing window
  }
  probing.probe = undefined;
  const openAfter = await backend.ask({ type: 'stats' }, 'stats');
  const openSeconds = (performance.now() - openedAt) / 1000;
  closers.forEach(close => close());
  const streamLatencies = [...tabLatencies, ...listLatencies];

  progress(`chat, ${CHATS} at once`);
  // 5. Chat: 50 at once through the portal against the same 50 straight to the API server's service proxy.
  const chatBody = { messages: [{ role: 'user', content: 'What is Kubernetes?' }], stream: true, max_tokens: 16 };
  const chatTarget = keyAt(0);
  const directUrl = `${sims[0].url}/api/v1/namespaces/${chatTarget.namespace}/services/${chatTarget.name}:80/proxy/v1/chat/completions`;
  const directBody = JSON.stringify({ model: 'phi-3-mini-4k-instruct', ...chatBody });
  // This process plays the users' browsers now: with BENCH_CPUS=split it joins the API servers' CPU, so
  // what every path has (the client, the API server) shares one CPU and the relay measured has the other.
  place(process.pid, 'api');
  const direct = await chatTimes(directUrl, { Authorization: `Bearer ${sims[0].token}` }, directBody);
  // The floor of any relay on this machine: a bare Node relay (no auth, checks or bookkeeping) to the same upstream.
  const relay = await startBareRelayProcess({ url: directUrl, token: sims[0].token });
  place(relay.pid, 'portal');
  const relayed = await chatTimes(`http://127.0.0.1:${relay.port}/`, {}, directBody);
  await relay.stop();
  const proxied = await chatTimes(`${api}/workspaces/${chatTarget.cluster}/${chatTarget.namespace}/${chatTarget.name}/chat`, {}, JSON.stringify(chatBody));
  place(process.pid, 'portal');

  progress('bare client');
  // 6. The bare client, once the controller has stopped, on new simulators: empty clusters, as the controller had.
  await backend.stop({ type: 'stop' });
  await catalog.stop({ type: 'stop' });
  const templates = await controllerChildren(sims);
  await Promise.all(sims.map(sim => sim.stop({ type: 'stop' })));
  const bareSims = await startSims();
  const bare = await bareClient(bareSims, templates);
  await Promise.all(bareSims.map(sim => sim.stop({ type: 'stop' })));
  agent.destroy();

  const f = (n: number, digits = 1) => n.toFixed(digits);
  const catalogBurstCpu = (catalogLoaded.cpuMs - catalogBefore.cpuMs) / burstMinutes;
  const catalogSteadyCpu = (catalogSteady.cpuMs - steadyFrom.catalog.cpuMs) / steadyMinutes;
  const readyRatio = readySeconds / bare.seconds;
  const writesRatio = writesPerWorkspace / BOUND_WRITES;
  const addedBurst = proxied.burstP50 - direct.burstP50;
  const addedSpread = proxied.spreadP50 - direct.spreadP50;
  report('');
  report(`| figure | measured | target | |`);
  report(`|---|---|---|---|`);
  const placement = CPU_PLACEMENT.mode === 'split' ? 'API servers and portal on their own CPUs' : 'every process on every CPU';
  report(`| all ${WORKSPACES} Ready (${placement}) | ${f(readySeconds)} s (backend ${f(readyCpuShare * 100, 0)}% of a core); bare client ${f(bare.seconds)} s to Ready; ratio ${f(readyRatio, 2)}× (against its writes before waiting on readiness, ${f(bare.writesSeconds)} s: ${f(readySeconds / bare.writesSeconds, 2)}×) | ≤ ${TARGETS.readyRatio}× | ${verdict(readyRatio <= TARGETS.readyRatio)} |`);
  const backendCpuWhileReady = (atReady.cpuMs - idle.cpuMs) / 1000;
  const catalogCpuWhileReady = (catalogAtReady.cpuMs - catalogBefore.cpuMs) / 1000;
  // Both runs are CPU-bound on a small machine: the ratio of all the CPU they took says less about the host's speed that hour.
  const cpuRatio = (simCpuWhileReady + backendCpuWhileReady + catalogCpuWhileReady) / (bare.simCpuSeconds + bare.clientCpuSeconds);
  report(`| CPU while they become Ready | simulators ${f(simCpuWhileReady)} s, backend ${f(backendCpuWhileReady)} s, catalog module ${f(catalogCpuWhileReady)} s; for the bare client: simulators ${f(bare.simCpuSeconds)} s, the client ${f(bare.clientCpuSeconds)} s; all the CPU, controller to bare: ${f(cpuRatio, 2)}× | — | |`);
  report(`| reads / workspace | ${f(readsPerWorkspace('get'), 2)} gets, ${f(readsPerWorkspace('list'), 2)} lists, ${f(readsPerWorkspace('watch'), 2)} watches (bare: one watch per cluster) | — | |`);
  report(`| Events / workspace | ${f(eventsPerWorkspace, 2)} created or counted up (not in the writes above) | — | |`);
  // What the controllers' informers received while the workspaces became Ready, and the change events they made.
  const perWorkspace = (before: number | undefined, after: number | undefined) => ((after ?? 0) - (before ?? 0)) / WORKSPACES;
  const watched = Object.keys(atReady.watchEvents)
    .map(kind => ({ kind, count: perWorkspace(idle.watchEvents[kind], atReady.watchEvents[kind]) }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => b.count - a.count);
  const watchedTotal = watched.reduce((n, { count }) => n + count, 0);
  report(
    `| watch events / workspace, until Ready | ${f(watchedTotal, 1)} (${watched.map(({ kind, count }) => `${kind} ${f(count, 1)}`).join(', ')}); reconciles: ${f(perWorkspace(idle.reconciles, atReady.reconciles), 1)}; kaito.workspace.changed published: ${f(perWorkspace(idle.published, atReady.published), 2)} | — | |`,
  );
  report(`| writes / workspace | ${f(writesPerWorkspace, 2)} (bare ${f(bare.writesPerWorkspace, 2)}); ratio to the bound ${BOUND_WRITES}: ${f(writesRatio, 2)}× | ≤ ${TARGETS.writesRatio}× | ${verdict(writesRatio <= TARGETS.writesRatio)} |`);
  report(`| controller heap / 1,000 ws | ${f(heapPer1000)} MiB (heap ${f(loaded.heapMiB)} MiB, RSS ${f(loaded.rssMiB)} MiB; idle ${f(idle.heapMiB)} / ${f(idle.rssMiB)}) | < ${TARGETS.heapMiBPer1000} MiB | ${verdict(heapPer1000 < TARGETS.heapMiBPer1000)} |`);
  report(`| steady-state writes (${STEADY_SECONDS} s) | ${steadyWrites} | 0 | ${verdict(steadyWrites === 0)} |`);
  report(`| steady-state catalog writes | ${catalogSteady.mutations - steadyFrom.catalog.mutations} mutations; full resync after: ${catalogResynced.mutations - catalogSteady.mutations} | 0 | ${verdict(catalogResynced.mutations === steadyFrom.catalog.mutations)} |`);
  report(`| catalog module writes to mirror ${WORKSPACES} | ${catalogLoaded.mutations - catalogBefore.mutations} mutations, ${catalogLoaded.entitiesWritten - catalogBefore.entitiesWritten} entities (${f((catalogLoaded.entitiesWritten - catalogBefore.entitiesWritten) / WORKSPACES, 2)} per workspace); ${f((catalogLoaded.reads - catalogBefore.reads) / WORKSPACES, 2)} reads of the backend per workspace | 1 per workspace | ${verdict(catalogLoaded.entitiesWritten - catalogBefore.entitiesWritten === WORKSPACES)} |`);
  report(`| catalog module CPU | ${f(catalogBurstCpu, 0)} ms/min while ${WORKSPACES} appear; ${f(catalogSteadyCpu, 0)} ms/min steady; ${f(catalogResynced.cpuMs - catalogSteady.cpuMs, 0)} ms per full resync | — | |`);
  report(`| GET /workspaces (all ${WORKSPACES}) | p50 ${f(listAll.p50)} ms, p99 ${f(listAll.p99)} ms | — | |`);
  report(`| GET /workspaces?limit=50 (sorted, filtered) | p50 ${f(paged.p50)} ms, p99 ${f(paged.p99)} ms | p99 < ${TARGETS.pagedP99Ms} ms | ${verdict(paged.p99 < TARGETS.pagedP99Ms)} |`);
  report(`| GET /workspaces/:c/:ns/:name | p50 ${f(detail.p50)} ms, p99 ${f(detail.p99)} ms | — | |`);
  report(`| change → stream, ${STREAMS} open (${tabs} tabs, ${listPages} list pages) | p50 ${f(percentile(streamLatencies, 50), 0)} ms, p99 ${f(percentile(streamLatencies, 99), 0)} ms (tabs p99 ${f(percentile(tabLatencies, 99), 0)}, lists p99 ${f(percentile(listLatencies, 99), 0)}; ${tabLatencies.length}/${PROBES} tab probes seen) | p99 < ${TARGETS.streamP99Ms} ms | ${verdict(percentile(streamLatencies, 99) < TARGETS.streamP99Ms && tabLatencies.length === PROBES)} |`);
  report(`| backend while ${STREAMS} streams are open | CPU ${f(((openAfter.cpuMs - openBefore.cpuMs) / (openSeconds * 1000)) * 100, 0)}% of a core, heap ${f(openAfter.heapMiB)} MiB, RSS ${f(openAfter.rssMiB)} MiB | — | |`);
  const floor = (p50: number, directP50: number) => `a bare Node relay adds ${f(p50 - directP50, 2)} ms (the floor of any relay here)`;
  report(`| chat TTFT, ${CHATS} at once | portal ${f(proxied.burstP50, 2)} ms, direct ${f(direct.burstP50, 2)} ms: adds ${f(addedBurst, 2)} ms at p50; ${floor(relayed.burstP50, direct.burstP50)} | < ${TARGETS.burstAddedMs} ms | ${verdict(addedBurst < TARGETS.burstAddedMs)} |`);
  report(`| chat TTFT, one at a time | portal ${f(proxied.spreadP50, 2)} ms, direct ${f(direct.spreadP50, 2)} ms: adds ${f(addedSpread, 2)} ms at p50; ${floor(relayed.spreadP50, direct.spreadP50)} | < ${TARGETS.spreadAddedMs} ms | ${verdict(addedSpread < TARGETS.spreadAddedMs)} |`);
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
