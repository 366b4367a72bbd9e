import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

describe('generated code', () => {
  it('is what scripts/generate.mjs makes of openapi.yaml now', () => {
    // Exits 1 naming the stale files when the spec changed without a regeneration.
    const output = execFileSync(process.execPath, [join(__dirname, '../scripts/generate.mjs'), '--check'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output).toContain('Generated code matches openapi.yaml.');
  });
});
