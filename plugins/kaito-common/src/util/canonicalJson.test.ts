import { canonicalize, canonicalJson } from './canonicalJson';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
    [[3, 1], '[3,1]'],
    [undefined, 'null'],
    ['s', '"s"'],
  ])('serializes %j as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('does not change its input', () => {
    const input = { b: 1, a: 2 };
    canonicalize(input);
    expect(Object.keys(input)).toEqual(['b', 'a']);
  });
});
