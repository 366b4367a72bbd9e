import { RESERVED_SELECTOR_KEYS, sanitizeMatchLabels } from './labels';

describe('sanitizeMatchLabels', () => {
  it.each(RESERVED_SELECTOR_KEYS.map(key => [key]))('strips the reserved key %s', key => {
    expect(sanitizeMatchLabels({ [key]: 'x', app: 'phi' })).toEqual({ app: 'phi' });
  });

  it('sorts keys so rendered selectors are stable', () => {
    expect(Object.keys(sanitizeMatchLabels({ b: '1', a: '2' }))).toEqual(['a', 'b']);
  });

  it('returns an empty map for no labels', () => {
    expect(sanitizeMatchLabels(undefined)).toEqual({});
  });
});
