import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { LineEditor } from './line-editor.ts';
import { parseLog, Recorder, replay } from './recorder.ts';
import { createSession } from './session.ts';
import type { Shell } from './shell.ts';

/**
 * Interactive attach: `docker run -it`, `docker exec -it`, `kubectl exec -it`,
 * `kubectl run -it [--rm]`. The terminal becomes the container shell's until
 * `exit` or Ctrl-D. Wording and flows checked against:
 * - kubectl pkg/cmd/run/run.go (Validate, getRestartPolicy → OnFailure for -i,
 *   handleAttachPod: logs of a completed pod instead of attaching, removeCreatedObjects),
 * - kubectl pkg/cmd/attach/attach.go ("If you don't see a command prompt, try
 *   pressing enter.", reattachMessage only for restartPolicy Always),
 * - kubectl pkg/cmd/exec/exec.go SetupTTY (no -i: no stdin, no TTY) and
 *   "command terminated with exit code N",
 * - prompts: busybox ash `\w \$ ` (`/ # `, `~ # `), Debian dash `# `, bash with
 *   Debian's /etc/bash.bashrc `\u@\h:\w\$ `.
 */
const session = () => createSession({ seed: 3, lang: 'en', tty: { color: false, columns: 120 }, dir: 'demo' });
const run = (sh: Shell, lines: string[]) => transcript(sh, lines);
const hide = (s: string) => s.replace(/^.*(Pull complete|Pulling from|Digest:|Status:|Unable to find).*\n/gm, '');

describe('docker run -it / exec -it', () => {
  it('docker run -it alpine sh: the prompt is /ine, state carries from line to line, exit N returns to the host with N', () => {
    const sh = session();
    const t = hide(run(sh, ['docker run -it --name box alpine sh', 'cd /tmp', 'echo data > f; cat f', 'false', 'echo $?', 'cd', 'exit 3', 'echo back $?']));
    expect(t).toBe('$ docker run -it --name box alpine sh\n/ # cd /tmp\n/tmp # echo data > f; cat f\ndata\n/tmp # false\n/tmp # echo $?\n1\n/tmp # cd\n~ # exit 3\n$ echo back $?\nback 3\n');
    expect(run(sh, ['docker ps -a --format "{{.Names}} {{.Status}}"'])).toMatch(/box Exited \(3\)/);
  });

  it('--rm removes the container when the shell exits', () => {
    const sh = session();
    run(sh, ['docker run --rm -it --name tmp alpine', 'exit']);
    expect(run(sh, ['docker ps -a --format "{{.Names}}"'])).not.toContain('tmp');
  });

  it('docker exec -it web bash: root@<hostname>:/# ; the container keeps running after exit', () => {
    const sh = session();
    run(sh, ['docker run -d --name web nginx']);
    const id = run(sh, ['docker inspect -f "{{.Id}}" web']).split('\n')[1]!.slice(0, 12);
    const t = run(sh, ['docker exec -it web bash', 'cd /usr/share/nginx/html && ls', 'exit']);
    expect(t).toBe(`$ docker exec -it web bash\nroot@${id}:/# cd /usr/share/nginx/html && ls\nindex.html\nroot@${id}:/usr/share/nginx/html# exit\n`);
    expect(run(sh, ['docker exec -it web sh', 'exit'])).toBe('$ docker exec -it web sh\n# exit\n');
    expect(run(sh, ['docker ps --format "{{.Names}} {{.State}}"'])).toContain('web running');
  });

  it('without -t a shell prints no prompt; without -i it reads EOF and returns at once', () => {
    const sh = session();
    run(sh, ['docker run -d --name web nginx']);
    expect(run(sh, ['docker exec -i web sh', 'echo hi', 'exit'])).toBe('$ docker exec -i web sh\necho hi\nhi\nexit\n');
    sh.run('docker exec web sh', { stdout: { write: () => {} }, stderr: { write: () => {} } });
    expect(sh.busy || sh.session !== undefined).toBe(false);
  });

  it('Ctrl-C stops the line running inside, not the session; Ctrl-D ends the session', () => {
    const sh = session();
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } };
    sh.run('docker run -it alpine', io);
    expect(sh.prompt()).toBe('/ # ');
    sh.run('sleep 100; echo late', io);
    expect(sh.busy).toBe(true);
    sh.world.clock.advance(5000);
    expect(sh.interrupt()).toBe(true);
    expect(sh.busy).toBe(false);
    expect(sh.session).toBeDefined();
    sh.run('echo $?', io);
    expect(out).toContain('\n130\n');
    expect(out).not.toMatch(/^late$/m);
    let code = -1;
    expect(sh.eof(io, (c) => (code = c))).toBe(true);
    expect(sh.session).toBeUndefined();
    expect(code).toBe(0);
    expect(sh.prompt()).toContain('learner@kube-lessons');
    // At the host prompt Ctrl-D does nothing (a real bash would close the terminal).
    expect(sh.eof(io)).toBe(false);
  });

  it('an endless loop typed at the prompt prints every period until Ctrl-C', () => {
    const sh = session();
    const t = hide(transcript(sh, ['docker run -it alpine', 'while true; do echo tick; sleep 1; done', '^C', 'echo after'], { echo: true, followMs: 3000 }));
    expect(t).toBe('$ docker run -it alpine\n/ # while true; do echo tick; sleep 1; done\ntick\ntick\ntick\ntick\n^C\n/ # echo after\nafter\n');
  });
});

