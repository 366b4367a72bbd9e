import { nameProblems } from './nameProblems';

describe('nameProblems', () => {
  it.each(['support-phi-3', 'a', '0abc', 'x'.repeat(63)])('accepts %s', name => {
    expect(nameProblems(name)).toEqual([]);
  });

  it.each([
    ['', ['Enter a name.']],
    ['Support', ['Use lower-case letters only.']],
    ['my phi_3', ["Use only letters, digits and '-'; remove the spaces, '_'."]],
    ['-phi-', ["Start and end with a letter or a digit, not '-'."]],
    ['phi.3', ["Use only letters, digits and '-'; remove '.'."]],
    ['x'.repeat(64), ['Use at most 63 characters (this has 64).']],
  ])('explains what is wrong with %j', (name, expected) => {
    expect(nameProblems(name)).toEqual(expected);
  });

  it('never shows a regular expression', () => {
    expect(nameProblems('Bad_Name-').join(' ')).not.toMatch(/\^|\$|\[a-z/);
  });

  it('allows dots where asked, as adapter names may have them', () => {
    expect(nameProblems('support-tone.v1', { allowDots: true })).toEqual([]);
    expect(nameProblems('support.', { allowDots: true })).toEqual(["Start and end with a letter or a digit, not '-' or '.'."]);
    expect(nameProblems('a_b', { allowDots: true })).toEqual(["Use only letters, digits, '.' and '-'; remove '_'."]);
  });
});
