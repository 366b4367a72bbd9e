/**
 * Why a tuning data URL is refused, or `undefined` when it is fine. Only http(s) to
 * public hosts is allowed: loopback, private, link-local and cloud metadata addresses
 * would let a workspace reach inside the cluster's network (SSRF).
 *
 * @public
 */
export function describeUnsafeDataUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `'${text}' is not a valid URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `'${text}' must use http or https, not ${url.protocol.replace(':', '')}`;
  }
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const kind = classifyHost(host);
  return kind ? `'${text}' points at a ${kind} address; use a publicly reachable host` : undefined;
}

const METADATA_HOSTS = ['metadata.google.internal', 'metadata', 'metadata.azure.com', 'instance-data'];

function classifyHost(host: string): string | undefined {
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return 'loopback';
  }
  if (METADATA_HOSTS.includes(host)) {
    return 'cloud metadata';
  }
  const v4 = parseIpv4(host);
  if (v4) {
    return classifyIpv4(v4);
  }
  if (host.includes(':')) {
    return classifyIpv6(host);
  }
  return undefined;
}

function parseIpv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every(p => /^\d{1,3}$/.test(p))) {
    return undefined;
  }
  const octets = parts.map(Number);
  return octets.every(o => o <= 255) ? octets : undefined;
}

function classifyIpv4([a, b]: number[]): string | undefined {
  if (a === 169 && b === 254) {
    // 169.254.169.254 is the metadata endpoint of Azure, AWS and GCP.
    return 'link-local or cloud metadata';
  }
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private (carrier-grade NAT)';
  return undefined;
}

function classifyIpv6(host: string): string | undefined {
  if (host === '::1') return 'loopback';
  if (host === '::') return 'unspecified';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped) {
    const v4 = parseIpv4(mapped[1]);
    return v4 ? classifyIpv4(v4) : undefined;
  }
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mappedHex) {
    const high = parseInt(mappedHex[1], 16);
    const low = parseInt(mappedHex[2], 16);
    return classifyIpv4([high >> 8, high & 255, low >> 8, low & 255]);
  }
  if (/^f[cd][0-9a-f]{0,2}:/.test(host)) return 'private (unique local)';
  if (/^fe[89ab][0-9a-f]?:/.test(host)) return 'link-local';
  return undefined;
}
