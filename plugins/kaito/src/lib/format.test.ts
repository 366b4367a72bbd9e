import {
  formatAge,
  formatCostPerHour,
  formatMilliseconds,
  shortDigest,
} from './format';

const now = Date.parse('2026-11-22T12:00:00Z');

describe('formatAge', () => {
  it.each([
    [undefined, '-'],
    ['not a date', '-'],
    ['2026-11-22T11:59:15Z', '45s'],
    ['2026-11-22T12:00:30Z', '0s'],
    ['2026-11-22T11:48:00Z', '12m'],
    ['2026-11-22T09:00:00Z', '3h'],
    ['2026-11-20T12:00:00Z', '2d'],
  ])('prints %s as %s', (createdAt, expected) => {
    expect(formatAge(createdAt, now)).toBe(expected);
  });
});

describe('formatCostPerHour', () => {
  it.each<[number | undefined, string | undefined, string]>([
    [undefined, undefined, '-'],
    [3.2, undefined, '$3.20/h'],
    [98.316, 'USD', '$98.32/h'],
    [1.5, 'EUR', '€1.50/h'],
  ])('prints %s %s as %s', (cost, currency, expected) => {
    expect(formatCostPerHour(cost, currency)).toBe(expected);
  });
});

describe('formatMilliseconds', () => {
  it.each([
    [42.4, '42 ms'],
    [1250, '1.3 s'],
  ])('prints %s as %s', (ms, expected) => {
    expect(formatMilliseconds(ms)).toBe(expected);
  });
});

describe('shortDigest', () => {
  it('keeps the algorithm and 12 hex digits', () => {
    expect(shortDigest('sha256:0123456789abcdef0123')).toBe(
      'sha256:0123456789ab',
    );
  });
});
