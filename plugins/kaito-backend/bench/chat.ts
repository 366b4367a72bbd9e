/* eslint-disable no-console */
/**
 * Chat proxy benchmark: 50 concurrent streamed chats through the Kaito REST
 * route (permission check, rate limit, audit, service proxy) against the same
 * chats sent straight to the simulated model through the API server's service
 * proxy, and through a bare Node relay (bareRelayProcess.ts: the floor any
 * relay adds). Prints the time to first token and the per-chunk interval,
 * p50/p99, what the portal adds (all at once, one at a time, and with every
 * stream busy), and the CPU each chat costs the portal and the bare relay
 * (steadier than latency on a busy machine). A fourth path is the same route
 * in a Backstage backend (policyBackendProcess.ts) with the permission
 * backend, the shipped policy and Backstage's own auth: every chat carries a
 * user token its auth backend signed, verified as in any portal.
 * Run: yarn bench:chat [--streams 50] [--tokens 64] [--seconds 10]
 * Placement (cpuPlacement.ts): with BENCH_CPUS=split, the default where `taskset` can pin, this
 * client and the simulated API server share CPU 0 on every path, and the portal or the bare relay
 * has the other CPUs, as a user's browser and a cluster never run on the portal's machine;
 * BENCH_CPUS=shared lets every process run anywhere.
 * Diagnostics of the portal's process (backendProcess.ts): KAITO_BENCH_PROFILE,
 * KAITO_BENCH_NO_BOOKKEEPING=1, KAITO_BENCH_COUNT_SQL=1, KAITO_BENCH_TIMELINE=<file>.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { startBackendProcess, startBareRelayProcess, startPolicyBackendProcess, startSimProcess } from './startSimProcess';
import { CPU_PLACEMENT, place } from './cpuPlacement';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const STREAMS = arg('streams', 50);
const TOKENS = arg('tokens', 64);
const TOKEN_DELAY_MS = arg('token-delay', 5);
const STEADY_SECONDS = arg('seconds', 10);

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

interface StreamTiming {
  ttftMs: number;
  /** TTFT as the portal measured it (from the kaito.metrics event), if proxied. */
  portalTtftMs?: number;
  /** Mean time between chunks after the first, as the client saw them. */
  perChunkMs: number;
}

/** One streamed chat; times measured on the client. */
function chat(url: URL, headers: Record<string, string>, body: string, agent: http.Agent): Promise<StreamTiming> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first: number | undefined;
    let last = 0;
    let count = 0;
    let portalTtft: number | undefined;
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, agent, rejectUnauthorized: false }, res => {
      if ((res.statusCode ?? 500) >= 400) {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () => reject(new Error(`HTTP ${res.statusCode} from ${url.pathname}: ${text.slice(0, 500)}`)));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        const now = performance.now();
        const metrics = /"timeToFirstTokenMs":([\d.]+)/.exec(text);
        if (metrics) portalTtft = Number(metrics[1]);
        const chunks = text.split('\n').filter(l => l.startsWith('data: {') && l.includes('"content"')).length;
        if (chunks === 0) return;
        first ??= now;
        last = now;
        count += chunks;
      });
      res.on('end', () =>
        resolve({
          ttftMs: (first ?? performance.now()) - started,
          portalTtftMs: portalTtft,
          perChunkMs: count > 1 ? (last - first!) / (count - 1) : 0,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); undefined elsewhere. */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the name), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Who chat i of a burst is to the path: bench user i, named in `x-bench-user` to the router alone, in a token to the whole portal. */
type Users = (user: string) => Record<string, string>;
const benchUserHeader: Users = user => ({ 'x-bench-user': user });

/**
 * Signs the bench users in to the policy portal (its `test` provider: packages/backend's testSignIn.ts)
 * before anything is timed: each chat then carries a real user token, a JWT the portal verifies as any portal does.
 */
async function signedInUsers(portal: string, names: string[]): Promise<Users> {
  const tokens = new Map<string, string>();
  for (const name of names) {
    const res = await fetch(`${portal}/api/auth/test/refresh?user=${encodeURIComponent(name)}`);
    if (!res.ok) throw new Error(`sign-in of ${name}: HTTP ${res.status} ${await res.text()}`);
    tokens.set(name, (await res.json()).backstageIdentity.token);
  }
  return user => {
    const token = tokens.get(user);
    if (!token) throw new Error(`${user} was not signed in before the run`);
    return { Authorization: `Bearer ${token}` };
  };
}

async function run(label: string, url: URL, headers: Record<string, string>, body: string, relayPid?: number, users: Users = benchUserHeader) {
  const agent = url.protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets: STREAMS, rejectUnauthorized: false }) : new http.Agent({ keepAlive: true, maxSockets: STREAMS });
  // Warm up at full concurrency so both paths measure kept-alive connections.
  // Chat i is user i's: a burst from many people, as it comes in a portal.
  const as = (i: number) => ({ ...headers, ...users(`bench-${i}`) });
  await Promise.all(Array.from({ length: STREAMS }, (_, i) => chat(url, as(i), body, agent)));
  const rounds: StreamTiming[] = [];
  const cpuBefore = cpuMsOf(relayPid);
  for (let round = 0; round < 3; round++) {
    rounds.push(...(await Promise.all(Array.from({ length: STREAMS }, (_, i) => chat(url, as(i), body, agent)))));
  }
  const cpuAfter = cpuMsOf(relayPid);
  const cpuPerChatMs = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / rounds.length : undefined;
  // One at a time: the added latency of a chat that meets no other (issue #16: under 1 ms).
  const alone: number[] = [];
  for (let i = 0; i < STREAMS; i++) alone.push((await chat(url, as(i), body, agent)).ttftMs);
  // Steady state: STREAMS workers, each starting its next chat when the last
  // ends, so every request starts while about STREAMS - 1 others are streaming.
  const steady: StreamTiming[] = [];
  const until = performance.now() + STEADY_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: STREAMS }, async (_, i) => {
      while (performance.now() < until) steady.push(await chat(url, as(i), body, agent));
    }),
  );
  agent.destroy();
  const steadyTtft = steady.map(t => t.ttftMs);
  const ttft = rounds.map(t => t.ttftMs);
  const perChunk = rounds.map(t => t.perChunkMs);
  const portal = rounds.map(t => t.portalTtftMs).filter((t): t is number => t !== undefined);
  return { label, cpuPerChatMs, aloneTtftP50: percentile(alone, 50), steadyTtftP50: percentile(steadyTtft, 50), steadyTtftP99: percentile(steadyTtft, 99), steadyCount: steady.length, portalTtftP50: portal.length ? percentile(portal, 50) : undefined, ttftP50: percentile(ttft, 50), ttftP99: percentile(ttft, 99), chunkP50: percentile(perChunk, 50), chunkP99: percentile(perChunk, 99), chunks: rounds.length };
}

