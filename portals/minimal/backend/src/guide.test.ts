/*
 * Keeps docs/add-to-your-portal.md and the minimal portal in step: every
 * block of the guide that names a file must be in that file, and every
 * `yarn --cwd packages/<x> add` line must be a dependency of the portal's
 * package. A change to either side that the other does not make fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const repoRoot = resolve(__dirname, '../../../..');
const guidePath = join(repoRoot, 'docs/add-to-your-portal.md');
const guide = readFileSync(guidePath, 'utf8');

/** A fenced block: its language, the file it belongs to, and whether it is the whole file. */
type GuideBlock = {
  lang: string;
  file?: string;
  whole: boolean;
  body: string;
  line: number;
};

function guideBlocks(markdown: string): GuideBlock[] {
  const blocks: GuideBlock[] = [];
  const fence = /^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    const [, lang, info, body] = match;
    const words = info.trim().split(/\s+/).filter(Boolean);
    const file = words.find(w => w.startsWith('file='))?.slice('file='.length);
    const line = markdown.slice(0, match.index).split('\n').length;
    blocks.push({ lang, file, whole: words.includes('whole'), body, line });
  }
  return blocks;
}

/** The guide's `packages/<x>` are the minimal portal's `portals/minimal/<x>`. */
const portalPackageDir: Record<string, string> = {
  'packages/backend': 'portals/minimal/backend',
  'packages/app': 'portals/minimal/app',
};

const blocks = guideBlocks(guide);
const fileBlocks = blocks.filter(b => b.file);
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

/** Whether the lines of `excerpt` appear in `text` as whole lines, in this order (others may sit between). */
function linesInOrder(
  excerpt: string,
  text: string,
): { ok: true } | { ok: false; missing: string } {
  const lines = text.split('\n').map(l => l.trimEnd());
  let at = 0;
  for (const wanted of excerpt.split('\n').map(l => l.trimEnd())) {
    if (wanted === '') continue;
    const found = lines.indexOf(wanted, at);
    if (found < 0) return { ok: false, missing: wanted };
    at = found + 1;
  }
  return { ok: true };
}

/** Whether `part` is contained in `whole`: objects key by key, arrays and scalars equal. */
function isYamlSubset(part: unknown, whole: unknown): boolean {
  if (part && typeof part === 'object' && !Array.isArray(part)) {
    if (!whole || typeof whole !== 'object' || Array.isArray(whole))
      return false;
    return Object.entries(part).every(([key, value]) =>
      isYamlSubset(value, (whole as Record<string, unknown>)[key]),
    );
  }
  return isDeepStrictEqual(part, whole);
}

