import { generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { createCertificatePem, KeyUsage } from './x509';

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

function generateKeyPair(keyType: CertificateKeyType): { publicKey: KeyObject; privateKey: KeyObject } {
  return keyType === 'rsa-2048'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

/** 16 random bytes with the top bit clear: a positive serial number. */
function randomSerialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  if (serial[0] === 0) serial[0] = 1;
  return serial;
}

/**
 * Generates a self-signed CA and a serving certificate for `hosts`, signed by that CA, in the
 * shape kube-apiserver's own serving certificates have (CA: basicConstraints cA, keyCertSign;
 * server: serverAuth, subjectAltName). The CA's private key is discarded, so nothing else can
 * ever be signed with it.
 * @public
 */
export function createSelfSignedServingCertificate(options: SelfSignedCertificateOptions = {}): ServingCertificate {
  const keyType = options.keyType ?? 'ec-p256';
  const hosts = options.hosts ?? ['127.0.0.1', 'localhost'];
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  const notAfter = new Date(now.getTime() + (options.validityDays ?? 365) * DAY_MS);
  const caName = { organization: 'kaito-cluster-sim', commonName: 'kaito-cluster-sim-ca' };

  const ca = generateKeyPair(keyType);
  const caCertificatePem = createCertificatePem({
    serialNumber: randomSerialNumber(),
    issuer: caName,
    subject: caName,
    notBefore,
    notAfter,
    publicKey: ca.publicKey,
    issuerPublicKey: ca.publicKey,
    signingKey: ca.privateKey,
    ca: { pathLength: 0 },
    keyUsage: [KeyUsage.digitalSignature, KeyUsage.keyCertSign, KeyUsage.cRLSign],
  });

  const server = generateKeyPair(keyType);
  const certificatePem = createCertificatePem({
    serialNumber: randomSerialNumber(),
    issuer: caName,
    subject: { organization: 'kaito-cluster-sim', commonName: options.commonName ?? 'kaito-cluster-sim' },
    notBefore,
    notAfter,
    publicKey: server.publicKey,
    issuerPublicKey: ca.publicKey,
    signingKey: ca.privateKey,
    keyUsage: keyType === 'rsa-2048' ? [KeyUsage.digitalSignature, KeyUsage.keyEncipherment] : [KeyUsage.digitalSignature],
    extendedKeyUsage: ['serverAuth'],
    subjectAltNames: hosts,
  });

  return {
    caCertificatePem,
    certificatePem,
    privateKeyPem: server.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
