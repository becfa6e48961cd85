import type { PodTemplateSpec } from '../api/types.ts';
import { canonicalJson } from './util.ts';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * rand.SafeEncodeString: each byte picks alphabet[byte % 27]. Applied to the
 * decimal digits of a 32-bit hash, as Kubernetes does, it yields the familiar
 * `7d4b9c8f5d`-style names built only from 4-9 and b, c, d, f.
 */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** 32-bit FNV-1a over the UTF-16 code units (ASCII JSON here), the hash ComputeHash uses. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * controller.ComputeHash: the pod-template-hash label value. Deterministic in
 * the template (key order does not matter); collisionCount moves it on when a
 * foreign ReplicaSet already holds the name.
 */
export function podTemplateHash(template: PodTemplateSpec, collisionCount = 0): string {
  return safeEncode(String(fnv32a(canonicalJson(template) + (collisionCount ? String(collisionCount) : ''))));
}
