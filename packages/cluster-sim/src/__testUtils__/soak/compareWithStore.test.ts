import { compareWithStore, differenceSize } from './compareWithStore';

const obj = (name: string, resourceVersion: string, namespace = 'ns') => ({ namespace, name, resourceVersion });

describe('compareWithStore', () => {
  it.each([
    ['an exact cache', [obj('a', '1'), obj('b', '2')], [obj('b', '2'), obj('a', '1')], { missing: [], stale: [], extra: [] }],
    ['a missing object', [obj('a', '1')], [obj('a', '1'), obj('b', '2')], { missing: ['ns/b'], stale: [], extra: [] }],
    ['a stale object', [obj('a', '1')], [obj('a', '3')], { missing: [], stale: ['ns/a'], extra: [] }],
    ['a deleted object still cached', [obj('a', '1'), obj('gone', '2')], [obj('a', '1')], { missing: [], stale: [], extra: ['ns/gone'] }],
    ['same names in two namespaces', [obj('a', '1', 'x')], [obj('a', '1', 'x'), obj('a', '2', 'y')], { missing: ['y/a'], stale: [], extra: [] }],
  ])('reports %s', (_case, cached, stored, expected) => {
    expect(compareWithStore(cached, stored)).toEqual(expected);
  });

  it('counts every difference', () => {
    expect(differenceSize({ missing: ['a'], stale: ['b', 'c'], extra: ['d'] })).toBe(4);
  });
});
