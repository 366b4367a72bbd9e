import { KNOWN_MIG_PROFILES, parseMigProfile } from './migProfiles';

const asPattern = (message: string | RegExp) => (typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);

describe('parseMigProfile', () => {
  it.each([
    ['1g.10gb', 1, 10],
    ['3g.47gb', 3, 47],
    ['7g.141gb', 7, 141],
    ['1g.6gb', 1, 6],
  ])('reads %s as %i slices of %i GiB', (profile, computeSlices, memoryGiB) => {
    expect(parseMigProfile(profile)).toEqual({ ok: true, computeSlices, memoryGiB });
  });

  it.each([
    ['10gb', `invalid MIG profile format "10gb": expected format like '1g.10gb'`],
    ['0g.10gb', 'invalid MIG profile "0g.10gb": compute slices must be > 0'],
    ['1g.0.5gb', 'invalid MIG profile "1g.0.5gb": memory must be > 0'],
    ['1g.1.2.3gb', 'invalid MIG profile "1g.1.2.3gb": cannot parse memory value'],
    ['2g.11gb', /^unknown MIG profile "2g.11gb": must be one of \[1g\.10gb 1g\.12gb .* 7g\.96gb\]$/],
  ])('refuses %s as Kaito does', (profile, message) => {
    expect(parseMigProfile(profile)).toEqual({ ok: false, message: expect.stringMatching(asPattern(message)) });
  });

  it("holds Kaito v0.12's 35 profiles, each one it can parse", () => {
    expect(KNOWN_MIG_PROFILES).toHaveLength(35);
    expect(new Set(KNOWN_MIG_PROFILES).size).toBe(35);
    expect(KNOWN_MIG_PROFILES.every(p => parseMigProfile(p).ok)).toBe(true);
  });
});
