import { goJson, goValueString } from './goFormat';

describe('goValueString (Go %+v of a decoded JSON value)', () => {
  it.each<[unknown, string]>([
    [{ spec: { foo: 1 }, data: { b: 'x', a: 'y' } }, 'map[data:map[a:y b:x] spec:map[foo:1]]'],
    [{ list: ['a', 2, true, null], empty: {}, none: [] }, 'map[empty:map[] list:[a 2 true <nil>] none:[]]'],
    [1.5, '1.5'],
    [1234567.5, '1.2345675e+06'],
    [0.00001, '1e-05'],
    [0.0001, '0.0001'],
    [-2, '-2'],
    [1e21, '1e+21'],
  ])('%j prints as %s', (value, expected) => {
    expect(goValueString(value)).toBe(expected);
  });
});

describe('goJson (json.Marshal of decoded JSON)', () => {
  it('sorts keys at every level and escapes what Go escapes', () => {
    expect(goJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: '<a&b>' } })).toBe('{"a":{"c":"\\u003ca\\u0026b\\u003e","d":[{"y":2,"z":1}]},"b":1}');
  });
});