/**
 * Chats of users the portal has not seen (bench-<from + i>): their permission answers are not
 * kept yet (kaito.permissions.decisionCacheSeconds), so each asks the permission backend.
 * TTFT p50 of STREAMS at once, then of STREAMS one at a time.
 */
async function unseenUsers(url: URL, body: string, users: Users, from: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: STREAMS });
  // Warm connections, with users of their own.
  await Promise.all(Array.from({ length: STREAMS }, (_, i) => chat(url, users(`bench-${from + i}`), body, agent)));
  const burst = await Promise.all(Array.from({ length: STREAMS }, (_, i) => chat(url, users(`bench-${from + STREAMS + i}`), body, agent)));
  const alone: number[] = [];
  for (let i = 0; i < STREAMS; i++) alone.push((await chat(url, users(`bench-${from + 2 * STREAMS + i}`), body, agent)).ttftMs);
  agent.destroy();
  return { burstP50: percentile(burst.map(t => t.ttftMs), 50), aloneP50: percentile(alone, 50) };
}

async function main() {
  // Three processes, as in production: the simulated cluster, the portal
  // backend, and this client. Nothing measured shares an event loop.
  const sim = await startSimProcess({
    tls: !process.argv.includes('--no-tls'),
    behaviour: {
      provisioner: { delayMs: 0 },
      kubelet: { imagePullMs: 0, modelLoadMs: 0 },
      modelServer: { tokenDelayMs: TOKEN_DELAY_MS },
    },
  });
  const backend = await startBackendProcess(sim);
  // BENCH_CPUS=split: what every path has (this client, the API server) on one CPU, the relay being measured on the other.
  place(process.pid, 'api');
  place(sim.pid, 'api');
  place(backend.pid, 'portal');
  const port = backend.port;

  const body = JSON.stringify({ messages: [{ role: 'user', content: 'Explain Kubernetes in detail.' }], stream: true, max_tokens: TOKENS });
  const direct = await run(
    'direct (API server service proxy)',
    new URL(`${sim.url}/api/v1/namespaces/default/services/phi:80/proxy/v1/chat/completions`),
    { Authorization: `Bearer ${sim.token}` },
    JSON.stringify({ model: 'phi-3-mini-4k-instruct', ...JSON.parse(body) }),
  );
  const relay = await startBareRelayProcess({ url: `${sim.url}/api/v1/namespaces/default/services/phi:80/proxy/v1/chat/completions`, token: sim.token });
  place(relay.pid, 'portal');
  const bare = await run('bare Node relay (the floor)', new URL(`http://127.0.0.1:${relay.port}/`), {}, JSON.stringify({ model: 'phi-3-mini-4k-instruct', ...JSON.parse(body) }), relay.pid);
  await relay.stop();
  const proxied = await run('through /api/kaito/.../chat', new URL(`http://127.0.0.1:${port}/api/kaito/workspaces/sim/default/phi/chat`), {}, body, backend.pid);
  await backend.stop();
  // The same route in a Backstage backend with its permission framework: each chat's identity and permission checked for real.
  const portal = await startPolicyBackendProcess(sim);
  place(portal.pid, 'portal');
  // Past the users of the runs before (bench-0 … bench-<streams - 1>), so none of their answers are kept.
  const UNSEEN_FROM = Math.max(500, STREAMS);
  const signedIn = await signedInUsers(`http://127.0.0.1:${portal.port}`, [
    ...Array.from({ length: STREAMS }, (_, i) => `bench-${i}`),
    ...Array.from({ length: 3 * STREAMS }, (_, i) => `bench-${UNSEEN_FROM + i}`),
  ]);
  const policed = await run(
    '… with permissions (shipped policy)',
    new URL(`http://127.0.0.1:${portal.port}/api/kaito/workspaces/sim/default/phi/chat`),
    {},
    body,
    portal.pid,
    signedIn,
  );
  const unseen = await unseenUsers(new URL(`http://127.0.0.1:${portal.port}/api/kaito/workspaces/sim/default/phi/chat`), body, signedIn, UNSEEN_FROM);
  await portal.stop();

  const f = (n: number) => `${n.toFixed(2)} ms`;
  console.log(`\nChat proxy benchmark, bursts: ${STREAMS} concurrent streams, ${TOKENS} tokens each, model emits a token every ${TOKEN_DELAY_MS} ms`);
  console.log(
    CPU_PLACEMENT.mode === 'split'
      ? `CPUs split (BENCH_CPUS=split): this client and the API server on CPU ${CPU_PLACEMENT.api}, the portal and the bare relay on CPU ${CPU_PLACEMENT.portal}\n`
      : 'CPUs shared (BENCH_CPUS=shared): every process on every CPU\n',
  );
  console.log('path                                 TTFT p50    TTFT p99    chunk p50   chunk p99');
  for (const r of [direct, bare, proxied, policed]) {
    console.log(`${r.label.padEnd(36)} ${f(r.ttftP50).padStart(10)}  ${f(r.ttftP99).padStart(10)}  ${f(r.chunkP50).padStart(10)}  ${f(r.chunkP99).padStart(10)}`);
  }
  const addedTtft = proxied.ttftP50 - direct.ttftP50;
  const addedChunk = proxied.chunkP50 - direct.chunkP50;
  console.log(`\nSteady state (${STREAMS} streams always in flight, ${STEADY_SECONDS} s): TTFT p50 / p99`);
  for (const r of [direct, bare, proxied, policed]) {
    console.log(`${r.label.padEnd(36)} ${f(r.steadyTtftP50).padStart(10)}  ${f(r.steadyTtftP99).padStart(10)}   (${r.steadyCount} chats)`);
  }
  console.log(`added by the portal in steady state: TTFT p50 ${f(proxied.steadyTtftP50 - direct.steadyTtftP50)} (target < 2 ms)`);
  if (proxied.portalTtftP50 !== undefined) {
    console.log(`\nTTFT p50 measured inside the portal (request received → first token relayed): ${f(proxied.portalTtftP50)}`);
  }
  console.log(`\nadded by the portal when all ${STREAMS} start at once: TTFT p50 ${f(addedTtft)} (target < 5 ms, issue #16), per chunk p50 ${f(addedChunk)} (target < 0.5 ms)`);
  console.log(
    `added by the portal one chat at a time: TTFT p50 ${f(proxied.aloneTtftP50 - direct.aloneTtftP50)} (target < 1 ms, issue #16); bare relay ${f(bare.aloneTtftP50 - direct.aloneTtftP50)}`,
  );
  console.log(
    `added with the permission framework (the permission backend, the shipped policy, httpAuth, signed user tokens): all at once TTFT p50 ${f(policed.ttftP50 - direct.ttftP50)}, one at a time ${f(policed.aloneTtftP50 - direct.aloneTtftP50)}; ` +
      `users whose answer is not kept yet: all at once ${f(unseen.burstP50 - direct.ttftP50)}, one at a time ${f(unseen.aloneP50 - direct.aloneTtftP50)}`,
  );
  if (proxied.cpuPerChatMs !== undefined && bare.cpuPerChatMs !== undefined) {
    console.log(
      `CPU per chat in the bursts (${TOKENS} tokens relayed each): portal ${f(proxied.cpuPerChatMs)}, bare relay ${f(bare.cpuPerChatMs)} (${(proxied.cpuPerChatMs / bare.cpuPerChatMs).toFixed(2)}×), with permissions ${f(policed.cpuPerChatMs ?? NaN)}; less noisy than the TTFT figures on a busy machine`,
    );
  }
  console.log(`streams measured per path: ${direct.chunks} (3 rounds of ${STREAMS}); per chunk = mean gap between chunks of one stream`);

  await sim.stop();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
