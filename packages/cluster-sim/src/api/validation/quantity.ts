/**
 * Kubernetes `resource.Quantity`: parsed with the grammar and errors of
 * k8s.io/apimachinery/pkg/api/resource and written back in its canonical form ("1000m" → "1",
 * "1024Mi" → "1Gi", "0.5" → "500m"), as the API server serialises what it stores.
 */

/** How a quantity was written, which decides how it is written back. @internal */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity: its magnitude in nano units, sign and format. @internal */
export interface Quantity {
  nanos: bigint;
  negative: boolean;
  format: QuantityFormat;
}

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** The messages of the apimachinery errors. @internal */
export const QUANTITY_ERRORS = {
  formatWrong: `quantities must match the regular expression '${SPLIT_RE}'`,
  suffix: "unable to parse quantity's suffix",
  numeric: 'unable to parse numeric part of quantity',
} as const;

/** A quantity that does not parse. @internal */
export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const NANO = 10n ** 9n;
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Splits a quantity into sign, integer digits, fraction digits and suffix, as apimachinery does. */
function split(text: string): { positive: boolean; num: string; denom: string; suffix: string } {
  let pos = 0;
  let positive = true;
  if (text[0] === '-' || text[0] === '+') {
    positive = text[0] === '+';
    pos++;
  }
  while (text[pos] === '0') pos++;
  const numStart = pos;
  while (isDigit(text[pos])) pos++;
  const num = text.slice(numStart, pos) || '0';
  let denom = '';
  if (text[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (isDigit(text[pos])) pos++;
    denom = text.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < text.length && SUFFIX_CHARS.includes(text[pos])) pos++;
  if (text[pos] === '-' || text[pos] === '+') pos++;
  while (isDigit(text[pos])) pos++;
  if (pos < text.length) throw new QuantityError(QUANTITY_ERRORS.formatWrong);
  return { positive, num, denom, suffix: text.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number(suffix.slice(1)), format: 'DecimalExponent' };
  }
  throw new QuantityError(QUANTITY_ERRORS.suffix);
}

/** Divides, rounding the magnitude up (away from zero), as apimachinery rounds to its smallest unit. */
function divideUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

/** Parses a quantity as `resource.ParseQuantity` does; throws {@link QuantityError}. @internal */
export function parseQuantity(input: string): Quantity {
  const text = input.trim();
  if (!text) throw new QuantityError(QUANTITY_ERRORS.formatWrong);
  const { positive, num, denom, suffix } = split(text);
  const { base, exponent, format } = interpretSuffix(suffix);
  const digits = BigInt(num + denom);
  // value = digits × base^exponent ÷ 10^len(denom), kept exact as a fraction of nano units.
  let numerator = digits * NANO;
  let denominator = 10n ** BigInt(denom.length);
  if (base === 2) numerator *= 2n ** BigInt(exponent);
  else if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  // Anything smaller than a nano unit rounds up to one: whoever asks for some gets some.
  const nanos = divideUp(numerator, denominator);
  let finalFormat = format;
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) finalFormat = 'DecimalSI';
  return { nanos, negative: !positive && nanos > 0n, format: finalFormat };
}

/** Rounds up to a scale (−3 for milli), as `Quantity.RoundUp` does for resource lists. @internal */
export function roundQuantityUp(quantity: Quantity, scale: number): Quantity {
  const unit = 10n ** BigInt(9 + scale);
  return { ...quantity, nanos: divideUp(quantity.nanos, unit) * unit };
}

const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([suffix, exp]) => [exp, suffix]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** The canonical text of a quantity, as `Quantity.String()` writes it. @internal */
export function formatQuantity(quantity: Quantity): string {
  const { nanos, negative } = quantity;
  if (nanos === 0n) return '0';
  const sign = negative ? '-' : '';
  let format = quantity.format;
  if (format === 'BinarySI' && (nanos < 1024n * NANO || nanos % NANO !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let amount = nanos / NANO;
    let power = 0;
    while (amount % 1024n === 0n && power < BINARY_BY_POWER.length - 1) {
      amount /= 1024n;
      power++;
    }
    return `${sign}${amount}${BINARY_BY_POWER[power]}`;
  }
  let amount = nanos;
  let exponent = -9;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent++;
  }
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  return `${sign}${amount}${decimalSuffix(format, exponent)}`;
}

function decimalSuffix(format: QuantityFormat, exponent: number): string {
  if (format === 'DecimalExponent') return exponent === 0 ? '' : `e${exponent}`;
  return DECIMAL_BY_EXPONENT.get(exponent) ?? `e${exponent}`;
}

/** Compares two quantities: negative, zero or positive as a is less, equal or greater. @internal */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const va = a.negative ? -a.nanos : a.nanos;
  const vb = b.negative ? -b.nanos : b.nanos;
  if (va === vb) return 0;
  return va < vb ? -1 : 1;
}
