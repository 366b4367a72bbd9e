import { formatMicroTime, formatTime, toMicroTime } from './kubeTime';

const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe('formatMicroTime', () => {
  it.each([
    ['2026-12-01T08:05:13.473Z', '2026-12-01T08:05:13.473000Z'],
    ['2026-12-01T08:05:13.000Z', '2026-12-01T08:05:13.000000Z'],
    ['1999-01-31T23:59:59.999Z', '1999-01-31T23:59:59.999000Z'],
  ])('writes %s with six fractional digits', (iso, expected) => {
    expect(formatMicroTime(new Date(iso))).toBe(expected);
    expect(formatMicroTime(new Date(iso))).toMatch(MICRO_TIME);
  });
});

describe('formatTime', () => {
  it('writes whole seconds', () => {
    expect(formatTime(new Date('2026-12-01T08:05:13.473Z'))).toBe('2026-12-01T08:05:13Z');
  });
});

describe('toMicroTime', () => {
  // client-node's serializer hands a V1MicroTime field to JSON.stringify as is;
  // the wire test (microTimeOnTheWire.test.ts) checks the whole path.
  it('turns into six fractional digits in JSON', () => {
    const at = new Date('2026-12-01T08:05:13.473Z');
    expect(JSON.stringify({ renewTime: toMicroTime(at) })).toBe('{"renewTime":"2026-12-01T08:05:13.473000Z"}');
    expect(toMicroTime(at).getTime()).toBe(at.getTime());
  });

  it('is needed: a plain Date turns into three digits', () => {
    expect(JSON.stringify({ renewTime: new Date('2026-12-01T08:05:13.473Z') })).toBe('{"renewTime":"2026-12-01T08:05:13.473Z"}');
  });
});
