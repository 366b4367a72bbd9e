import { lookup as dnsLookup } from 'node:dns/promises';
import { Issue, checkDataUrl, describeUnsafeAddress } from '@kaito-backstage/plugin-kaito-common';

/** Resolves a host name to every address it has, as `dns.lookup(host, { all: true })` does. @internal */
export type LookupAll = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemLookup: LookupAll = hostname => dnsLookup(hostname, { all: true, verbatim: true });

/** DNS answers slower than this count as no answer: a create should not hang on a resolver. */
const LOOKUP_TIMEOUT_MS = 3000;

/** @internal */
export interface ResolveDataUrlsOptions {
  lookup?: LookupAll;
  /**
   * What to do with a name the portal cannot resolve. `refuse` (real clusters): the check
   * cannot vouch for it. `warn` (simulated clusters, whose Jobs download nothing).
   */
  unresolvable: 'refuse' | 'warn';
  timeoutMs?: number;
}

async function lookupWithin(lookup: LookupAll, host: string, timeoutMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no DNS answer within ${timeoutMs} ms`), { code: 'ETIMEOUT' })), timeoutMs);
  });
  try {
    return await Promise.race([lookup(host), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The resolving half of the tuning data URL check: each host name is looked
 * up (every address, IPv4 and IPv6) and refused when any address is loopback,
 * private, link-local, CGNAT, unique-local, metadata or otherwise not public
 * unicast, so `169.254.169.254.nip.io` fares as `169.254.169.254` does. The
 * string checks (scheme, credentials, IP literals, internal names) come from
 * kaito-common and run first.
 *
 * The downloader resolves the name again when the Job runs, so a name whose
 * answer changes (DNS rebinding) is not caught here; egress policy on the
 * tuning namespace is what holds then.
 *
 * @internal
 */
export async function resolveDataUrlIssues(urls: readonly string[], options: ResolveDataUrlsOptions): Promise<Issue[]> {
  const lookup = options.lookup ?? systemLookup;
  const timeoutMs = options.timeoutMs ?? LOOKUP_TIMEOUT_MS;
  const checks = urls.map(async (text, index): Promise<Issue | undefined> => {
    const path = `tuning.input.urls[${index}]`;
    const parsed = checkDataUrl(text);
    if (!parsed.ok) return { path, message: parsed.problem, severity: 'error' };
    if (!parsed.hostToResolve) return undefined;
    let addresses: Array<{ address: string }>;
    try {
      addresses = await lookupWithin(lookup, parsed.hostToResolve, timeoutMs);
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).message;
      return {
        path,
        message: `'${text}': ${parsed.hostToResolve} cannot be resolved (${code}), so it cannot be checked for private or metadata addresses; use a host with public DNS`,
        severity: options.unresolvable === 'refuse' ? 'error' : 'warning',
      };
    }
    const unsafe = addresses.map(a => describeUnsafeAddress(a.address)).find(Boolean);
    if (unsafe) return { path, message: `'${text}': ${parsed.hostToResolve} resolves to a forbidden address: ${unsafe}; use a publicly reachable host`, severity: 'error' };
    if (addresses.length === 0) return { path, message: `'${text}': ${parsed.hostToResolve} has no addresses`, severity: 'error' };
    return undefined;
  });
  return (await Promise.all(checks)).filter((issue): issue is Issue => Boolean(issue));
}
