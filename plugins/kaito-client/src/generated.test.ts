import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

describe('generated code', () => {
  it('is what scripts/generate.mjs makes of openapi.yaml now', () => {
    // Exits 1 naming the stale files when the spec changed without a regeneration.
    const output = execFileSync(process.execPath, [join(__dirname, '../scripts/generate.mjs'), '--check'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output).toContain('Generated code matches openapi.yaml.');
  });

  it("writes the spec's types once, into kaito-common, where its REST types read them", () => {
    // A property added to a schema must reach kaito-common's copy: that file is what WorkspaceSummary is.
    const spec = readFileSync(join(__dirname, '../../kaito-backend/src/schema/openapi.yaml'), 'utf8');
    const marked = spec.replace(/(\n {4}WorkspaceSummary:\n(?:.*\n)*? {6}properties:\n)/, '$1        probeField: { type: string }\n');
    expect(marked).not.toEqual(spec);
    const script = `
      import { readFileSync } from 'node:fs';
      import { render } from ${JSON.stringify(join(__dirname, '../scripts/generate.mjs'))};
      const files = await render(readFileSync(0, 'utf8'));
      const types = [...files].filter(([, text]) => text.includes('probeField?: string')).map(([file]) => file);
      process.stdout.write(JSON.stringify({ files: [...files.keys()], types }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', input: marked });
    const { files, types } = JSON.parse(output) as { files: string[]; types: string[] };
    const fromRoot = (file: string) => relative(join(__dirname, '../../..'), file);
    expect(types.map(fromRoot)).toEqual(['plugins/kaito-common/src/rest/generated/openapi.ts']);
    expect(files.map(fromRoot)).not.toContain('plugins/kaito-client/src/generated/openapi.ts');
    expect(files.map(fromRoot)).not.toContain('plugins/kaito-backend/src/schema/openapi/generated/openapi.ts');
  });

  it('is API Extractor clean: every top-level export tagged, no JSDoc-only tags', () => {
    // API Extractor fails the API report on an untagged export or a tag TSDoc does not define.
    const types = readFileSync(join(__dirname, '../../kaito-common/src/rest/generated/openapi.ts'), 'utf8');
    const exports = [...types.matchAll(/^(.*)\nexport (?:interface|type) ([\w$]+)/gm)];
    expect(exports.map(([, , name]) => name)).toEqual(['paths', 'webhooks', 'components', '$defs', 'operations']);
    for (const [, comment, name] of exports) expect([name, comment]).toEqual([name, expect.stringContaining('@public')]);
    expect(types).not.toMatch(/(?<!\\)@(description|enum|default|constant)\b/);
  });
});
