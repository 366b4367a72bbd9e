/*
 * Kubernetes resource quantities (`500m`, `16Gi`, `1e3`) as exact values, so that two
 * spellings of one amount compare equal and the API server's canonical form can be
 * predicted. Values are held as integers of nano-units, the API server's finest scale.
 */

const BINARY_SUFFIXES: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};

/** Decimal SI suffixes by power of ten. */
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// The exponent form goes first: "1E3" is 1000, while a lone "1E" is one exa.
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/** How a quantity is written, which decides its canonical form. @public */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A quantity's exact value and the format it was written in. @public */
export interface ParsedQuantity {
  /** The value in units of 10^-9, rounded up (away from zero) as the API server does. */
  nanos: bigint;
  format: QuantityFormat;
}

const NANOS_PER_UNIT = 10n ** 9n;

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

/** `numerator / denominator` rounded away from zero. */
function divideRoundingUp(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return quotient * denominator === numerator ? quotient : quotient + (numerator < 0n ? -1n : 1n);
}

/**
 * Parses a quantity as the API server does (a JSON number counts as its decimal
 * spelling); `undefined` when it is not one.
 *
 * @public
 */
export function parseQuantity(value: unknown): ParsedQuantity | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(String(value).trim());
  if (!match) return undefined;
  const [, sign, number, exponent, suffix = ''] = match;
  const [whole, fraction = ''] = number.split('.');
  let numerator = BigInt(`${whole || '0'}${fraction}`) * NANOS_PER_UNIT;
  let denominator = pow10(fraction.length);
  let format: QuantityFormat = 'DecimalSI';
  if (exponent !== undefined) {
    format = 'DecimalExponent';
    const e = Number(exponent);
    if (Math.abs(e) > 100) return undefined; // far beyond what the API server accepts
    if (e >= 0) numerator *= pow10(e);
    else denominator *= pow10(-e);
  } else if (suffix in BINARY_SUFFIXES) {
    format = 'BinarySI';
    numerator *= BINARY_SUFFIXES[suffix];
  } else {
    const e = DECIMAL_SUFFIXES[suffix];
    if (e >= 0) numerator *= pow10(e);
    else denominator *= pow10(-e);
  }
  if (sign === '-') numerator = -numerator;
  return { nanos: divideRoundingUp(numerator, denominator), format };
}

/**
 * Whether two quantities are the same amount however they are written
 * (`"16Gi"` and `"17179869184"`, `"1000m"` and `1`, `"0.5"` and `"500m"`).
 * Values that are not quantities are never equal.
 *
 * @public
 */
export function quantitiesEqual(a: unknown, b: unknown): boolean {
  const left = parseQuantity(a);
  const right = parseQuantity(b);
  return left !== undefined && right !== undefined && left.nanos === right.nanos;
}

/** The largest `step` power that divides `value`, up to `maxPower`, and the quotient. */
function factorOut(value: bigint, step: bigint, maxPower: number): [bigint, number] {
  let rest = value;
  let power = 0;
  while (rest !== 0n && power < maxPower && rest % step === 0n) {
    rest /= step;
    power++;
  }
  return [rest, power];
}

/**
 * The quantity as the API server writes it back: binary amounts of at least 1Ki that are
 * whole stay binary with the largest exact suffix (`1536Mi`); everything else is decimal
 * with the largest exact SI suffix or exponent that is a multiple of three (`"0.5"` →
 * `500m`, `"2000"` → `2k`, `"1000m"` → `1`). `undefined` when it is not a quantity.
 *
 * @public
 */
export function canonicalQuantity(value: unknown): string | undefined {
  const parsed = parseQuantity(value);
  if (!parsed) return undefined;
  const { nanos } = parsed;
  const sign = nanos < 0n ? '-' : '';
  const magnitude = nanos < 0n ? -nanos : nanos;
  const whole = magnitude % NANOS_PER_UNIT === 0n;
  if (parsed.format === 'BinarySI' && whole && magnitude / NANOS_PER_UNIT >= 1024n) {
    const [mantissa, power] = factorOut(magnitude / NANOS_PER_UNIT, 1024n, 6);
    return `${sign}${mantissa}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][power]}`;
  }
  // Decimal: nanos = mantissa × 1000^power × 10^-9.
  const [mantissa, power] = factorOut(magnitude, 1000n, 9);
  const exponent = power * 3 - 9;
  if (mantissa === 0n) return '0';
  if (parsed.format === 'DecimalExponent') return `${sign}${mantissa}${exponent === 0 ? '' : `e${exponent}`}`;
  const suffix = Object.entries(DECIMAL_SUFFIXES).find(([, e]) => e === exponent)![0];
  return `${sign}${mantissa}${suffix}`;
}
