import { V1MicroTime } from '@kubernetes/client-node';

/**
 * A `metav1.MicroTime` as the API server parses it: RFC 3339 with exactly six
 * fractional digits (`2026-12-01T08:05:13.473000Z`). A real server refuses the
 * three digits of `Date.toISOString()` with 400. JavaScript dates hold
 * milliseconds, so the last three digits are zeros.
 *
 * @internal
 */
export function formatMicroTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * A `metav1.Time` as the API server writes it: RFC 3339 in whole seconds
 * (`2026-12-01T08:05:13Z`).
 *
 * @internal
 */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A MicroTime for client-node's typed APIs (e.g. Lease `spec.renewTime`). Its
 * ObjectSerializer passes `V1MicroTime` through to `JSON.stringify`, which
 * calls our `toISOString`; a plain `Date` there would go out with three digits.
 *
 * @internal
 */
export function toMicroTime(date: Date): V1MicroTime {
  const micro = new V1MicroTime(date.getTime());
  micro.toISOString = () => formatMicroTime(date);
  return micro;
}
