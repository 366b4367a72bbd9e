/**
 * Decoded JSON values printed as kube-apiserver's Go code prints them in its errors: a patched object
 * as `json.Marshal` of a map writes it, a strategic merge patch as `fmt.Sprintf("%+v", v)` does.
 */

const INT64_LIMIT = 2 ** 63;

/** float64 the way strconv.FormatFloat(f, 'g', -1, 64) writes it: %e when the exponent is < -4 or >= the shortest precision (at least 6). */
function goFloat(value: number): string {
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace(/^-/, '').replace('.', '').length;
  let precision = 6;
  if (precision > digits && digits >= exponent + 1) precision = digits;
  if (exponent < -4 || exponent >= precision) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

function goNumber(value: number): string {
  // The server decodes JSON integers as int64 and everything else (or what overflows int64) as float64.
  if (Number.isInteger(value) && Math.abs(value) < INT64_LIMIT) return String(value);
  return goFloat(value);
}

/** `%+v` of a decoded JSON value: `map[data:map[a:b] foo:1]` (map keys sorted, lists `[a b]`, nil `<nil>`). @internal */
export function goValueString(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValueString).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map(key => `${key}:${goValueString((value as Record<string, unknown>)[key])}`);
    return `map[${entries.join(' ')}]`;
  }
  if (typeof value === 'number') return goNumber(value);
  return String(value);
}

/** A copy of a JSON value whose objects list their keys sorted, as Go's maps come out of json.Marshal. @internal */
export function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map(key => [key, withSortedKeys(object[key])]),
  );
}

const GO_JSON_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JSON text as Go's json.Marshal writes it: keys of objects sorted, and <, >, & and the line separators escaped. @internal */
export function goJson(value: unknown): string {
  return JSON.stringify(withSortedKeys(value)).replace(/[<>&\u2028\u2029]/g, char => GO_JSON_ESCAPES[char]);
}
