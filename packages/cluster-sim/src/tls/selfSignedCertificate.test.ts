import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { createSelfSignedServingCertificate, ServingCertificate } from './selfSignedCertificate';

const OPENSSL = '/usr/bin/openssl';
const NOW = new Date('2026-11-22T12:00:00Z');

/** Completes a TLS handshake against a server with the certificate; resolves with the client's verdict. */
async function handshake(certificate: ServingCertificate, trusted: string, servername: string, host = '127.0.0.1') {
  const server = tls.createServer({ key: certificate.privateKeyPem, cert: certificate.certificatePem }, socket => socket.end());
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    return await new Promise<{ authorized: boolean; error?: string }>(resolve => {
      const socket = tls.connect({ host, port, ca: trusted, servername: servername || undefined }, () => {
        resolve({ authorized: socket.authorized });
        socket.destroy();
      });
      socket.on('error', error => resolve({ authorized: false, error: (error as NodeJS.ErrnoException).code }));
    });
  } finally {
    await new Promise(resolve => server.close(resolve));
  }
}

describe('createSelfSignedServingCertificate', () => {
  describe.each(['ec-p256', 'rsa-2048'] as const)('with %s keys', keyType => {
    let ca: X509Certificate;
    let leaf: X509Certificate;
    beforeAll(async () => {
      const certificate = await createSelfSignedServingCertificate({ keyType, now: NOW, validityDays: 30 });
      ca = new X509Certificate(certificate.caCertificatePem);
      leaf = new X509Certificate(certificate.certificatePem);
    });

    it('makes a self-signed CA certificate', () => {
      expect(ca.ca).toBe(true);
      expect(ca.verify(ca.publicKey)).toBe(true);
      expect(ca.subject).toBe(ca.issuer);
      expect(ca.subject).toContain('CN=kaito-cluster-sim-ca');
    });

    it('makes a serving certificate the CA signed, for 127.0.0.1 and localhost only', () => {
      expect(leaf.ca).toBe(false);
      expect(leaf.verify(ca.publicKey)).toBe(true);
      expect(leaf.checkIssued(ca)).toBe(true);
      expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(leaf.checkHost('localhost')).toBe('localhost');
      expect(leaf.checkHost('example.com')).toBeUndefined();
      expect(leaf.checkIP('10.0.0.1')).toBeUndefined();
      expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
      expect(leaf.publicKey.asymmetricKeyType).toBe(keyType === 'ec-p256' ? 'ec' : 'rsa');
    });

    it('is valid from an hour before the issue time for the given number of days', () => {
      expect(new Date(leaf.validFrom).toISOString()).toBe('2026-11-22T11:00:00.000Z');
      expect(new Date(leaf.validTo).toISOString()).toBe('2026-12-22T12:00:00.000Z');
      expect(new Date(ca.validTo).toISOString()).toBe('2026-12-22T12:00:00.000Z');
    });

    it('gives each certificate its own random serial number of at most 16 bytes', () => {
      expect(leaf.serialNumber).not.toBe(ca.serialNumber);
      expect(leaf.serialNumber).toMatch(/^[0-9A-F]{1,32}$/);
    });
  });

  it('is not signed by another CA', async () => {
    const one = await createSelfSignedServingCertificate();
    const other = await createSelfSignedServingCertificate();
    const leaf = new X509Certificate(one.certificatePem);
    expect(leaf.verify(new X509Certificate(other.caCertificatePem).publicKey)).toBe(false);
    expect(leaf.checkIssued(new X509Certificate(other.caCertificatePem))).toBe(false);
  });

  it('puts extra DNS names and IPv6 addresses into subjectAltName', async () => {
    const leaf = new X509Certificate((await createSelfSignedServingCertificate({ hosts: ['sim.example.test', '::1', '10.1.2.3'] })).certificatePem);
    expect(leaf.checkHost('sim.example.test')).toBe('sim.example.test');
    expect(leaf.checkIP('::1')).toBe('::1');
    expect(leaf.checkIP('10.1.2.3')).toBe('10.1.2.3');
    expect(leaf.checkIP('127.0.0.1')).toBeUndefined();
  });

  describe('in a TLS handshake', () => {
    let certificate: ServingCertificate;
    beforeAll(async () => {
      certificate = await createSelfSignedServingCertificate();
    });

    it.each([
      ['an IP address', ''],
      ['localhost', 'localhost'],
    ])('is accepted for %s by a client that trusts the CA', async (_what, servername) => {
      await expect(handshake(certificate, certificate.caCertificatePem, servername)).resolves.toEqual({ authorized: true });
    });

    it('is refused by a client that trusts another CA', async () => {
      const stranger = (await createSelfSignedServingCertificate()).caCertificatePem;
      const result = await handshake(certificate, stranger, 'localhost');
      expect(result.authorized).toBe(false);
      expect(result.error).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
    });

    it('is refused for a host name it does not carry', async () => {
      const result = await handshake(certificate, certificate.caCertificatePem, 'example.com');
      expect(result).toEqual({ authorized: false, error: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    });
  });

  const describeWithOpenssl = existsSync(OPENSSL) ? describe : describe.skip;
  if (!existsSync(OPENSSL)) {
    // eslint-disable-next-line no-console
    console.warn(`${OPENSSL} is not installed: the openssl cross-check is skipped`);
  }

  describeWithOpenssl('checked by the openssl command', () => {
    const run = promisify(execFile);

    it.each(['ec-p256', 'rsa-2048'] as const)('verifies the %s chain strictly for TLS server use', async keyType => {
      const certificate = await createSelfSignedServingCertificate({ keyType });
      const dir = await fs.mkdtemp(join(tmpdir(), 'cluster-sim-tls-'));
      try {
        await fs.writeFile(join(dir, 'ca.pem'), certificate.caCertificatePem);
        await fs.writeFile(join(dir, 'server.pem'), certificate.certificatePem);
        const verify = await run(OPENSSL, ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', join(dir, 'ca.pem'), join(dir, 'server.pem')]);
        expect(verify.stdout.trim()).toBe(`${join(dir, 'server.pem')}: OK`);
        const text = (await run(OPENSSL, ['x509', '-in', join(dir, 'server.pem'), '-noout', '-text'])).stdout;
        expect(text).toContain('Version: 3 (0x2)');
        expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
        expect(text).toMatch(/X509v3 Subject Alternative Name:\s+IP Address:127\.0\.0\.1, DNS:localhost/);
        expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication/);
        const caText = (await run(OPENSSL, ['x509', '-in', join(dir, 'ca.pem'), '-noout', '-text'])).stdout;
        expect(caText).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
        expect(caText).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });
  });
});
