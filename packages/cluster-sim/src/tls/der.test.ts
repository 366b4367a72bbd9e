import * as der from './der';

const hex = (buffer: Buffer) => buffer.toString('hex');

describe('DER encoding', () => {
  describe('lengths', () => {
    it.each([
      [0, '00'],
      [127, '7f'],
      [128, '8180'],
      [255, '81ff'],
      [256, '820100'],
      [65_536, '83010000'],
    ])('encodes %d as %s', (length, expected) => {
      expect(hex(der.encodeLength(length))).toBe(expected);
    });

    it('rejects negative lengths', () => {
      expect(() => der.encodeLength(-1)).toThrow(RangeError);
    });
  });

  describe('integers', () => {
    it.each([
      [0, '020100'],
      [2, '020102'],
      [127, '02017f'],
      [128, '02020080'],
      [256, '02020100'],
      [65_535, '020300ffff'],
    ])('encodes the number %d as %s', (value, expected) => {
      expect(hex(der.integer(value))).toBe(expected);
    });

    it.each([
      ['0001', '020101'],
      ['ff01', '020300ff01'],
      ['000080', '02020080'],
      ['', '020100'],
    ])('encodes the bytes %s minimally as %s', (bytes, expected) => {
      expect(hex(der.integer(Buffer.from(bytes, 'hex')))).toBe(expected);
    });
  });

  describe('object identifiers', () => {
    it.each([
      ['2.5.4.3', '0603550403'],
      ['1.2.840.10045.4.3.2', '06082a8648ce3d040302'],
      ['1.2.840.113549.1.1.11', '06092a864886f70d01010b'],
      ['1.3.6.1.5.5.7.3.1', '06082b06010505070301'],
    ])('encodes %s as %s', (oid, expected) => {
      expect(hex(der.objectIdentifier(oid))).toBe(expected);
    });

    it.each(['1', '3.1', '1.40', '1.2.x'])('rejects %s', oid => {
      expect(() => der.objectIdentifier(oid)).toThrow(RangeError);
    });
  });

  describe('named bit strings', () => {
    it.each([
      [[0], '03020780'],
      [[0, 2], '030205a0'],
      [[0, 5, 6], '03020186'],
      [[8], '0303070080'],
      [[], '030100'],
    ])('encodes bits %j without trailing zero bits as %s', (bits, expected) => {
      expect(hex(der.namedBits(bits))).toBe(expected);
    });
  });

  describe('times', () => {
    it.each([
      ['2026-11-22T15:04:05.678Z', '170d3236313132323135303430355a'],
      ['1999-01-02T03:04:05Z', '170d3939303130323033303430355a'],
      ['2050-01-01T00:00:00Z', '180f32303530303130313030303030305a'],
    ])('encodes %s as UTCTime before 2050 and GeneralizedTime after: %s', (iso, expected) => {
      expect(hex(der.time(new Date(iso)))).toBe(expected);
    });
  });

  it.each([
    ['boolean true', der.boolean(true), '0101ff'],
    ['null', der.nullValue(), '0500'],
    ['empty sequence', der.sequence(), '3000'],
    ['utf8 string', der.utf8String('é'), '0c02c3a9'],
    ['printable string', der.printableString('AB'), '13024142'],
    ['ia5 string', der.ia5String('a'), '160161'],
    ['octet string', der.octetString(Buffer.from([1, 2])), '04020102'],
    ['whole-byte bit string', der.bitString(Buffer.from([0xab])), '030200ab'],
    ['[0] EXPLICIT', der.explicit(0, der.integer(2)), 'a003020102'],
    ['[7] IMPLICIT', der.implicitPrimitive(7, Buffer.from([127, 0, 0, 1])), '87047f000001'],
  ])('encodes %s', (_name, encoded, expected) => {
    expect(hex(encoded)).toBe(expected);
  });

  it('orders SET OF members by their encodings', () => {
    expect(hex(der.setOf(der.integer(3), der.integer(1), der.integer(2)))).toBe('3109020101020102020103');
  });

  it.each([
    ['a PrintableString with @', () => der.printableString('a@b')],
    ['an IA5String with é', () => der.ia5String('é')],
    ['a negative integer', () => der.integer(-1)],
  ])('refuses %s', (_name, encode) => {
    expect(encode).toThrow(RangeError);
  });

  describe('reading', () => {
    it('reads back nested elements, including long-form lengths', () => {
      const long = der.octetString(Buffer.alloc(300, 7));
      const encoded = der.sequence(der.integer(5), long);
      const outer = der.readElement(encoded);
      expect(outer.tag).toBe(0x30);
      expect(outer.end).toBe(encoded.length);
      const [first, second] = der.readChildren(outer.contents);
      expect(hex(first.contents)).toBe('05');
      expect(second.tag).toBe(0x04);
      expect(second.contents.length).toBe(300);
    });

    it('rejects a truncated element', () => {
      expect(() => der.readElement(Buffer.from('3005020101', 'hex'))).toThrow(RangeError);
    });
  });
});
