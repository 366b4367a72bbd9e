const ESCAPED_DOT = '\u0000';

/**
 * The subset of JSONPath used by CRD printer columns: `.a.b`, `.a[0]`, `.a[*].b` and filters
 * like `.status.conditions[?(@.type=="Ready")].status`. Returns every match.
 * @internal
 */
export function evaluateJsonPath(object: unknown, path: string): unknown[] {
  const tokens = tokenize(path.replace(/^\{|\}$/g, '').replace(/^\$/, '').replace(/\\\./g, ESCAPED_DOT));
  let current: unknown[] = [object];
  for (const token of tokens) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || value === undefined) continue;
      if (token.kind === 'field') {
        const child = (value as Record<string, unknown>)[token.name];
        if (child !== undefined) next.push(child);
      } else if (token.kind === 'index') {
        if (!Array.isArray(value)) continue;
        if (token.index === '*') next.push(...value);
        else {
          const i = Number(token.index);
          const item = value[i < 0 ? value.length + i : i];
          if (item !== undefined) next.push(item);
        }
      } else if (Array.isArray(value)) {
        for (const item of value) {
          const actual = (item as Record<string, unknown>)?.[token.field];
          if (token.op === '==' ? String(actual) === token.value : String(actual) !== token.value) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}

type Token =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: string }
  | { kind: 'filter'; field: string; op: '==' | '!='; value: string };

function tokenize(path: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\.([^.[\]]+)|\[\?\(@\.([^=!]+?)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|([^)\s]+))\)\]|\[([^\]]+)\]/g;
  for (let match = pattern.exec(path); match; match = pattern.exec(path)) {
    if (match[1] !== undefined) tokens.push({ kind: 'field', name: match[1].split(ESCAPED_DOT).join('.') });
    else if (match[2] !== undefined) {
      tokens.push({ kind: 'filter', field: match[2], op: match[3] as '==' | '!=', value: match[4] ?? match[5] ?? match[6] });
    } else if (match[7] !== undefined) {
      const inner = match[7].replace(/^['"]|['"]$/g, '');
      if (/^-?\d+$|^\*$/.test(inner)) tokens.push({ kind: 'index', index: inner });
      else tokens.push({ kind: 'field', name: inner });
    }
  }
  return tokens;
}