describe('docs/add-to-your-portal.md against portals/minimal', () => {
  it('has blocks for the backend, the policy, the app, the catalog and the config', () => {
    expect(fileBlocks.map(b => b.file)).toEqual(
      expect.arrayContaining([
        'portals/minimal/backend/src/index.ts',
        'portals/minimal/backend/src/kaitoPermissionPolicy.ts',
        'portals/minimal/app/src/App.tsx',
        'portals/minimal/app-config.yaml',
        'portals/minimal/catalog/entities.yaml',
      ]),
    );
  });

  describe.each(
    fileBlocks.map(b => [`${b.file} (guide line ${b.line})`, b] as const),
  )('the block for %s', (_title, block) => {
    const text = read(block.file!);
    if (block.whole) {
      it('is the whole file', () => {
        expect(text).toBe(block.body);
      });
    } else if (block.lang === 'yaml') {
      it('is part of the file', () => {
        const wanted = parseAllDocuments(block.body).map(d => d.toJS());
        const docs = parseAllDocuments(text).map(d => d.toJS());
        for (const part of wanted) {
          expect({
            part,
            found: docs.some(doc => isYamlSubset(part, doc)),
          }).toEqual({ part, found: true });
        }
      });
    } else {
      it('has its lines in the file, in order', () => {
        expect(linesInOrder(block.body, text)).toEqual({ ok: true });
      });
    }
  });

  const addLines = blocks
    .filter(b => b.lang === 'sh')
    .flatMap(b => b.body.split('\n'))
    .map(line => line.match(/^yarn --cwd (\S+) add (.+)$/))
    .filter((m): m is RegExpMatchArray => m !== null);

  it('has yarn add lines for the backend and the app', () => {
    expect(new Set(addLines.map(m => m[1]))).toEqual(
      new Set(['packages/backend', 'packages/app']),
    );
  });

  it.each(addLines.map(m => [m[1], m[2].trim().split(/\s+/)] as const))(
    'the portal package for %s depends on %j',
    (dir, packages) => {
      const manifest = JSON.parse(
        read(join(portalPackageDir[dir], 'package.json')),
      );
      for (const name of packages) {
        expect({ name, listed: name in (manifest.dependencies ?? {}) }).toEqual(
          { name, listed: true },
        );
      }
    },
  );

  it.each(Object.entries(portalPackageDir))(
    'tells to add every @kaito-backstage package that %s uses',
    (guideDir, portalDir) => {
      const added = new Set(addLines.filter(m => m[1] === guideDir).flatMap(m => m[2].trim().split(/\s+/)));
      const src = join(portalDir, 'src');
      const used = readdirSync(join(repoRoot, src), { recursive: true, encoding: 'utf8' })
        .filter(file => /\.(ts|tsx)$/.test(file) && !file.endsWith('.test.ts'))
        .flatMap(file => [...read(join(src, file)).matchAll(/'(@kaito-backstage\/[a-z0-9-]+)[^']*'/g)].map(m => m[1]));
      expect(used.length).toBeGreaterThan(0);
      expect([...new Set(used)].filter(name => !added.has(name))).toEqual([]);
    },
  );

  // Also the blocks no portal file holds (the legacy app's): what they import must be exported.
  const imports = blocks.flatMap(block =>
    [
      ...block.body.matchAll(
        /^import\s+(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s+'(@kaito-backstage\/[a-z0-9-]+)(\/[a-z]+)?';/gm,
      ),
    ].map(m => ({
      line: block.line,
      defaultName: m[1],
      names: (m[2] ?? '')
        .split(',')
        .map(n => n.trim())
        .filter(Boolean),
      pkg: m[3],
      subpath: m[4] ? `.${m[4]}` : '.',
    })),
  );

  it.each(imports.map(i => [`${i.pkg}${i.subpath.slice(1)}`, i.line, i] as const))(
    'exports what the guide imports from %s (guide line %d)',
    (_title, _line, entry) => {
      const dir = readdirSync(join(repoRoot, 'plugins')).find(d => {
        try {
          return JSON.parse(read(join('plugins', d, 'package.json'))).name === entry.pkg;
        } catch {
          return false;
        }
      });
      expect(dir).toBeDefined();
      const manifest = JSON.parse(read(join('plugins', dir!, 'package.json')));
      const file = manifest.exports?.[entry.subpath] ?? (entry.subpath === '.' ? manifest.main : undefined);
      expect({ subpath: entry.subpath, file }).toEqual({ subpath: entry.subpath, file: expect.any(String) });
      const source = exportedSource(join('plugins', dir!, file));
      // A default import needs a default export; no default import asks for nothing.
      expect({ defaultExport: !entry.defaultName || /export default|as default\b/.test(source) }).toEqual({
        defaultExport: true,
      });
      for (const name of entry.names) {
        expect({ name, exported: new RegExp(`export[^;]*\\b${name}\\b`).test(source) }).toEqual({
          name,
          exported: true,
        });
      }
    },
  );

  it("uses the plugins through their public entry points only, as an adopter's portal does", () => {
    const sources = ['portals/minimal/app/src', 'portals/minimal/backend/src'].flatMap(dir =>
      readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
        .filter(file => /\.(ts|tsx)$/.test(file) && !file.endsWith('.test.ts'))
        .map(file => join(dir, file)),
    );
    const deepImports = sources.flatMap(file =>
      [...read(file).matchAll(/from '(@kaito-backstage\/[a-z0-9-]+)(\/[^']+)?'|import\('(@kaito-backstage\/[^']+)'\)/g)]
        .map(m => ({ file, pkg: m[1] ?? m[3], subpath: m[2] }))
        .filter(({ pkg, subpath }) => {
          if (!subpath) return false;
          const dir = readdirSync(join(repoRoot, 'plugins')).find(d => {
            try {
              return JSON.parse(read(join('plugins', d, 'package.json'))).name === pkg;
            } catch {
              return false;
            }
          });
          const exportsMap = dir ? JSON.parse(read(join('plugins', dir, 'package.json'))).exports ?? {} : {};
          return !(`.${subpath}` in exportsMap);
        }),
    );
    expect(sources.length).toBeGreaterThan(0);
    expect(deepImports).toEqual([]);
  });

  it('names only packages of this repository that adopters can install', () => {
    const named = [...guide.matchAll(/@kaito-backstage\/[a-z0-9-]+/g)].map(
      m => m[0],
    );
    const workspaces = new Map<string, { private?: boolean }>();
    for (const dir of readdirSync(join(repoRoot, 'plugins'))) {
      try {
        const manifest = JSON.parse(read(join('plugins', dir, 'package.json')));
        workspaces.set(manifest.name, manifest);
      } catch {
        // not a package folder (README.md)
      }
    }
    for (const name of new Set(named)) {
      expect({
        name,
        published: workspaces.has(name) && !workspaces.get(name)!.private,
      }).toEqual({
        name,
        published: true,
      });
    }
  });
});

/** An entry file's text with the text of every module it re-exports wholesale (`export * from`). */
function exportedSource(path: string, seen = new Set<string>()): string {
  if (seen.has(path)) return '';
  seen.add(path);
  const text = read(path);
  const nested = [...text.matchAll(/^export \* from '(\.[^']+)';/gm)].map(m => {
    const base = join(dirname(path), m[1]);
    const file = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map(ext => base + ext).find(f => existsSync(join(repoRoot, f)));
    return file ? exportedSource(file, seen) : '';
  });
  return [text, ...nested].join('\n');
}

