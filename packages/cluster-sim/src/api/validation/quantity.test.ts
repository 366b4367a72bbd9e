import { formatQuantity, parseQuantity, QUANTITY_ERRORS, roundQuantityUp } from './quantity';

const canonical = (text: string) => formatQuantity(parseQuantity(text));

describe('resource quantities', () => {
  it.each([
    ['1000m', '1'],
    ['1024Mi', '1Gi'],
    ['0.5', '500m'],
    ['2048Ki', '2Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['100Mi', '100Mi'],
    ['1536Mi', '1536Mi'],
    ['1Ki', '1Ki'],
    ['1.5Ki', '1536'],
    ['512', '512'],
    ['1000', '1k'],
    ['1500M', '1500M'],
    ['10G', '10G'],
    ['1.5k', '1500'],
    ['2.5', '2500m'],
    ['0.1', '100m'],
    ['100m', '100m'],
    ['1e3', '1e3'],
    ['1.5e3', '1500'],
    ['12e6', '12e6'],
    ['1E', '1E'],
    ['0', '0'],
    ['0Gi', '0'],
    ['-0', '0'],
    ['+1', '1'],
    ['-1.5', '-1500m'],
    ['007', '7'],
    ['1.', '1'],
    ['.5', '500m'],
    ['1.5n', '2n'],
    ['16Gi', '16Gi'],
    ['80Gi', '80Gi'],
    [' 2 ', '2'],
  ])('writes %p as %p', (input, expected) => {
    expect(canonical(input)).toBe(expected);
  });

  it.each([
    ['', QUANTITY_ERRORS.formatWrong],
    ['abc', QUANTITY_ERRORS.formatWrong],
    ['1x', QUANTITY_ERRORS.formatWrong],
    ['1 Gi', QUANTITY_ERRORS.formatWrong],
    ['1.2.3', QUANTITY_ERRORS.formatWrong],
    ['1Gb', QUANTITY_ERRORS.formatWrong],
    ['1KiB', QUANTITY_ERRORS.formatWrong],
    ['1mi', QUANTITY_ERRORS.suffix],
    ['5e', QUANTITY_ERRORS.suffix],
    ['1Kii', QUANTITY_ERRORS.suffix],
  ])('refuses %p', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(message);
  });

  it('names the regular expression of apimachinery in the format error', () => {
    expect(QUANTITY_ERRORS.formatWrong).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it.each([
    ['1.5n', '1m'],
    ['100m', '100m'],
    ['0.0001', '1m'],
    ['1Gi', '1Gi'],
  ])('rounds %p up to milli units as resource lists do: %p', (input, expected) => {
    expect(formatQuantity(roundQuantityUp(parseQuantity(input), -3))).toBe(expected);
  });
});
