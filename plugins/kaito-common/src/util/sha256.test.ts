import { createHash } from 'node:crypto';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['The quick brown fox jumps over the lazy dog', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
  ])('hashes %j to the NIST/known vector', (input, expected) => {
    expect(sha256Hex(input)).toBe(expected);
  });

  it.each([55, 56, 63, 64, 65, 119, 1000].map(n => [n]))('matches node:crypto at %i bytes (padding edges)', n => {
    const input = 'x'.repeat(n);
    expect(sha256Hex(input)).toBe(createHash('sha256').update(input).digest('hex'));
  });

  it('hashes multi-byte UTF-8 like node:crypto', () => {
    const input = 'ワークスペース – ü 🚀';
    expect(sha256Hex(input)).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
  });
});
