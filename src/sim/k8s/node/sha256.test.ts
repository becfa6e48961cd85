import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32, sha256, sha256Hex } from './sha256.ts';

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('known vector %j', (text, hex) => expect(sha256Hex(text)).toBe(hex));

  it('agrees with node:crypto on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => sha256Hex(s) === createHash('sha256').update(s).digest('hex')));
  });
});

describe('base32', () => {
  it.each([
    ['f', 'MY======'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ])('RFC 4648 vector %j', (text, enc) => expect(base32(new TextEncoder().encode(text))).toBe(enc));

  it('a sha256 digest is 52 characters plus 4 padding', () => {
    expect(base32(sha256('x')).length).toBe(56);
  });
});
