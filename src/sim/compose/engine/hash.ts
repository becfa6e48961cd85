/**
 * Content hashes for image IDs, layer digests and config hashes. Not
 * cryptographic: it only has to be deterministic and change when any input
 * byte changes, so an edited Dockerfile gives a new image ID.
 */
export function hexDigest(text: string, length = 64): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    // FNV-1a over the text, salted per round so the 8-hex blocks differ.
    let h = (0x811c9dc5 ^ Math.imul(round + 1, 0x9e3779b9)) >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
