import { KeyObject, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';

/** Key algorithm of the generated certificates. @public */
export type CertificateKeyType = 'ec-p256' | 'rsa-2048';

/** Options of {@link createSelfSignedServingCertificate}. @public */
export interface SelfSignedCertificateOptions {
  /** DNS names and IP addresses the serving certificate is valid for. @defaultValue ['127.0.0.1', 'localhost'] */
  hosts?: readonly string[];
  /** @defaultValue 'ec-p256' */
  keyType?: CertificateKeyType;
  /** How long both certificates are valid. @defaultValue 365 */
  validityDays?: number;
  /** The issue time (backdated an hour against clock skew). @defaultValue now */
  now?: Date;
  /** Common name of the serving certificate. @defaultValue 'kaito-cluster-sim' */
  commonName?: string;
}

/** A throw-away CA and the serving certificate it signed, all PEM. @public */
export interface ServingCertificate {
  /** The CA certificate clients trust (kubeconfig `certificate-authority-data`, base64 of this). */
  caCertificatePem: string;
  /** The server's certificate, signed by the CA. */
  certificatePem: string;
  /** The server's private key (PKCS#8). */
  privateKeyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CLOCK_SKEW_MS = 60 * 60 * 1000;

/** Web Crypto parameters of each key type, with SHA-256 signatures. */
const ALGORITHMS: Record<CertificateKeyType, RsaHashedKeyGenParams | (EcKeyGenParams & { hash: string })> = {
  'ec-p256': { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  'rsa-2048': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
};

/** Node's Web Crypto, in the DOM type the library declares. */
const crypto = webcrypto as unknown as Crypto;

async function generateKeyPair(keyType: CertificateKeyType): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ALGORITHMS[keyType], true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** 16 random bytes with the top bit clear, as hex: a positive serial number. */
function randomSerialNumber(): string {
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  if (serial[0] === 0) serial[0] = 1;
  return serial.toString('hex');
}

/**
 * Generates a self-signed CA and a serving certificate for `hosts`, signed by that CA, in the
 * shape kube-apiserver's own serving certificates have (CA: basicConstraints cA, keyCertSign;
 * server: serverAuth, subjectAltName), with `@peculiar/x509` on Node's Web Crypto. The CA's
 * private key is never exported, so nothing else can ever be signed with it.
 * @public
 */
export async function createSelfSignedServingCertificate(options: SelfSignedCertificateOptions = {}): Promise<ServingCertificate> {
  const keyType = options.keyType ?? 'ec-p256';
  const hosts = options.hosts ?? ['127.0.0.1', 'localhost'];
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  const notAfter = new Date(now.getTime() + (options.validityDays ?? 365) * DAY_MS);
  const signingAlgorithm = ALGORITHMS[keyType];
  const caName = 'O=kaito-cluster-sim, CN=kaito-cluster-sim-ca';

  const ca = await generateKeyPair(keyType);
  const caCertificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerialNumber(),
      name: caName,
      notBefore,
      notAfter,
      signingAlgorithm,
      keys: ca,
      extensions: [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
        await SubjectKeyIdentifierExtension.create(ca.publicKey, false, crypto),
      ],
    },
    crypto,
  );

  const server = await generateKeyPair(keyType);
  // RSA key exchange encrypts to the server's key; ECDHE with an EC key only signs.
  const serverKeyUsage =
    keyType === 'rsa-2048' ? KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment : KeyUsageFlags.digitalSignature;
  const certificate = await X509CertificateGenerator.create(
    {
      serialNumber: randomSerialNumber(),
      issuer: caCertificate.subject,
      subject: `O=kaito-cluster-sim, CN=${options.commonName ?? 'kaito-cluster-sim'}`,
      notBefore,
      notAfter,
      signingAlgorithm,
      publicKey: server.publicKey,
      signingKey: ca.privateKey,
      extensions: [
        new BasicConstraintsExtension(false, undefined, true),
        new KeyUsagesExtension(serverKeyUsage, true),
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
        new SubjectAlternativeNameExtension(hosts.map(host => ({ type: isIP(host) ? ('ip' as const) : ('dns' as const), value: host }))),
        await AuthorityKeyIdentifierExtension.create(ca.publicKey, false, crypto),
        await SubjectKeyIdentifierExtension.create(server.publicKey, false, crypto),
      ],
    },
    crypto,
  );

  return {
    caCertificatePem: caCertificate.toString('pem'),
    certificatePem: certificate.toString('pem'),
    privateKeyPem: KeyObject.from(server.privateKey as unknown as webcrypto.CryptoKey).export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
