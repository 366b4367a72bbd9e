/**
 * Age like kubectl prints it: `45s`, `12m`, `3h`, `2d`; `-` when unknown.
 *
 * @internal
 */
export function formatAge(
  createdAt: string | undefined,
  nowMs: number,
): string {
  const created = createdAt ? Date.parse(createdAt) : NaN;
  if (Number.isNaN(created)) {
    return '-';
  }
  const seconds = Math.max(0, Math.floor((nowMs - created) / 1000));
  if (seconds < 120) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) {
    return `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours}h`;
  }
  return `${Math.floor(hours / 24)}d`;
}

/**
 * A price per hour such as `$3.20/h`; `-` when no price is configured.
 *
 * @internal
 */
export function formatCostPerHour(
  cost: number | undefined,
  currency = 'USD',
): string {
  if (cost === undefined) {
    return '-';
  }
  const amount = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(cost);
  return `${amount}/h`;
}

/**
 * An amount such as `$12.40`; `-` when no price is configured.
 *
 * @internal
 */
export function formatCost(cost: number | undefined, currency = 'USD'): string {
  if (cost === undefined) {
    return '-';
  }
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(cost);
}

/** `842 ms`, `1.3 s`. @internal */
export function formatMilliseconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The short form of an image digest, `sha256:0123456789ab`. @internal */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest;
}
