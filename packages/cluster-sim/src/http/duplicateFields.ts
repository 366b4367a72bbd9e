/**
 * Duplicate fields of a JSON body (`{"spec":{"replicas":1,"replicas":2}}`), which `JSON.parse`
 * silently resolves to the last one. Found by one scan of the text and remembered beside the
 * parsed body, for field validation to refuse (Strict) or warn about (Warn).
 */

interface Frame {
  kind: 'object' | 'array';
  path: string;
  keys: Set<string>;
  index: number;
  /** In an object: the key whose value comes next. */
  key?: string;
}

function childPath(frame: Frame | undefined): string {
  if (!frame) return '';
  if (frame.kind === 'array') return `${frame.path}[${frame.index}]`;
  return frame.path ? `${frame.path}.${frame.key}` : frame.key!;
}

/** The index just after the JSON string literal that starts at `start` (a `"`). */
function endOfString(text: string, start: number): number {
  let end = start + 1;
  while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
  return end + 1;
}

/**
 * The paths of keys that occur more than once in the same object of a JSON text
 * (`spec.replicas`, `spec.template.spec.containers[0].name`). The text must be valid JSON.
 * @internal
 */
export function duplicateJsonFields(text: string): string[] {
  const found: string[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; ) {
    const char = text[i];
    const top = stack[stack.length - 1];
    if (char === '"') {
      const next = endOfString(text, i);
      if (expectKey && top?.kind === 'object') {
        const value: string = JSON.parse(text.slice(i, next));
        if (top.keys.has(value)) found.push(top.path ? `${top.path}.${value}` : value);
        top.keys.add(value);
        top.key = value;
        expectKey = false;
      }
      i = next;
      continue;
    }
    if (char === '{' || char === '[') {
      stack.push({ kind: char === '{' ? 'object' : 'array', path: childPath(top), keys: new Set(), index: 0 });
      expectKey = char === '{';
    } else if (char === '}' || char === ']') {
      stack.pop();
      expectKey = false;
    } else if (char === ',') {
      if (top?.kind === 'array') top.index++;
      expectKey = top?.kind === 'object';
    }
    i++;
  }
  return found;
}

const duplicatesByBody = new WeakMap<object, string[]>();

/** Parses a JSON body, remembering its duplicate fields. @internal */
export function parseJsonNotingDuplicates(text: string): unknown {
  const parsed = JSON.parse(text);
  if (parsed && typeof parsed === 'object' && text.length > 2) {
    const duplicates = duplicateJsonFields(text);
    if (duplicates.length) duplicatesByBody.set(parsed, duplicates);
  }
  return parsed;
}

/** The duplicate fields the body had when it was parsed. @internal */
export function duplicateFieldsOf(body: unknown): string[] {
  return body && typeof body === 'object' ? (duplicatesByBody.get(body) ?? []) : [];
}
