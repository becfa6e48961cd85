import { describe, expect, it } from 'vitest';
import type { Shell } from '../../../shell.ts';
import { parseLog, Recorder, replay } from '../../../recorder.ts';
import { EDIT_HEADER } from './edit.ts';
import { out, run, session, webSession } from './testing.ts';

/** A stand-in for the page editor: remembers what was opened and whether it was closed. */
function fakeEditor(sh: Shell) {
  const state = { opened: [] as string[], closed: 0 };
  sh.editor = {
    open(path) {
      state.opened.push(path);
      return { close: () => state.closed++ };
    },
  };
  return state;
}

/** Starts `kubectl edit`, which stays in the foreground until the file is saved. */
function startEdit(sh: Shell, line: string) {
  let printed = '';
  let code: number | undefined;
  const w = { write: (s: string) => (printed += s) };
  sh.run(line, { stdout: w, stderr: w }, (c) => (code = c));
  return { printed: () => printed, code: () => code };
}

describe('kubectl edit', () => {
  it('opens the object as YAML under kubectl’s header; saving a change patches it and prints "edited"', () => {
    const sh = webSession();
    const ed = fakeEditor(sh);
    const job = startEdit(sh, 'kubectl edit deploy/web');
    expect(sh.busy).toBe(true);
    const path = ed.opened[0]!;
    expect(path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    const text = sh.world.vfs.readFile(path)!;
    expect(text.startsWith(EDIT_HEADER)).toBe(true);
    expect(text).toContain('kind: Deployment');
    expect(text).toContain('  replicas: 3');
    sh.saveFile(path, text.replace('  replicas: 3', '  replicas: 5'));
    expect(job.printed()).toBe('deployment.apps/web edited\n');
    expect(job.code()).toBe(0);
    expect(sh.busy).toBe(false);
    expect(ed.closed).toBe(1);
    expect(sh.world.vfs.exists(path)).toBe(false);
    run(sh, 'sleep 30s');
    expect(out(sh, 'kubectl get deploy web --no-headers')).toMatch(/^web\s+5\/5/);
  });

  it('saving without a change is "Edit cancelled, no changes made."', () => {
    const sh = webSession();
    const ed = fakeEditor(sh);
    const job = startEdit(sh, 'kubectl edit deployment web');
    sh.saveFile(ed.opened[0]!, sh.world.vfs.readFile(ed.opened[0]!)!);
    expect(job.printed()).toBe('Edit cancelled, no changes made.\n');
    expect(job.code()).toBe(0);
  });

  it('an invalid edit reopens the file with the server’s errors as comments on top, then a fix is applied', () => {
    const sh = webSession();
    const ed = fakeEditor(sh);
    const job = startEdit(sh, 'kubectl edit deploy/web');
    const path = ed.opened[0]!;
    sh.saveFile(path, sh.world.vfs.readFile(path)!.replace('  replicas: 3', '  replicas: -1'));
    expect(job.code()).toBeUndefined();
    const reopened = sh.world.vfs.readFile(path)!;
    expect(reopened).toMatch(/^# Please edit the object below[\s\S]*#\n# deployments\.apps "web" was not valid:\n# \* spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps\/v1/);
    expect(reopened).toContain('replicas: -1');
    sh.saveFile(path, reopened.replace('replicas: -1', 'replicas: 2'));
    expect(job.printed()).toBe('deployment.apps/web edited\n');
  });

  it('saving the same invalid file again gives up as kubectl does, keeping a copy', () => {
    const sh = webSession();
    const ed = fakeEditor(sh);
    const job = startEdit(sh, 'kubectl edit deploy/web');
    const path = ed.opened[0]!;
    sh.saveFile(path, sh.world.vfs.readFile(path)!.replace('  replicas: 3', '  replicas: -1'));
    sh.saveFile(path, sh.world.vfs.readFile(path)!);
    expect(job.printed()).toBe(`A copy of your changes has been stored to "${path}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    expect(job.code()).toBe(1);
    expect(sh.world.vfs.exists(path)).toBe(true);
  });

  it('a YAML syntax error reopens the file with go-yaml’s message', () => {
    const sh = webSession();
    const ed = fakeEditor(sh);
    startEdit(sh, 'kubectl edit deploy/web');
    const path = ed.opened[0]!;
    sh.saveFile(path, sh.world.vfs.readFile(path)!.replace('  replicas: 3', '  replicas: 3\n bad: [1'));
    expect(sh.world.vfs.readFile(path)).toMatch(/# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line \d+: /);
  });

  it('Ctrl-C ends the edit with an error and changes nothing', () => {
    const sh = webSession();
    fakeEditor(sh);
    const job = startEdit(sh, 'kubectl edit deploy/web');
    sh.interrupt();
    expect(job.code()).toBe(1);
    expect(out(sh, 'kubectl get deploy web --no-headers')).toMatch(/^web\s+3\/3/);
  });

  it('without an editor (headless) it says so at once', () => {
    const sh = webSession();
    expect(out(sh, 'kubectl edit deploy/web')).toMatch(/^error: kubectl edit: .*(npm run sim)/);
    expect(out(session(), 'kubectl edit deploy/nope')).toMatch(/npm run sim/);
  });

  it('a saved session replays the edit: the save is in the log', () => {
    const sh = webSession();
    const seedLog = new Recorder(sh, 1);
    const ed = fakeEditor(sh);
    startEdit(sh, 'kubectl edit deploy/web');
    sh.saveFile(ed.opened[0]!, sh.world.vfs.readFile(ed.opened[0]!)!.replace('  replicas: 3', '  replicas: 1'));
    const parsed = parseLog(JSON.stringify(seedLog.log));
    expect(parsed.error).toBeUndefined();
    expect(parsed.log!.entries.map((e) => (e.line ? 'line' : e.write ? 'write' : 'interrupt'))).toEqual(['line', 'write']);
    // Replaying into a second session with the same history gives the same deployment.
    const again = webSession();
    fakeEditor(again);
    const sink = { write: () => {} };
    expect(replay(again, parsed.log!, { stdout: sink, stderr: sink }).ok).toBe(true);
    expect(again.busy).toBe(false);
    run(again, 'sleep 30s');
    expect(out(again, 'kubectl get deploy web --no-headers')).toMatch(/^web\s+1\/1/);
  });
});

describe('kubectl edit while the object changes', () => {
  it('a change made meanwhile by someone else does not conflict: the patch is only what the learner changed', () => {
    const sh = webSession();
    const ed = fakeEditor(sh);
    const job = startEdit(sh, 'kubectl edit deploy/web');
    const path = ed.opened[0]!;
    const shown = sh.world.vfs.readFile(path)!;
    // Another client labels the deployment (new resourceVersion) while the file is open.
    const api = (sh.world.peek('k8s.cluster') as { api: { as(n: string): { patch(r: string, ns: string, n: string, p: unknown, t: string): { ok: boolean } } } }).api.as('someone-else');
    expect(api.patch('deployments', 'default', 'web', { metadata: { labels: { team: 'b' } } }, 'merge').ok).toBe(true);
    sh.saveFile(path, shown.replace('  replicas: 3', '  replicas: 4'));
    expect(job.printed()).toBe('deployment.apps/web edited\n');
    expect(out(sh, 'kubectl get deploy web -o jsonpath={.spec.replicas}/{.metadata.labels.team}')).toBe('4/b');
  });
});
