/**
 * A small DER (ASN.1 Distinguished Encoding Rules) encoder: just the types an X.509 certificate
 * needs. Each function returns one complete tag-length-value element.
 */

/** Universal tag numbers used here. */
const Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  objectIdentifier: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** The length octets: short form below 128, else long form (0x80 | byte count, big-endian). */
export function encodeLength(length: number): Buffer {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`invalid DER length ${length}`);
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One element with an explicit tag byte (universal, context-specific or constructed). */
export function tlv(tag: number, contents: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(contents.length), contents]);
}

export function sequence(...elements: Buffer[]): Buffer {
  return tlv(Tag.sequence, Buffer.concat(elements));
}

/** A SET OF; DER orders the members by their encodings. */
export function setOf(...elements: Buffer[]): Buffer {
  return tlv(Tag.set, Buffer.concat([...elements].sort(Buffer.compare)));
}

export function boolean(value: boolean): Buffer {
  return tlv(Tag.boolean, Buffer.from([value ? 0xff : 0x00]));
}

export function nullValue(): Buffer {
  return tlv(Tag.null, Buffer.alloc(0));
}

/**
 * A non-negative INTEGER from a number or from big-endian magnitude bytes, in the minimal
 * two's-complement form DER demands (a 0x00 prefix when the top bit is set).
 */
export function integer(value: number | Buffer): Buffer {
  let magnitude: Buffer;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`only non-negative safe integers are encoded, got ${value}`);
    const bytes: number[] = [];
    for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
    magnitude = Buffer.from(bytes);
  } else {
    magnitude = value;
  }
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  let contents = magnitude.length === 0 ? Buffer.from([0]) : magnitude.subarray(start);
  if (contents[0] & 0x80) contents = Buffer.concat([Buffer.from([0]), contents]);
  return tlv(Tag.integer, contents);
}

/** An OBJECT IDENTIFIER from dotted form, e.g. `2.5.4.3`. */
export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split('.').map(arc => {
    if (!/^\d+$/.test(arc)) throw new RangeError(`invalid object identifier ${dotted}`);
    return Number(arc);
  });
  if (arcs.length < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) throw new RangeError(`invalid object identifier ${dotted}`);
  const bytes: number[] = [];
  for (const arc of [arcs[0] * 40 + arcs[1], ...arcs.slice(2)]) {
    // Base 128, most significant group first, every byte but the last with the high bit set.
    const groups = [arc % 128];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) groups.unshift((rest % 128) | 0x80);
    bytes.push(...groups);
  }
  return tlv(Tag.objectIdentifier, Buffer.from(bytes));
}

export function utf8String(value: string): Buffer {
  return tlv(Tag.utf8String, Buffer.from(value, 'utf8'));
}

export function printableString(value: string): Buffer {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)) throw new RangeError(`not a PrintableString: ${value}`);
  return tlv(Tag.printableString, Buffer.from(value, 'ascii'));
}

export function ia5String(value: string): Buffer {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(value)) throw new RangeError(`not an IA5String: ${value}`);
  return tlv(Tag.ia5String, Buffer.from(value, 'ascii'));
}

export function octetString(contents: Buffer): Buffer {
  return tlv(Tag.octetString, contents);
}

/** A BIT STRING of whole bytes (keys, signatures): no unused bits. */
export function bitString(contents: Buffer): Buffer {
  return tlv(Tag.bitString, Buffer.concat([Buffer.from([0]), contents]));
}

/**
 * A BIT STRING of named bits (bit 0 is the most significant bit of the first byte). DER drops
 * trailing zero bits and counts the unused ones in the first contents byte.
 */
export function namedBits(bits: readonly number[]): Buffer {
  if (bits.length === 0) return tlv(Tag.bitString, Buffer.from([0]));
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[Math.floor(bit / 8)] |= 0x80 >> bit % 8;
  const unused = 7 - (highest % 8);
  return tlv(Tag.bitString, Buffer.concat([Buffer.from([unused]), bytes]));
}

/**
 * A certificate Time: UTCTime (YYMMDDHHMMSSZ) through 2049 and GeneralizedTime
 * (YYYYMMDDHHMMSSZ) from 2050, as RFC 5280 section 4.1.2.5 requires. Milliseconds are dropped.
 */
export function time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const pad = (n: number) => String(n).padStart(2, '0');
  const rest = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  if (year >= 1950 && year < 2050) return tlv(Tag.utcTime, Buffer.from(`${pad(year % 100)}${rest}`, 'ascii'));
  if (year < 0 || year > 9999) throw new RangeError(`year ${year} cannot be encoded`);
  return tlv(Tag.generalizedTime, Buffer.from(`${String(year).padStart(4, '0')}${rest}`, 'ascii'));
}

/** `[n] EXPLICIT`: a constructed context-specific wrapper around one element. */
export function explicit(tagNumber: number, element: Buffer): Buffer {
  return tlv(0xa0 | tagNumber, element);
}

/** `[n] IMPLICIT` of a primitive type: the contents under a context-specific primitive tag. */
export function implicitPrimitive(tagNumber: number, contents: Buffer): Buffer {
  return tlv(0x80 | tagNumber, contents);
}

/** One decoded element: its tag byte, contents, and where the next element starts. */
export interface DerElement {
  tag: number;
  contents: Buffer;
  end: number;
}

/** Reads the element at an offset (definite lengths only, as DER has). */
export function readElement(der: Buffer, offset = 0): DerElement {
  if (offset + 2 > der.length) throw new RangeError('truncated DER element');
  const tag = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > der.length) throw new RangeError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i];
    start += count;
  }
  if (start + length > der.length) throw new RangeError('truncated DER element');
  return { tag, contents: der.subarray(start, start + length), end: start + length };
}

/** The child elements of a constructed element's contents. */
export function readChildren(contents: Buffer): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = 0; offset < contents.length; ) {
    const child = readElement(contents, offset);
    children.push(child);
    offset = child.end;
  }
  return children;
}
