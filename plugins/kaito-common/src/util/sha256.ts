import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * SHA-256 of a UTF-8 string as lower-case hex. `@noble/hashes` rather than `node:crypto`
 * or Web Crypto, so the same synchronous code runs in the backend and the browser
 * (rendering must be synchronous and deterministic).
 *
 * @public
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
