/**
 * The NVIDIA MIG profiles Kaito v0.12 accepts (`pkg/utils/mig`), by GPU. A profile is
 * `<compute slices>g.<memory>gb`; a MIG workload runs on one slice of that memory.
 *
 * @public
 */
export const KNOWN_MIG_PROFILES: readonly string[] = [
  // A30 (24 GB)
  '1g.6gb', '2g.12gb', '4g.24gb',
  // A100 (40 GB)
  '1g.5gb', '2g.10gb', '3g.20gb', '4g.20gb', '7g.40gb',
  // A100 (80 GB) / H100 (80 GB)
  '1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb',
  // H100 (94 GB)
  '1g.12gb', '1g.24gb', '2g.24gb', '3g.47gb', '4g.47gb', '7g.94gb',
  // H100 (96 GB, GH200)
  '3g.48gb', '4g.48gb', '7g.96gb',
  // H200 (141 GB)
  '1g.18gb', '1g.35gb', '2g.35gb', '3g.71gb', '4g.71gb', '7g.141gb',
  // B200 (180 GB)
  '1g.23gb', '1g.45gb', '2g.45gb', '3g.90gb', '4g.90gb', '7g.180gb',
];

/** A parsed MIG profile, or why it is not one. @public */
export type MigProfile = { ok: true; computeSlices: number; memoryGiB: number } | { ok: false; message: string };

/**
 * Parses a MIG profile as Kaito does: compute slices and memory (whole GiB, rounded down),
 * both above zero; then it must be a known profile.
 *
 * @public
 */
export function parseMigProfile(profile: string): MigProfile {
  const match = /^(\d+)g\.([\d.]+)gb$/.exec(profile);
  if (!match) {
    return { ok: false, message: `invalid MIG profile format "${profile}": expected format like '1g.10gb'` };
  }
  const computeSlices = Number(match[1]);
  const memory = Number(match[2]);
  if (Number.isNaN(memory)) {
    return { ok: false, message: `invalid MIG profile "${profile}": cannot parse memory value` };
  }
  const memoryGiB = Math.floor(memory);
  if (computeSlices === 0) return { ok: false, message: `invalid MIG profile "${profile}": compute slices must be > 0` };
  if (memoryGiB === 0) return { ok: false, message: `invalid MIG profile "${profile}": memory must be > 0` };
  if (!KNOWN_MIG_PROFILES.includes(profile)) {
    return { ok: false, message: `unknown MIG profile "${profile}": must be one of [${[...KNOWN_MIG_PROFILES].sort().join(' ')}]` };
  }
  return { ok: true, computeSlices, memoryGiB };
}

/**
 * The extended resource the NVIDIA device plugin advertises for one MIG profile under its
 * "mixed" strategy, as Kaito v0.12 names it: `nvidia.com/mig-<profile>`.
 *
 * @internal
 */
export function migResourceName(profile: string): string {
  return `nvidia.com/mig-${profile}`;
}
