/* eslint-disable no-console */
/**
 * Input-check benchmark: the worst-case time of each check that runs on
 * request input before anything else (owner parsing and its label value, the
 * whole create-request schema, the tuning data URL string checks), on the
 * inputs that used to backtrack (an owner of `group:default/` and 40,000
 * dots, with and without a trailing letter) and on the longest inputs each
 * bound lets through. For each check on its worst input it prints the median,
 * the 99th percentile and the slowest of the runs (a garbage-collection pause
 * can land in any one run), and the p99 next to the 1 ms target as a ratio.
 * Run: yarn bench:inputs [--runs 1000]
 */
import {
  canonicalEntityRef,
  checkDataUrl,
  parseCreateWorkspaceRequest,
  toLabelValue,
} from '../src';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 1000);
const TARGET_MS = 1;

const dots = '.'.repeat(40_000);
const OWNERS = {
  'owner: 40,000 dots': `group:default/${dots}`,
  'owner: 40,000 dots + letter': `group:default/${dots}x`,
  'owner: 40,000 colons + letter': `group:default/${':'.repeat(40_000)}x`,
  'owner: 1 MB of letters': `group:default/${'a'.repeat(1_000_000)}`,
};
const URLS = {
  'url: 40,000 dots in the host': `http://metadata${dots}x/`,
  'url: 2,048 characters': `https://huggingface.co/${'a'.repeat(2048 - 23)}`,
  'url: 1 MB': `https://huggingface.co/${'a/'.repeat(500_000)}`,
  'url: IPv4-mapped IPv6 literal': 'http://[::ffff:169.254.169.254]/latest',
  'url: 40,000 trailing dots': `http://metadata.google.internal${dots}/`,
};

const createRequest = (owner: string) => ({
  cluster: 'local',
  namespace: 'default',
  name: 'phi',
  preset: 'phi-4-mini-instruct',
  instanceType: 'Standard_NC24ads_A100_v4',
  owner,
  tuning: { method: 'qlora', inputUrls: Object.values(URLS), outputImage: 'example.com/a:1', outputImagePushSecret: 's' },
});

interface Timing {
  p50: number;
  p99: number;
  max: number;
}

/** Times of `RUNS` calls in ms, after a warm-up. */
function time(check: () => unknown): Timing {
  for (let i = 0; i < 20; i++) check();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    check();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p99: at(0.99), max: times[times.length - 1] };
}

const rows: Array<[string, Timing]> = [];
for (const [name, owner] of Object.entries(OWNERS)) {
  const body = createRequest(owner);
  rows.push([`canonicalEntityRef  ${name}`, time(() => canonicalEntityRef(owner))]);
  rows.push([`toLabelValue        ${name}`, time(() => toLabelValue(owner))]);
  rows.push([`create schema       ${name} + 5 URLs`, time(() => parseCreateWorkspaceRequest(body))]);
}
for (const [name, url] of Object.entries(URLS)) {
  rows.push([`checkDataUrl        ${name}`, time(() => checkDataUrl(url))]);
}

const ms = (value: number) => `${value.toFixed(3).padStart(7)} ms`;
console.log(`${RUNS} runs per check; target: p99 under ${TARGET_MS} ms`);
console.log(`${'check and worst input'.padEnd(66)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'max'.padStart(10)}  p99/target`);
let over = 0;
for (const [name, t] of rows) {
  const ratio = t.p99 / TARGET_MS;
  if (ratio > 1) over++;
  console.log(`${name.padEnd(66)} ${ms(t.p50)} ${ms(t.p99)} ${ms(t.max)}  ${ratio.toFixed(3).padStart(6)}×${ratio > 1 ? '  OVER' : ''}`);
}
console.log(over ? `${over} check(s) over the ${TARGET_MS} ms target` : `every check within the ${TARGET_MS} ms target`);
process.exitCode = over ? 1 : 0;
