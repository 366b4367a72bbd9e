import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A real OCI registry (Debian's docker-registry) on loopback, for tests. */
export interface TestRegistry {
  /** `127.0.0.1:<port>`, usable as an image reference's registry part. */
  host: string;
  /** Pushes a small Kaito-adapter-shaped image and returns its manifest digest. */
  pushImage(repository: string, tag: string, content?: string): Promise<string>;
  stop(): Promise<void>;
}

const REGISTRY_BINARY = '/usr/bin/docker-registry';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** A one-file tar archive (ustar), enough for a layer blob. */
function tarOf(path: string, content: string): Buffer {
  const body = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(path, 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let checksum = 0;
  for (const byte of header) checksum += byte;
  header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148);
  const padding = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header, body, padding, Buffer.alloc(1024)]);
}

/**
 * Starts `docker-registry serve` on a free loopback port with its storage in
 * a temporary folder; with `htpasswd`, the registry requires Basic auth.
 */
export async function startTestRegistry(options: {
  users?: Record<string, string>;
} = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'kaito-registry-'));
  const port = await freePort();
  const auth = options.users
    ? (() => {
        const file = join(dir, 'htpasswd');
        for (const [user, password] of Object.entries(options.users!)) {
          const line = execFileSync('htpasswd', ['-nbB', user, password]).toString().trim();
          writeFileSync(file, `${line}\n`, { flag: 'a' });
        }
        return `auth:\n  htpasswd:\n    realm: kaito-test\n    path: ${file}\n`;
      })()
    : '';
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], {
    stdio: 'ignore',
  });
  const host = `127.0.0.1:${port}`;
  const base = `http://${host}`;
  const authHeader = options.users
    ? {
        Authorization: `Basic ${Buffer.from(Object.entries(options.users)[0].join(':')).toString('base64')}`,
      }
    : undefined;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`${base}/v2/`, { headers: authHeader });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`docker-registry did not start on ${host} (is Debian's docker-registry installed?)`);
    }
    await new Promise(r => setTimeout(r, 50));
  }

  async function pushBlob(repository: string, data: Buffer): Promise<string> {
    const digest = sha256(data);
    const start = await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: authHeader });
    const location = new URL(start.headers.get('location')!, base);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, {
      method: 'PUT',
      headers: { ...authHeader, 'Content-Type': 'application/octet-stream' },
      body: data,
    });
    if (put.status !== 201) throw new Error(`blob upload failed: HTTP ${put.status}`);
    return digest;
  }

  return {
    host,
    async pushImage(repository, tag, content = '{"r": 8}') {
      const layer = gzipSync(tarOf('data/adapter_config.json', content));
      const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
      const layerDigest = await pushBlob(repository, layer);
      const configDigest = await pushBlob(repository, config);
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
          layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: layer.length }],
        }),
      );
      const put = await fetch(`${base}/v2/${repository}/manifests/${tag}`, {
        method: 'PUT',
        headers: { ...authHeader, 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
        body: manifest,
      });
      if (put.status !== 201) throw new Error(`manifest upload failed: HTTP ${put.status}`);
      return sha256(manifest);
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise(r => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
