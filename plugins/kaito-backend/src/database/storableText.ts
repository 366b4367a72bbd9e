/** A high surrogate with no low one after it, or a low one with no high one before it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as both SQLite and PostgreSQL store it, and no longer than its
 * column: lone UTF-16 surrogates (from a cut emoji or a crafted request)
 * become U+FFFD as the databases would make them, NUL (which PostgreSQL
 * refuses in text) goes, and a value is cut at `max` UTF-16 units without
 * splitting a character. So a row reads back exactly as it was written, and
 * one bad value cannot fail a batch's statement for everyone in it.
 *
 * @internal
 */
export function storableText(value: string, max?: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(LONE_SURROGATE, '\uFFFD').replace(/\u0000/g, '');
  if (max === undefined || clean.length <= max) return clean;
  // Cut before a pair's high half rather than through the pair.
  const end = /[\uD800-\uDBFF]/.test(clean[max - 1]) ? max - 1 : max;
  return clean.slice(0, end);
}
