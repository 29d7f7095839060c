/**
 * 32-bit FNV-1a of a string: stable across releases, platforms and Node.js versions. What it decides
 * (a rule's priority, a service's stack) is deployed, so it must never change.
 */
/* eslint-disable no-bitwise -- FNV-1a is defined by xor and 32-bit multiplication */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
/* eslint-enable no-bitwise */
