/*
 * What an adopter installs must look like a well-kept Backstage plugin family:
 * each published package has a catalog-info.yaml matching its package.json
 * (the repo-tools generate-catalog-info convention), lists its plugin family
 * as `backstage-cli repo fix --publish` writes it, keeps test-only packages
 * out of `dependencies`, and changesets name only published packages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const repoRoot = resolve(__dirname, '../../../..');

type Manifest = {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  backstage?: { role?: string; pluginId?: string; pluginPackages?: string[]; pluginPackage?: string };
};

function packagesUnder(folder: string): Array<{ dir: string; manifest: Manifest }> {
  return readdirSync(join(repoRoot, folder))
    .map(name => join(folder, name))
    .filter(dir => existsSync(join(repoRoot, dir, 'package.json')))
    .map(dir => ({ dir, manifest: JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) }));
}

const workspace = [...packagesUnder('plugins'), ...packagesUnder('packages')];
const published = workspace.filter(p => !p.manifest.private && p.manifest.backstage?.role);

/** repo-tools' entity name for a package name (`@scope/plugin-x` → `scope-plugin-x`). */
function entityNameOf(packageName: string): string {
  return packageName.replace(/^[^\w\s]|[^a-z0-9]$/g, '').replace(/[^A-Za-z0-9_\-.]+/g, '-');
}

// The roles whose packages make up a plugin family (backstage-cli repo fix).
const familyRoles = ['frontend-plugin', 'backend-plugin', 'common-library', 'web-library', 'node-library'];

// Packages only tests use; in `dependencies` they would be installed into every adopter's portal.
const testOnlyPackages = [
  '@backstage/backend-test-utils',
  '@backstage/test-utils',
  '@backstage/frontend-test-utils',
  '@backstage/plugin-scaffolder-node-test-utils',
  '@backstage/dev-utils',
  '@testing-library/dom',
  '@testing-library/jest-dom',
  '@testing-library/react',
  '@testing-library/user-event',
  'msw',
  'supertest',
  '@types/supertest',
  'jest',
];

describe('published packages', () => {
  it('are the plugins and the simulator', () => {
    expect(published.map(p => p.dir)).toEqual(expect.arrayContaining(['plugins/kaito', 'plugins/kaito-backend']));
  });

  describe.each(published.map(p => [p.manifest.name, p] as const))('%s', (name, { dir, manifest }) => {
    it('has a catalog-info.yaml describing it', () => {
      const path = join(repoRoot, dir, 'catalog-info.yaml');
      expect({ path: join(dir, 'catalog-info.yaml'), exists: existsSync(path) }).toEqual({
        path: join(dir, 'catalog-info.yaml'),
        exists: true,
      });
      const entity = parse(readFileSync(path, 'utf8'));
      expect(entity).toMatchObject({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: entityNameOf(name),
          title: name,
          annotations: { 'backstage.io/source-location': expect.stringMatching(new RegExp(`/tree/main/${dir}/$`)) },
        },
        spec: {
          type: `backstage-${manifest.backstage!.role}`,
          lifecycle: expect.any(String),
          owner: expect.stringMatching(/^group:/),
        },
      });
    });

    it('keeps test-only packages out of its dependencies', () => {
      const listed = Object.keys(manifest.dependencies ?? {}).filter(dep => testOnlyPackages.includes(dep));
      expect(listed).toEqual([]);
    });

    const { role, pluginId } = manifest.backstage!;
    if (pluginId && familyRoles.includes(role!)) {
      it('lists its plugin family in backstage.pluginPackages', () => {
        const family = workspace
          .filter(p => p.manifest.backstage?.pluginId === pluginId && familyRoles.includes(p.manifest.backstage?.role ?? ''))
          .map(p => p.manifest.name)
          .sort();
        expect(manifest.backstage!.pluginPackages).toEqual(family);
      });
    }
    if (pluginId && role?.endsWith('-plugin-module')) {
      it('names the plugin it extends in backstage.pluginPackage', () => {
        const plugin = workspace.find(
          p => p.manifest.backstage?.pluginId === pluginId && p.manifest.backstage?.role === role.replace('-module', ''),
        );
        // A module of a plugin outside this repository (catalog, scaffolder) names that plugin's package.
        expect(manifest.backstage!.pluginPackage).toBe(plugin?.manifest.name ?? `@backstage/plugin-${pluginId}-backend`);
      });
    }
  });
});

describe('changesets', () => {
  const dir = join(repoRoot, '.changeset');
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const changesets = readdirSync(dir).filter(f => f.endsWith('.md') && f !== 'README.md');
  const publishedNames = new Set(published.map(p => p.manifest.name));

  it('version only published packages', () => {
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });

  it.each(changesets)('%s bumps published packages only', file => {
    const text = readFileSync(join(dir, file), 'utf8');
    const frontMatter = /^---\n([\s\S]*?)\n---\n([\s\S]+)$/.exec(text);
    expect(frontMatter).not.toBeNull();
    const bumps: Record<string, string> = parse(frontMatter![1]) ?? {};
    expect(Object.keys(bumps).length).toBeGreaterThan(0);
    for (const [name, bump] of Object.entries(bumps)) {
      expect({ name, published: publishedNames.has(name), bump }).toEqual({
        name,
        published: true,
        bump: expect.stringMatching(/^(major|minor|patch)$/),
      });
    }
    expect(frontMatter![2].trim().length).toBeGreaterThan(0);
  });
});