describe('kubectl exec -it / run -it', () => {
  const cluster = () => {
    const sh = createSession({ seed: 3, lang: 'en', tty: { color: false, columns: 120 }, dir: 'demo', boot: ['k8s'] });
    run(sh, ['kubectl create deployment web --image=nginx', 'kubectl expose deploy web --port=80', 'kubectl wait --for=condition=Available deploy/web']);
    return sh;
  };

  it('kubectl exec -it POD -- sh attaches; a non-zero exit is reported as kubectl does', () => {
    const sh = cluster();
    const t = run(sh, ['kubectl exec -it deploy/web -- sh', 'cd /usr/share/nginx/html; ls', 'exit 4', 'echo $?']);
    expect(t).toBe('$ kubectl exec -it deploy/web -- sh\n# cd /usr/share/nginx/html; ls\nindex.html\n# exit 4\ncommand terminated with exit code 4\n$ echo $?\n4\n');
  });

  it('kubectl exec POD -- sh without -i returns at once (no stdin)', () => {
    const sh = cluster();
    expect(run(sh, ['kubectl exec deploy/web -- sh', 'echo host'])).toBe('$ kubectl exec deploy/web -- sh\n$ echo host\nhost\n');
  });

  it('kubectl run -it --rm tmp --image=busybox -- sh: the prompt line, a busybox shell, then pod "tmp" deleted', () => {
    const sh = cluster();
    const t = run(sh, ['kubectl run -it --rm tmp --image=busybox -- sh', 'wget -qO- web | grep title', 'exit']);
    expect(t).toBe("$ kubectl run -it --rm tmp --image=busybox -- sh\nIf you don't see a command prompt, try pressing enter.\n/ # wget -qO- web | grep title\n<title>Welcome to nginx!</title>\n/ # exit\npod \"tmp\" deleted\n");
    expect(run(sh, ['kubectl get pod tmp'])).toContain('pods "tmp" not found');
  });

  it('with --restart=Always kubectl says how to resume the session (attach.go reattachMessage)', () => {
    const sh = cluster();
    const t = run(sh, ['kubectl run -it --rm --restart=Always tmp --image=busybox', 'exit']);
    expect(t).toContain("/ # exit\nSession ended, resume using 'kubectl attach tmp -c tmp -i -t' command when the pod is running\npod \"tmp\" deleted\n");
  });

  it('without --rm the pod stays, Completed after exit 0 (restart OnFailure for -i)', () => {
    const sh = cluster();
    run(sh, ['kubectl run -it keep --image=busybox -- sh', 'exit', 'sleep 3']);
    expect(run(sh, ['kubectl get pod keep -o jsonpath={.spec.restartPolicy}/{.status.phase}'])).toContain('OnFailure/Succeeded');
  });

  it('a failing shell: pod default/tmp terminated (Error) and its exit code', () => {
    const sh = cluster();
    const t = run(sh, ['kubectl run -it --rm --restart=Never tmp --image=busybox -- sh', 'exit 2', 'echo $?']);
    expect(t).toContain('/ # exit 2\npod "tmp" deleted\npod default/tmp terminated (Error)\n$ echo $?\n2\n');
  });

  it('the one-shot form prints the command output, then pod "tmp" deleted', () => {
    const sh = cluster();
    const t = run(sh, ['kubectl run -it --rm tmp --image=busybox --restart=Never -- wget -qO- web']);
    expect(t).toContain('<title>Welcome to nginx!</title>');
    expect(t.trimEnd().endsWith('pod "tmp" deleted')).toBe(true);
    expect(sh.lastExit).toBe(0);
    expect(run(sh, ['kubectl get pods -o name'])).not.toContain('pod/tmp');
  });

  it.each([
    ['kubectl run -t x --image=busybox', 'error: -i/--stdin is required for containers with -t/--tty=true\n'],
    ['kubectl run --rm x --image=busybox', 'error: --rm should only be used for attached containers\n'],
    ['kubectl run x --image=busybox --restart=Sometimes', 'error: invalid restart policy: Sometimes, valid values are: Always, OnFailure, Never\n'],
  ])('%s is refused as run.go Validate does', (line, want) => {
    const sh = cluster();
    expect(run(sh, [line])).toBe(`$ ${line}\n${want}`);
  });
});

describe('recording an interactive session', () => {
  it('replays lines typed inside the container and Ctrl-D to the same transcript and state', () => {
    const a = createSession({ seed: 9, lang: 'en', tty: { color: false }, dir: 'demo' });
    const rec = new Recorder(a, 9);
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } };
    transcript(a, ['docker run -it --name box alpine sh', 'cd /tmp', 'echo saved > f'], {});
    a.eof(io);
    transcript(a, ['docker start box', 'docker exec box cat /tmp/f'], {});
    const parsed = parseLog(JSON.stringify(rec.log));
    expect(parsed.error).toBeUndefined();
    expect(rec.log.entries.some((e) => e.eof)).toBe(true);
    const b = createSession({ seed: 9, lang: 'en', tty: { color: false }, dir: 'demo' });
    let replayed = '';
    const io2 = { stdout: { write: (s: string) => (replayed += s) }, stderr: { write: (s: string) => (replayed += s) } };
    expect(replay(b, parsed.log!, io2)).toEqual({ ok: true, ran: rec.log.entries.length });
    expect(replayed).toContain('/ # cd /tmp\n/tmp # echo saved > f\n');
    expect(replayed).toContain('saved\n');
    expect(b.world.clock.now()).toBe(a.world.clock.now());
    expect(b.prompt()).toBe(a.prompt());
  });
});

describe('line editor Ctrl-D', () => {
  it('is end of input on an empty line and deletes the character under the cursor otherwise', () => {
    const ed = new LineEditor(() => []);
    ed.start('/ # ');
    expect(ed.handle('\x04')).toEqual([{ type: 'eof' }]);
    ed.handle('abc\x1b[D\x1b[D\x04');
    expect(ed.buffer).toBe('ac');
  });
});
