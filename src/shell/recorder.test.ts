import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { LOG_VERSION, MAX_ENTRIES, MAX_REPLAY_GAP_MS, parseLog, Recorder, replay, type SessionLog } from './recorder.ts';
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
    expect(replay(b, parsed.log!, out.io)).toEqual({ ok: true, ran: 6 });
    expect(b.world.vfs.snapshot()).toEqual(a.world.vfs.snapshot());
    expect(b.cwd).toBe(a.cwd);
    expect(b.history).toEqual(a.history);
    expect(b.world.clock.now()).toBe(a.world.clock.now());
    expect(out.text()).toContain('learner@kube-lessons:~/demo/notes$ cat x\none\ntwo\n');
  });

  it.each([
    ['{not json', /not valid JSON/],
    ['{"v":3,"seed":1,"entries":[]}', /from a newer version of this site \(format 3\)/],
    ['{"v":0,"seed":1,"entries":[]}', /unknown format \(version 0\)/],
    ['{"v":"2","seed":1,"entries":[]}', /unknown format/],
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

  it('says what kind of problem a save has, so the page knows whether to offer "keep trying"', () => {
    expect(parseLog('{"v":3,"seed":1,"entries":[]}').problem).toBe('version');
    expect(parseLog('{oops').problem).toBe('corrupt');
    expect(parseLog(JSON.stringify({ v: 2, seed: 1, entries: Array.from({ length: MAX_ENTRIES + 1 }, () => ({ t: 0, line: 'ls' })) })).problem).toBe('too-long');
  });

  it('migrates a version 1 save to the current format', () => {
    const r = parseLog('{"v":1,"seed":4,"entries":[{"t":0,"line":"ls"}]}');
    expect(r).toEqual({ log: { v: LOG_VERSION, seed: 4, entries: [{ t: 0, line: 'ls' }] }, migratedFrom: 1 });
  });

  it('tells once when recording stops at the cap', () => {
    const sh = createSession(opts);
    const rec = new Recorder(sh, 5);
    let told = 0;
    rec.onOverflow(() => told++);
    transcript(sh, Array.from({ length: MAX_ENTRIES + 3 }, () => 'true'), {});
    expect(told).toBe(1);
  });
});

describe('replay cost and budget', () => {
  const log = (entries: { t: number; line?: string; interrupt?: true }[]): SessionLog => ({ v: LOG_VERSION, seed: 5, entries });

  it('re-runs at most MAX_REPLAY_GAP_MS of idle time between commands, so a day-long tab replays like a short one', () => {
    const day = log([{ t: 0, line: 'date' }, { t: 24 * 3_600_000, line: 'date' }, { t: 48 * 3_600_000, line: 'date' }]);
    const b = createSession(opts);
    const start = b.world.clock.now();
    const out = capture();
    expect(replay(b, day, out.io).ok).toBe(true);
    expect(b.world.clock.now() - start).toBe(2 * MAX_REPLAY_GAP_MS);
  });

  it('a command still running when the next entry comes gets the idle time it had (only idle time is cut)', () => {
    // An attached `up` ends when its only container exits, five minutes in; the learner typed on after that.
    const sh = createSession({ ...opts, files: { 'compose.yaml': 'services:\n  job:\n    image: busybox\n    command: ["sleep", "300"]\n' } });
    const l = log([{ t: 0, line: 'docker compose up' }, { t: 5 * 60_000 + 10_000, line: 'echo after' }, { t: 60 * 60_000, line: 'echo later' }]);
    const out = capture();
    expect(replay(sh, l, out.io)).toEqual({ ok: true, ran: 3 });
    expect(out.text()).toContain('echo after\nafter\n');
    expect(out.text()).toContain('exited with code 0');
  });

  it('stops at the wall-clock budget and says how far it got', () => {
    const sh = createSession(opts);
    let now = 0;
    const l = log(Array.from({ length: 10 }, (_, i) => ({ t: i * 1000, line: `echo ${i}` })));
    // Each look at the wall clock "takes" 100 ms: the budget of 450 ms runs out after a few commands.
    const r = replay(sh, l, capture().io, { budgetMs: 450, now: () => (now += 100) });
    expect(r.ok).toBe(false);
    expect(r.stopped).toBe('budget');
    expect(r.ran).toBeGreaterThan(0);
    expect(r.ran).toBeLessThan(10);
  });
});
