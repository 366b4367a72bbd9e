import { createHash, KeyObject, sign } from 'node:crypto';
import { isIP } from 'node:net';
import * as der from './der';

/** Object identifiers used in the certificates built here. */
const Oid = {
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsaEncryption: '1.2.840.113549.1.1.11',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** keyUsage bit numbers (RFC 5280 section 4.2.1.3). */
export const KeyUsage = {
  digitalSignature: 0,
  keyEncipherment: 2,
  keyCertSign: 5,
  cRLSign: 6,
} as const;

/** One keyUsage bit number. */
export type KeyUsageBit = (typeof KeyUsage)[keyof typeof KeyUsage];

/** A distinguished name: a common name and, optionally, an organisation. */
export interface DistinguishedName {
  commonName: string;
  organization?: string;
}

/** What goes into one X.509 v3 certificate. */
export interface CertificateFields {
  /** Positive serial number, big-endian, at most 20 bytes. */
  serialNumber: Buffer;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  notBefore: Date;
  notAfter: Date;
  /** The subject's public key. */
  publicKey: KeyObject;
  /** The issuer's public key, for the authority key identifier (the subject's own when self-signed). */
  issuerPublicKey: KeyObject;
  /** The issuer's private key, which signs the certificate. */
  signingKey: KeyObject;
  /** A CA certificate (basicConstraints cA) with this path length, or an end-entity one when omitted. */
  ca?: { pathLength: number };
  keyUsage: readonly KeyUsageBit[];
  extendedKeyUsage?: ReadonlyArray<'serverAuth' | 'clientAuth'>;
  /** DNS names and IP addresses for subjectAltName. */
  subjectAltNames?: readonly string[];
}

/** Encodes a Name: a sequence of single-attribute RDNs. */
function encodeName(name: DistinguishedName): Buffer {
  const rdn = (oid: string, value: string) => der.setOf(der.sequence(der.objectIdentifier(oid), der.utf8String(value)));
  const rdns = [];
  if (name.organization) rdns.push(rdn(Oid.organizationName, name.organization));
  rdns.push(rdn(Oid.commonName, name.commonName));
  return der.sequence(...rdns);
}

/** The signature AlgorithmIdentifier for a signing key: ECDSA has no parameters, RSA a NULL. */
function signatureAlgorithm(key: KeyObject): Buffer {
  switch (key.asymmetricKeyType) {
    case 'ec':
      return der.sequence(der.objectIdentifier(Oid.ecdsaWithSha256));
    case 'rsa':
      return der.sequence(der.objectIdentifier(Oid.sha256WithRsaEncryption), der.nullValue());
    default:
      throw new Error(`unsupported signing key type ${key.asymmetricKeyType}`);
  }
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return der.sequence(der.objectIdentifier(oid), ...(critical ? [der.boolean(true)] : []), der.octetString(value));
}

/** The IPv4 or IPv6 address bytes of an iPAddress GeneralName. */
function ipAddressBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  const [head, tail = ''] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = address.includes('::') ? [...groups(head), ...Array(missing).fill('0'), ...groups(tail)] : groups(head);
  const bytes = Buffer.alloc(16);
  all.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
  return bytes;
}

/** A GeneralName: iPAddress [7] for addresses, dNSName [2] for everything else. */
function generalName(name: string): Buffer {
  return isIP(name) ? der.implicitPrimitive(7, ipAddressBytes(name)) : der.implicitPrimitive(2, Buffer.from(name, 'ascii'));
}

/**
 * The key identifier of a public key: SHA-1 of the subjectPublicKey BIT STRING's bytes
 * (method 1 of RFC 5280 section 4.2.1.2).
 */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = der.readElement(publicKey.export({ type: 'spki', format: 'der' }));
  const [, subjectPublicKey] = der.readChildren(spki.contents);
  // Skip the unused-bits byte.
  return createHash('sha1').update(subjectPublicKey.contents.subarray(1)).digest();
}

function encodeExtensions(fields: CertificateFields): Buffer {
  const extensions = [
    extension(
      Oid.basicConstraints,
      true,
      fields.ca ? der.sequence(der.boolean(true), der.integer(fields.ca.pathLength)) : der.sequence(),
    ),
    extension(Oid.keyUsage, true, der.namedBits(fields.keyUsage)),
  ];
  if (fields.extendedKeyUsage?.length) {
    extensions.push(extension(Oid.extKeyUsage, false, der.sequence(...fields.extendedKeyUsage.map(usage => der.objectIdentifier(Oid[usage])))));
  }
  if (fields.subjectAltNames?.length) {
    extensions.push(extension(Oid.subjectAltName, false, der.sequence(...fields.subjectAltNames.map(generalName))));
  }
  extensions.push(extension(Oid.subjectKeyIdentifier, false, der.octetString(keyIdentifier(fields.publicKey))));
  extensions.push(extension(Oid.authorityKeyIdentifier, false, der.sequence(der.implicitPrimitive(0, keyIdentifier(fields.issuerPublicKey)))));
  return der.explicit(3, der.sequence(...extensions));
}

/** The DER TBSCertificate (the signed part) of a v3 certificate. */
export function encodeTbsCertificate(fields: CertificateFields): Buffer {
  if (fields.serialNumber.length === 0 || fields.serialNumber.length > 20 || fields.serialNumber[0] & 0x80) {
    throw new RangeError('the serial number must be positive and at most 20 bytes');
  }
  return der.sequence(
    der.explicit(0, der.integer(2)),
    der.integer(fields.serialNumber),
    signatureAlgorithm(fields.signingKey),
    encodeName(fields.issuer),
    der.sequence(der.time(fields.notBefore), der.time(fields.notAfter)),
    encodeName(fields.subject),
    fields.publicKey.export({ type: 'spki', format: 'der' }),
    encodeExtensions(fields),
  );
}

/** Builds and signs an X.509 v3 certificate; returns its PEM. */
export function createCertificatePem(fields: CertificateFields): string {
  const tbs = encodeTbsCertificate(fields);
  // ECDSA signatures come DER-encoded (Ecdsa-Sig-Value), which is what X.509 carries.
  const signature = sign('sha256', tbs, fields.signingKey);
  const certificate = der.sequence(tbs, signatureAlgorithm(fields.signingKey), der.bitString(signature));
  return toPem('CERTIFICATE', certificate);
}

/** PEM armour with 64-character lines. */
export function toPem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
