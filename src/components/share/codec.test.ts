import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../shell/session.ts';
import { Recorder, replay } from '../../shell/recorder.ts';
import { decodeShare, encodeShare, MAX_LINK_CHARS } from './codec.ts';
import type { Shell } from '../../shell/shell.ts';

const b64url = (buf: Buffer) => buf.toString('base64url');
const link = (value: unknown) => b64url(deflateRawSync(Buffer.from(JSON.stringify(value))));
const out = (shell: Shell, line: string) => {
  let s = '';
  const w = { write: (t: string) => (s += t) };
  shell.run(line, { stdout: w, stderr: w });
  return s;
};

describe('share links', () => {
  it('round-trip a session, and replaying the link gives the same state', async () => {
    const a = createSession({ seed: 5, boot: ['k8s'], dir: 'playground', files: { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' } });
    const rec = new Recorder(a, 5);
    out(a, 'docker compose up -d');
    a.world.clock.advance(3000);
    out(a, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    a.world.clock.advance(20_000);
    a.saveFile('/home/learner/playground/note.txt', 'hello\n');
    const enc = await encodeShare(rec.log);
    expect(enc.ok).toBe(true);
    const dec = await decodeShare((enc as { data: string }).data);
    expect(dec).toEqual({ ok: true, log: rec.log });
    const b = createSession({ seed: 5, boot: ['k8s'], dir: 'playground', files: { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' } });
    expect(replay(b, (dec as { log: typeof rec.log }).log, { stdout: { write() {} }, stderr: { write() {} } }).ok).toBe(true);
    for (const line of ['kubectl get pods -o wide', 'docker compose ps', 'cat note.txt']) expect(out(b, line)).toBe(out(a, line));
  });

  it('refuses a tampered link without loading anything', async () => {
    const enc = await encodeShare({ v: 1, seed: 1, entries: [{ t: 0, line: 'kubectl get pods' }] });
    const data = (enc as { data: string }).data;
    const flipped = data.slice(0, 5) + (data[5] === 'A' ? 'B' : 'A') + data.slice(6);
    const r = await decodeShare(flipped);
    expect(r.ok).toBe(false);
    expect(await decodeShare(data + '%')).toMatchObject({ ok: false, error: { code: 'encoding' } });
  });

  it('refuses oversized links and deflate bombs', async () => {
    expect(await decodeShare('A'.repeat(MAX_LINK_CHARS + 1))).toMatchObject({ ok: false, error: { code: 'too-long' } });
    const bomb = b64url(deflateRawSync(Buffer.alloc(10 * 1024 * 1024, 32)));
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await decodeShare(bomb)).toMatchObject({ ok: false, error: { code: 'compression' } });
  });

  it('validates the schema: version, fields, control characters, paths and time order', async () => {
    const bad = [
      { v: 3, seed: 1, entries: [] },
      { v: 1, seed: 1, entries: [{ t: 0, line: 'ls', extra: 1 }] },
      { v: 1, seed: 1, entries: [{ t: 0, line: 'echo \u001b]52;c;aGk=\u0007' }] },
      { v: 1, seed: 1, entries: [{ t: 0, write: { path: '/etc/passwd', text: 'x' } }] },
      { v: 1, seed: 1, entries: [{ t: 0, write: { path: '/home/learner/../x', text: 'x' } }] },
      { v: 1, seed: 1, entries: [{ t: 5, line: 'ls' }, { t: 1, line: 'ls' }] },
      { v: 1, seed: 1, entries: [{ t: 0, line: 'ls', interrupt: true }] },
      { v: 1, seed: 1.5, entries: [] },
    ];
    for (const v of bad) expect(await decodeShare(link(v))).toMatchObject({ ok: false, error: { code: 'schema' } });
    expect(await decodeShare(b64url(deflateRawSync(Buffer.from('{"v":1,'))))).toMatchObject({ ok: false, error: { code: 'json' } });
    expect(await decodeShare(link({ v: 1, seed: 1, entries: [{ t: 0, line: 'ls' }, { t: 10, interrupt: true }] }))).toMatchObject({ ok: true });
  });
});
