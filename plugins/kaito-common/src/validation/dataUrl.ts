import ipaddr from 'ipaddr.js';
import { InputLimits } from '../rest/inputLimits';

/**
 * Checks on tuning data URLs that need no network: the URL's shape, its
 * scheme, its host name and, for an IP literal, the address. A tuning Job's
 * downloader fetches these URLs from inside the cluster, so anything that
 * reaches the cluster's own network (loopback, private, link-local, cloud
 * metadata, cluster DNS names) would be server-side request forgery.
 *
 * Host names are resolved by the backend (it has the network); each address
 * it gets back goes through {@link describeUnsafeAddress}.
 */

/** Names of cloud metadata services, without a trailing dot. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'metadata.azure.com', 'instance-data', 'instance-data.ec2.internal']);

/**
 * Suffixes of names that only mean something inside a cluster or a private
 * network: the portal cannot resolve them as the downloader's pod would.
 */
const INTERNAL_SUFFIXES = ['.localhost', '.local', '.internal', '.svc', '.cluster.local', '.home.arpa', '.localdomain', '.lan', '.intranet', '.corp'];

const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'private (carrier-grade NAT)',
  private: 'private',
  uniqueLocal: 'private (unique local)',
  deprecatedSiteLocal: 'private (site-local)',
  ipv4Mapped: 'IPv4-mapped',
  rfc6145: 'IPv4-translated',
  rfc6052: 'NAT64 (embeds an IPv4 address)',
  '6to4': '6to4 (embeds an IPv4 address)',
  teredo: 'Teredo (embeds an IPv4 address)',
};

/**
 * Why an IP address must not be fetched from, or `undefined` for a public
 * unicast address. Works on what `dns.lookup` returns and on URL literals
 * (IPv4 in any form the URL parser normalizes; IPv6 with or without
 * brackets). IPv4-mapped and IPv4-compatible IPv6 addresses are judged by the
 * IPv4 address they carry.
 *
 * @public
 */
export function describeUnsafeAddress(text: string): string | undefined {
  const literal = text.replace(/^\[/, '').replace(/\]$/, '').toLowerCase();
  if (!ipaddr.isValid(literal)) return `${text} is not an IP address`;
  let address = ipaddr.parse(literal);
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) {
      address = v6.toIPv4Address();
    } else if (v6.parts.slice(0, 6).every(part => part === 0) && v6.range() === 'unicast') {
      // IPv4-compatible (::a.b.c.d, deprecated): stacks may still route it as IPv4.
      const inner = v6.parts.slice(6);
      address = new ipaddr.IPv4([inner[0] >> 8, inner[0] & 255, inner[1] >> 8, inner[1] & 255]);
    }
  }
  const normalized = address.toString();
  if (METADATA_ADDRESSES.has(normalized)) return `${text} is a cloud metadata address`;
  const range = address.range();
  if (range === 'unicast') return undefined;
  return `${text} is a ${RANGE_NAMES[range] ?? `${range} (reserved)`} address`;
}

/**
 * Why a host name (no IP literal) must not be fetched from, or `undefined`.
 * Trailing dots are ignored, as DNS ignores them.
 *
 * @public
 */
export function describeUnsafeHostName(hostName: string): string | undefined {
  const host = withoutTrailingDots(hostName).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return `${hostName} is a loopback name`;
  if (METADATA_HOSTS.has(host)) return `${hostName} is a cloud metadata name`;
  if (!host.includes('.')) return `${hostName} is a single-label name, which resolves through the cluster's DNS search path`;
  const suffix = INTERNAL_SUFFIXES.find(s => host.endsWith(s));
  if (suffix) return `${hostName} is a cluster or private-network name (*${suffix})`;
  return undefined;
}

/** A URL the string checks accept, and the host the backend must still resolve. @public */
export type DataUrlTarget = { url: URL; hostToResolve?: string };

/**
 * Parses a tuning data URL and applies every check that needs no network.
 * Returns why it is refused, or the parsed URL with the host name still to
 * resolve (none for an IP literal, which is already checked).
 *
 * @public
 */
export function checkDataUrl(text: string): { ok: false; problem: string } | ({ ok: true } & DataUrlTarget) {
  const refuse = (why: string) => ({ ok: false as const, problem: `'${shorten(text)}' ${why}` });
  if (text.length > InputLimits.url) return refuse(`is longer than ${InputLimits.url} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse(`must use http or https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.username || url.password) {
    return refuse('has credentials before the host (user@host); put the data at a URL without them');
  }
  // The WHATWG parser has already turned decimal, octal and hex IPv4 forms into dotted quads.
  const host = url.hostname;
  const isLiteral = host.startsWith('[') || ipaddr.IPv4.isValidFourPartDecimal(host);
  const problem = isLiteral ? describeUnsafeAddress(host) : describeUnsafeHostName(host);
  if (problem) return refuse(`points at a forbidden host: ${problem}; use a publicly reachable host`);
  return isLiteral ? { ok: true, url } : { ok: true, url, hostToResolve: withoutTrailingDots(host) };
}

/**
 * Why a tuning data URL is refused, or `undefined` when the string checks pass.
 * Only http(s) to public hosts is allowed: loopback, private, link-local and cloud
 * metadata addresses would let a workspace reach inside the cluster's network (SSRF).
 * Host names still need resolving (the backend does that).
 *
 * @public
 */
export function describeUnsafeDataUrl(text: string): string | undefined {
  const result = checkDataUrl(text);
  return result.ok ? undefined : result.problem;
}

/** A scan, not `/\.+$/`: an anchored run backtracks on dots followed by a letter. */
function withoutTrailingDots(host: string): string {
  let end = host.length;
  while (end > 0 && host[end - 1] === '.') end--;
  return host.slice(0, end);
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
