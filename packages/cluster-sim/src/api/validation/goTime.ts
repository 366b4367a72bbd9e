/**
 * Go's `time.Parse` for the two layouts the Kubernetes API decodes times with, so that the
 * simulator accepts and refuses exactly what a real API server does, with Go's error text.
 * `metav1.Time` uses RFC 3339 (fractional seconds allowed on input), `metav1.MicroTime` uses
 * `2006-01-02T15:04:05.000000Z07:00` (exactly six fractional digits).
 */

/** The layout of `metav1.Time`. @internal */
export const RFC3339_LAYOUT = '2006-01-02T15:04:05Z07:00';
/** The layout of `metav1.MicroTime`. @internal */
export const RFC3339_MICRO_LAYOUT = '2006-01-02T15:04:05.000000Z07:00';

/** A parsed time: whole seconds since the epoch (UTC) and the nanoseconds within that second. @internal */
export interface GoTime {
  epochSeconds: number;
  nanos: number;
}

/** A `time.ParseError`, with the message Go prints. @internal */
export class GoTimeParseError extends Error {
  constructor(value: string, layout: string, detail: { layoutElem: string; valueElem: string } | { message: string }) {
    super(
      'message' in detail
        ? `parsing time ${quote(value)}${detail.message}`
        : `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(detail.valueElem)} as ${quote(detail.layoutElem)}`,
    );
    this.name = 'GoTimeParseError';
  }
}

function quote(s: string): string {
  return JSON.stringify(s);
}

const isDigit = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** Go's getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): { n: number; rest: string } | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : { n: Number(s[0]), rest: s.slice(1) };
  return { n: Number(s.slice(0, 2)), rest: s.slice(2) };
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Go's parseNanoseconds: a '.' or ',' then digits, the whole element `n` characters long. */
function parseFraction(value: string, n: number): number | undefined {
  if (value[0] !== '.' && value[0] !== ',') return undefined;
  const digits = value.slice(1, Math.min(n, 10));
  if (!/^[0-9]+$/.test(digits)) return undefined;
  return Number(digits.padEnd(9, '0'));
}

/**
 * Parses `value` with one of the two API layouts, as Go's `time.Parse` does, throwing
 * {@link GoTimeParseError} with Go's message when it does not parse.
 * @internal
 */
export function parseGoTime(value: string, layout: typeof RFC3339_LAYOUT | typeof RFC3339_MICRO_LAYOUT): GoTime {
  const micro = layout === RFC3339_MICRO_LAYOUT;
  const fail = (layoutElem: string, valueElem: string) => new GoTimeParseError(value, layout, { layoutElem, valueElem });
  const outOfRange = (what: string) => new GoTimeParseError(value, layout, { message: `: ${what} out of range` });
  let rest = value;
  const literal = (text: string) => {
    if (!rest.startsWith(text)) throw fail(text, rest);
    rest = rest.slice(text.length);
  };
  const number = (elem: string, fixed: boolean, max: number, what: string) => {
    const parsed = getnum(rest, fixed);
    if (!parsed) throw fail(elem, rest);
    if (parsed.n < (what === 'month' ? 1 : 0) || parsed.n > max) {
      rest = parsed.rest;
      throw outOfRange(what);
    }
    rest = parsed.rest;
    return parsed.n;
  };

  if (rest.length < 4 || !isDigit(rest, 0) || !/^[0-9]{4}/.test(rest)) throw fail('2006', rest);
  const year = Number(rest.slice(0, 4));
  rest = rest.slice(4);
  literal('-');
  const month = number('01', true, 12, 'month');
  literal('-');
  const dayParsed = getnum(rest, true);
  if (!dayParsed) throw fail('02', rest);
  const day = dayParsed.n;
  rest = dayParsed.rest;
  literal('T');
  const hour = number('15', false, 23, 'hour');
  literal(':');
  const minute = number('04', true, 59, 'minute');
  literal(':');
  const second = number('05', true, 59, 'second');

  let nanos = 0;
  if (micro) {
    // The layout's ".000000" needs exactly that many characters, a separator and six digits.
    if (rest.length < 7) throw fail('.000000', rest);
    const fraction = parseFraction(rest, 7);
    if (fraction === undefined) throw fail('.000000', rest);
    nanos = fraction;
    rest = rest.slice(7);
  } else if (rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigit(rest, 1)) {
    // RFC 3339 has no fraction in its layout, but Go accepts any number of fractional digits there.
    let n = 2;
    while (isDigit(rest, n)) n++;
    nanos = parseFraction(rest, n)!;
    rest = rest.slice(n);
  }

  let offsetSeconds = 0;
  if (rest[0] === 'Z') {
    rest = rest.slice(1);
  } else {
    const zone = rest;
    if (rest.length < 6 || rest[3] !== ':') throw fail('Z07:00', zone);
    const sign = rest[0];
    const hh = getnum(rest.slice(1, 3), true);
    const mm = getnum(rest.slice(4, 6), true);
    if (!hh || !mm || (sign !== '+' && sign !== '-')) throw fail('Z07:00', zone);
    rest = rest.slice(6);
    if (hh.n > 24) throw outOfRange('time zone offset hour');
    if (mm.n > 60) throw outOfRange('time zone offset minute');
    offsetSeconds = (sign === '-' ? -1 : 1) * (hh.n * 3600 + mm.n * 60);
  }
  if (rest.length) throw new GoTimeParseError(value, layout, { message: `: extra text: ${quote(rest)}` });
  if (day < 1 || day > daysInMonth(month, year)) throw outOfRange('day');

  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return { epochSeconds: Math.floor(date.getTime() / 1000) - offsetSeconds, nanos };
}

function daysInMonth(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function utcSeconds(time: GoTime): string {
  const date = new Date(time.epochSeconds * 1000);
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new Error('Time.MarshalJSON: year outside of range [0,9999]');
  return date.toISOString().slice(0, 19);
}

/** How `metav1.Time` writes a time: UTC, whole seconds. @internal */
export function formatGoTime(time: GoTime): string {
  return `${utcSeconds(time)}Z`;
}

/** How `metav1.MicroTime` writes a time: UTC, six fractional digits (truncated). @internal */
export function formatGoMicroTime(time: GoTime): string {
  return `${utcSeconds(time)}.${String(Math.floor(time.nanos / 1000)).padStart(6, '0')}Z`;
}
