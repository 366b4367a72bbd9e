/*
 * The `cluster-sim` command must work both in this repo (sources through the Backstage CLI's
 * transform) and installed from the registry, where the package holds only `files` and
 * @backstage/cli (a dev dependency) is not there.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const packageDir = resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const binPath: string = manifest.bin;
const binText = readFileSync(join(packageDir, binPath), 'utf8');

/** Whether npm packs a path, by the manifest's `files` (folders or files; no globs here). */
const packed = (path: string) => (manifest.files as string[]).some(entry => path === entry || path.startsWith(`${entry}/`));

describe('the cluster-sim command', () => {
  it('is an executable node script the package ships', () => {
    expect(binText.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(join(packageDir, binPath), constants.X_OK)).not.toThrow();
    expect(packed(binPath)).toBe(true);
  });

  it('runs, once installed, the build of the ./cli entry point, which the package ships', () => {
    // backstage-cli package build writes entry point `./cli` as dist/cli.cjs.js.
    expect(manifest.exports['./cli']).toBe('./src/cli.ts');
    expect(binText).toContain("'../dist/cli.cjs.js'");
    expect(packed('dist/cli.cjs.js')).toBe(true);
    // The sources and the transform only where the sources are.
    expect(binText).toContain("'../src/cli'");
    expect(existsSync(join(packageDir, 'src/cli.ts'))).toBe(true);
    expect(manifest.dependencies['@backstage/cli']).toBeUndefined();
  });

  it('runs from the sources in the repo', async () => {
    const { stdout } = await run(process.execPath, [join(packageDir, binPath), '--help'], { cwd: packageDir });
    expect(stdout).toMatch(/^Usage: cluster-sim \[--port 6443\]/);
  }, 60_000);

  it('looks for the build, not for @backstage/cli, where the sources are not', async () => {
    const installed = mkdtempSync(join(tmpdir(), 'cluster-sim-installed-'));
    try {
      mkdirSync(join(installed, 'bin'));
      copyFileSync(join(packageDir, binPath), join(installed, binPath));
      const failure = await run(process.execPath, [join(installed, binPath), '--help'], { cwd: installed }).then(
        () => undefined,
        (error: { stderr: string }) => error.stderr,
      );
      expect(failure).toContain("Cannot find module '../dist/cli.cjs.js'");
      expect(failure).not.toContain('@backstage/cli');
    } finally {
      rmSync(installed, { recursive: true, force: true });
    }
  }, 60_000);
});
