/** A catalog entity ref in canonical form. @public */
export interface CanonicalEntityRef {
  kind: string;
  namespace: string;
  name: string;
  /** `kind:namespace/name`, lower-cased. */
  ref: string;
}

/** Longest ref accepted: a kind, a 63-character namespace and a 253-character name with their separators fit. */
const MAX_REF_LENGTH = 330;

/**
 * Parses an entity ref as the catalog compares them: kind, namespace and name
 * are case-insensitive, so `group:default/ML-TEAM` is `group:default/ml-team`.
 * A missing kind or namespace takes the defaults; without a default kind the
 * kind must be written. Linear in the input (no regular expression), and
 * bounded in length. Returns the reason when the ref is not one.
 *
 * @public
 */
export function canonicalEntityRef(
  input: string,
  defaults: { kind?: string; namespace?: string } = {},
): CanonicalEntityRef | { error: string } {
  if (typeof input !== 'string' || input.length === 0) return { error: 'must be an entity ref such as group:default/ml-team' };
  if (input.length > MAX_REF_LENGTH) return { error: `must be at most ${MAX_REF_LENGTH} characters` };
  const colon = input.indexOf(':');
  const slash = input.indexOf('/', colon + 1);
  const kind = colon >= 0 ? input.slice(0, colon) : defaults.kind;
  const namespace = slash >= 0 ? input.slice(colon + 1, slash) : defaults.namespace ?? 'default';
  const name = input.slice(Math.max(colon, slash) + 1);
  if (!kind) return { error: `'${input}' has no kind; write it as kind:namespace/name, e.g. group:default/ml-team` };
  for (const [part, value] of [['kind', kind], ['namespace', namespace], ['name', name]] as const) {
    if (!isRefPart(value)) {
      return { error: `'${input}' has an invalid ${part} '${value}'; use letters, digits, '-', '_' and '.', as in group:default/ml-team` };
    }
  }
  const canonical = { kind: kind.toLowerCase(), namespace: namespace.toLowerCase(), name: name.toLowerCase() };
  return { ...canonical, ref: `${canonical.kind}:${canonical.namespace}/${canonical.name}` };
}

/** A group entity ref in canonical form, or why it is not one (a `user:` or any other kind is refused). @public */
export function canonicalGroupRef(input: string): CanonicalEntityRef | { error: string } {
  const parsed = canonicalEntityRef(input);
  if ('error' in parsed) return parsed;
  if (parsed.kind !== 'group') {
    return { error: `'${input}' is a ${parsed.kind}, not a group; workspaces are owned by a group you belong to, e.g. group:default/ml-team` };
  }
  return parsed;
}

function isRefPart(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const ok =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46;
    if (!ok) return false;
  }
  return true;
}
