/** Kubernetes' limit for a DNS-1123 label (workspace and namespace names). */
const MAX_LENGTH = 63;

/**
 * What is wrong with a workspace or namespace name (or, with `allowDots`, an
 * adapter name), in words a user can act
 * on (Kubernetes' DNS-1123 label rules), or `[]` when it is valid.
 *
 * @internal
 */
export function nameProblems(
  name: string,
  options: { allowDots?: boolean } = {},
): string[] {
  if (name === '') {
    return ['Enter a name.'];
  }
  const problems: string[] = [];
  if (name.length > MAX_LENGTH) {
    problems.push(`Use at most ${MAX_LENGTH} characters (this has ${name.length}).`);
  }
  if (/[A-Z]/.test(name)) {
    problems.push('Use lower-case letters only.');
  }
  const allowed = options.allowDots ? /[a-zA-Z0-9.-]/g : /[a-zA-Z0-9-]/g;
  const others = [...new Set(name.replace(allowed, ''))];
  if (others.length > 0) {
    problems.push(
      `Use only letters, digits${options.allowDots ? ", '.'" : ''} and '-'; remove ${others
        .map(c => (c === ' ' ? 'the spaces' : `'${c}'`))
        .join(', ')}.`,
    );
  }
  if (/^[-.]|[-.]$/.test(name)) {
    problems.push(
      `Start and end with a letter or a digit, not ${
        options.allowDots ? "'-' or '.'" : "'-'"
      }.`,
    );
  }
  return problems;
}
