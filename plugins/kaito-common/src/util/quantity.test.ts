import { canonicalQuantity, parseQuantity, quantitiesEqual } from './quantity';

describe('parseQuantity', () => {
  it.each<[unknown, bigint | undefined]>([
    ['1', 1_000_000_000n],
    [1, 1_000_000_000n],
    ['500m', 500_000_000n],
    ['0.5', 500_000_000n],
    ['.5', 500_000_000n],
    ['1.5Gi', 1_610_612_736_000_000_000n],
    ['16Gi', 17_179_869_184_000_000_000n],
    ['1e3', 1_000_000_000_000n],
    ['1E3', 1_000_000_000_000n],
    ['1E', 10n ** 27n],
    ['1n', 1n],
    ['0.1n', 1n], // rounded up to the finest scale
    ['-100m', -100_000_000n],
    ['+2k', 2_000_000_000_000n],
    ['2Ki', 2_048_000_000_000n],
    ['', undefined],
    ['1.5.3', undefined],
    ['12abc', undefined],
    ['Gi', undefined],
    ['1 Gi', undefined],
    [true, undefined],
    [{}, undefined],
    [Number.NaN, undefined],
  ])('reads %p as %p nano-units', (value, nanos) => {
    expect(parseQuantity(value)?.nanos).toBe(nanos);
  });

  it.each([
    ['1', 'DecimalSI'],
    ['1Mi', 'BinarySI'],
    ['1e6', 'DecimalExponent'],
    ['1M', 'DecimalSI'],
  ])('records the format of %s as %s', (value, format) => {
    expect(parseQuantity(value)?.format).toBe(format);
  });
});

describe('quantitiesEqual', () => {
  it.each<[unknown, unknown, boolean]>([
    ['16Gi', '17179869184', true],
    ['1000m', '1', true],
    ['1000m', 1, true],
    ['0.5', '500m', true],
    ['1k', '1e3', true],
    ['1536Mi', '1.5Gi', true],
    ['1Gi', '1G', false],
    ['2', '1', false],
    ['16Gi', '16G', false],
    ['abc', 'abc', false],
    [undefined, undefined, false],
  ])('%p and %p: %p', (a, b, equal) => {
    expect(quantitiesEqual(a, b)).toBe(equal);
  });
});

describe('canonicalQuantity', () => {
  // The forms a v1.32 API server writes back for each spelling.
  it.each<[unknown, string | undefined]>([
    ['1000m', '1'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    [1, '1'],
    [0.25, '250m'],
    ['2000', '2k'],
    ['17179869184', '17179869184'],
    ['16Gi', '16Gi'],
    ['1.5Gi', '1536Mi'],
    ['1024Mi', '1Gi'],
    ['0.5Ki', '512'],
    ['1Ki', '1Ki'],
    ['1e3', '1e3'],
    ['1000e0', '1e3'],
    ['0', '0'],
    ['0Gi', '0'],
    ['-500m', '-500m'],
    ['100n', '100n'],
    ['nope', undefined],
  ])('writes %p as %p', (value, canonical) => {
    expect(canonicalQuantity(value)).toBe(canonical);
  });

  it('keeps the value of every form it produces', () => {
    for (const value of ['1.5Gi', '0.5', '2000', '123456789', '7e-3', '3.75Ti']) {
      expect(quantitiesEqual(canonicalQuantity(value), value)).toBe(true);
    }
  });
});
