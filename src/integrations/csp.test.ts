import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, policy, withPolicy } from './csp.ts';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('Content-Security-Policy', () => {
  it("hashes exactly the page's inline scripts, not external or data blocks", () => {
    const html = '<head><script>a()</script><script type="module">b()</script><script src="/x.js"></script><script type="application/json">{}</script><script aria-hidden="true">a()</script></head>';
    expect(inlineScriptHashes(html)).toEqual([sha('a()'), sha('b()')]);
  });

  it('allows only the site itself: no unsafe-eval, no unsafe-inline scripts, no plugins', () => {
    const p = policy([sha('x')]);
    expect(p).toContain(`script-src 'self' 'wasm-unsafe-eval' ${sha('x')}`);
    expect(p).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'|\*/);
    expect(p).toContain("object-src 'none'");
    expect(p).toContain("worker-src 'self'");
  });

  it('puts the meta tag first in <head>, replacing an older one', () => {
    const out = withPolicy(withPolicy('<html><head><meta charset="utf-8"><script>a()</script></head></html>'));
    expect(out.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(out).toMatch(/^<html><head><meta http-equiv="Content-Security-Policy" content="[^"]*'sha256-[^"]*"><meta charset/);
  });
});
