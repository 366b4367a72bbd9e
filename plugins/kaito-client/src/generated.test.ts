import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

  it('is API Extractor clean: every top-level export tagged, no JSDoc-only tags', () => {
    // API Extractor fails the API report on an untagged export or a tag TSDoc does not define.
    const types = readFileSync(join(__dirname, 'generated/openapi.ts'), 'utf8');
    const exports = [...types.matchAll(/^(.*)\nexport (?:interface|type) ([\w$]+)/gm)];
    expect(exports.map(([, , name]) => name)).toEqual(['paths', 'webhooks', 'components', '$defs', 'operations']);
    for (const [, comment, name] of exports) expect([name, comment]).toEqual([name, expect.stringContaining('@public')]);
    expect(types).not.toMatch(/(?<!\\)@(description|enum|default|constant)\b/);
  });
});
