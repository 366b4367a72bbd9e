import { readFormField } from './readFormField';

describe('readFormField', () => {
  const formContext = {
    formData: {
      preset: 'phi-3-mini-4k-instruct',
      nested: { cluster: 'local' },
      blank: ' ',
      count: 2,
    },
  };

  it.each<[string | undefined, string | undefined]>([
    ['preset', 'phi-3-mini-4k-instruct'],
    ['nested.cluster', 'local'],
    ['blank', undefined],
    ['count', undefined],
    ['missing.deeper', undefined],
    [undefined, undefined],
  ])('reads %s as %s', (path, expected) => {
    expect(readFormField(formContext, path)).toBe(expected);
  });

  it('reads nothing without a form context', () => {
    expect(readFormField(undefined, 'preset')).toBeUndefined();
  });
});
