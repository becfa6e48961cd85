import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { MAX_ENTRIES, parseLog, Recorder, replay } from './recorder.ts';
import { createSession } from './session.ts';

const opts = { seed: 5, lang: 'en' as const, tty: { color: false }, dir: 'demo', files: { 'a.txt': 'hello\n' } };

function capture() {
  let out = '';
  return { io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } }, text: () => out };
}

describe('session recorder', () => {
  it('a replayed log rebuilds the same files, clock and history', () => {
    const a = createSession(opts);
    const rec = new Recorder(a, 5);
    transcript(a, ['mkdir notes', 'echo one > notes/x', 'sleep 90s', 'echo two >> notes/x', 'cd notes'], {});
    a.world.clock.advance(1234); // the browser clock also moves between commands
    transcript(a, ['cat x'], {});

    const saved = JSON.stringify(rec.log);
    const parsed = parseLog(saved);
    expect(parsed.error).toBeUndefined();
    const b = createSession(opts);
    const out = capture();
    expect(replay(b, parsed.log!, out.io)).toBe(true);
    expect(b.world.vfs.snapshot()).toEqual(a.world.vfs.snapshot());
    expect(b.cwd).toBe(a.cwd);
    expect(b.history).toEqual(a.history);
    expect(b.world.clock.now()).toBe(a.world.clock.now());
    expect(out.text()).toContain('learner@kube-lessons:~/demo/notes$ cat x\none\ntwo\n');
  });

  it.each([
    ['{not json', /not valid JSON/],
    ['{"v":2,"seed":1,"entries":[]}', /unknown format/],
    ['{"v":1,"seed":1,"entries":[{"t":5,"line":"ls"},{"t":1,"line":"pwd"}]}', /entry 2 is damaged/],
    ['{"v":1,"seed":1,"entries":[{"t":0}]}', /entry 1 is damaged/],
    ['[]', /unknown format/],
    ['null', /unknown format/],
  ])('rejects a damaged saved session %s with a reason', (raw, why) => {
    const r = parseLog(raw);
    expect(r.log).toBeUndefined();
    expect(r.error).toMatch(why);
  });

  it('nothing saved is not an error', () => {
    expect(parseLog(null)).toEqual({});
  });

  it('stops recording at the limit instead of growing without bound', () => {
    const sh = createSession(opts);
    const rec = new Recorder(sh, 5);
    transcript(sh, Array.from({ length: MAX_ENTRIES + 5 }, (_, i) => `echo ${i}`), {});
    expect(rec.log.entries).toHaveLength(MAX_ENTRIES);
    expect(rec.overflow).toBe(true);
  });

  it('never throws on arbitrary saved text', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof parseLog(s) === 'object'));
  });
});
