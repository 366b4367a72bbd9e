import { formatGoMicroTime, formatGoTime, parseGoTime, RFC3339_LAYOUT, RFC3339_MICRO_LAYOUT } from './goTime';

const MICRO = RFC3339_MICRO_LAYOUT;
const TIME = RFC3339_LAYOUT;

describe('parseGoTime', () => {
  describe('with the MicroTime layout', () => {
    it.each([
      ['2026-12-01T08:05:13.473000Z', '2026-12-01T08:05:13.473000Z'],
      ['2026-12-01T08:05:13.000001Z', '2026-12-01T08:05:13.000001Z'],
      ['2026-12-01T10:05:13.473123+02:00', '2026-12-01T08:05:13.473123Z'],
      ['2026-12-01T00:30:00.000000-01:00', '2026-12-01T01:30:00.000000Z'],
    ])('accepts %s and writes %s', (input, stored) => {
      expect(formatGoMicroTime(parseGoTime(input, MICRO))).toBe(stored);
    });

    it.each([
      ['2026-12-01T08:05:13.473Z', 'cannot parse ".473Z" as ".000000"'],
      ['2026-12-01T08:05:13Z', 'cannot parse "Z" as ".000000"'],
      ['2026-12-01T08:05:13.4731234Z', 'cannot parse "4Z" as "Z07:00"'],
      ['2026-12-01T08:05:13.473+00:00', 'cannot parse ".473+00:00" as ".000000"'],
      ['2026-12-01 08:05:13.473000Z', 'cannot parse " 08:05:13.473000Z" as "T"'],
      ['not a time', 'cannot parse "not a time" as "2006"'],
      ['', 'cannot parse "" as "2006"'],
      ['2026-12-01T08:05:13.473000', 'cannot parse "" as "Z07:00"'],
    ])('refuses %s: %s', (input, why) => {
      expect(() => parseGoTime(input, MICRO)).toThrow(`parsing time ${JSON.stringify(input)} as "2006-01-02T15:04:05.000000Z07:00": ${why}`);
    });

    it('gives the message of the real server for what Date.toISOString() produces', () => {
      expect(() => parseGoTime('2026-12-01T08:05:13.473Z', MICRO)).toThrow(
        'parsing time "2026-12-01T08:05:13.473Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".473Z" as ".000000"',
      );
    });
  });

  describe('with the RFC 3339 layout of metav1.Time', () => {
    it.each([
      ['2026-12-01T08:05:13Z', '2026-12-01T08:05:13Z'],
      ['2026-12-01T08:05:13.473Z', '2026-12-01T08:05:13Z'],
      ['2026-12-01T08:05:13.999999999Z', '2026-12-01T08:05:13Z'],
      ['2026-12-01T09:05:13+01:00', '2026-12-01T08:05:13Z'],
      ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59Z'],
    ])('accepts %s and writes it back in seconds as %s', (input, stored) => {
      expect(formatGoTime(parseGoTime(input, TIME))).toBe(stored);
    });

    it.each([
      ['2026-12-01', 'parsing time "2026-12-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"'],
      ['2026-12-01T08:05:13', 'parsing time "2026-12-01T08:05:13" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
      ['2026-13-01T08:05:13Z', 'parsing time "2026-13-01T08:05:13Z": month out of range'],
      ['2026-02-30T08:05:13Z', 'parsing time "2026-02-30T08:05:13Z": day out of range'],
      ['2026-12-01T24:05:13Z', 'parsing time "2026-12-01T24:05:13Z": hour out of range'],
      ['2026-12-01T08:05:13Zjunk', 'parsing time "2026-12-01T08:05:13Zjunk": extra text: "junk"'],
      ['2026-12-01t08:05:13Z', 'parsing time "2026-12-01t08:05:13Z" as "2006-01-02T15:04:05Z07:00": cannot parse "t08:05:13Z" as "T"'],
    ])('refuses %s', (input, message) => {
      expect(() => parseGoTime(input, TIME)).toThrow(message);
    });
  });
});
