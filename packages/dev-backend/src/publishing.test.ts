/*
 * This package is private (never published), yet the published backend
 * packages name it for their dev/ entries. That is safe only as a
 * devDependency: `yarn pack` rewrites its `workspace:^` to `^0.1.0` like any
 * other, and a package's devDependencies are never installed by those who
 * install it, so the missing registry entry is never asked for. As a
 * dependency, peer or optional dependency, every install of the published
 * package would fail (404). This checks that rule over the whole workspace.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const repoRoot = resolve(__dirname, '../../..');
/** The fields whose packages an install of the package installs too. */
const INSTALLED_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Every workspace's package.json, from the root's `workspaces` globs (each `dir/*`). */
function workspaceManifests(): Manifest[] {
  const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const globs: string[] = Array.isArray(root.workspaces) ? root.workspaces : root.workspaces.packages;
  return globs.flatMap(glob => {
    expect(glob).toMatch(/^[^*]+\/\*$/);
    const dir = join(repoRoot, glob.slice(0, -2));
    return readdirSync(dir, { withFileTypes: true })
      .filter(entry => entry.isDirectory() && existsSync(join(dir, entry.name, 'package.json')))
      .map(entry => JSON.parse(readFileSync(join(dir, entry.name, 'package.json'), 'utf8')) as Manifest);
  });
}

describe('publishing the packages that use this private one', () => {
  const manifests = workspaceManifests();
  const privateNames = new Set(manifests.filter(m => m.private).map(m => m.name));
  const published = manifests.filter(m => !m.private);

  it('finds this package private and the published ones that use it', () => {
    expect(privateNames).toContain('@kaito-backstage/dev-backend');
    expect(
      published.filter(m => m.devDependencies?.['@kaito-backstage/dev-backend']).map(m => m.name),
    ).toEqual(expect.arrayContaining(['@kaito-backstage/plugin-kaito-backend']));
  });

  it('names no private workspace package where installing a published package would fetch it', () => {
    const fetched = published.flatMap(manifest =>
      INSTALLED_FIELDS.flatMap(field =>
        Object.keys(manifest[field] ?? {})
          .filter(name => privateNames.has(name))
          .map(name => `${manifest.name} ${field}: ${name}`),
      ),
    );
    expect(fetched).toEqual([]);
  });

  it('uses the workspace protocol for it, which yarn pack turns into a version range', () => {
    const otherRanges = published.flatMap(manifest =>
      Object.entries(manifest.devDependencies ?? {})
        .filter(([name, range]) => privateNames.has(name) && range !== 'workspace:^')
        .map(([name, range]) => `${manifest.name}: ${name}@${range}`),
    );
    expect(otherRanges).toEqual([]);
  });
});
