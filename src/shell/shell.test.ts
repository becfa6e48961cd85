import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { createSession } from './session.ts';

const session = (lang: 'ko' | 'en' = 'en') => createSession({ seed: 1, lang, tty: { color: false }, dir: 'demo', files: { 'compose.yaml': 'services: {}\n', 'web/index.html': '<h1>hi</h1>\n' } });
const run = (script: string, lang: 'ko' | 'en' = 'en') => transcript(session(lang), script, {});

describe('shell', () => {
  it('help lists every builtin with a one-line summary', () => {
    const out = run('help');
    for (const name of ['help', 'clear', 'echo', 'pwd', 'cd', 'ls', 'cat', 'history', 'sleep']) {
      expect(out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
    expect(run('help', 'ko')).toContain('사용할 수 있는 명령어');
  });

  it('help NAME explains one command; an unknown topic fails like bash', () => {
    expect(run('help sleep')).toContain('Units: ms, s, m, h, d');
    expect(run('help nope')).toBe("help: no help topics match `nope'.\n");
  });

  it('head and tail take coreutils counts: -n N, -N, -c N, tail -n +N, head -n -N', () => {
    const five = 'printf "a\\nb\\nc\\nd\\ne\\n" > f; ';
    expect(run(`${five}head -n 2 f; head -2 f; tail -n 2 f`)).toBe('a\nb\na\nb\nd\ne\n');
    expect(run(`${five}tail -n +4 f; head -n -3 f`)).toBe('d\ne\na\nb\n');
    expect(run(`${five}head -c 3 f; echo; tail -c 4 f`)).toBe('a\nb\nd\ne\n');
    expect(run('head -n x f; echo $?')).toBe("head: invalid number of lines: 'x'\n1\n");
  });

  it('an unknown command prints "<name>: command not found" and sets $? to 127', () => {
    expect(run('frobnicate\necho $?')).toBe('frobnicate: command not found\n127\n');
  });

  it('suggests the command a typo was meant to be', () => {
    expect(run('histroy')).toBe("histroy: command not found\n  did you mean 'history'?\n");
  });

  it('echo, pwd, cd and ls move around the virtual files', () => {
    expect(run('pwd; ls; cd web; pwd; ls; cd ..; cd -; cd; pwd')).toBe(
      '/home/learner/demo\ncompose.yaml\nweb\n/home/learner/demo/web\nindex.html\n/home/learner/demo/web\n/home/learner\n',
    );
  });

  it('reports missing paths with the real tools wording', () => {
    expect(run('cd nope; cat nope; ls nope; cd compose.yaml')).toBe(
      "bash: cd: nope: No such file or directory\ncat: nope: No such file or directory\nls: cannot access 'nope': No such file or directory\nbash: cd: compose.yaml: Not a directory\n",
    );
  });

  it('cat prints files and redirections write them', () => {
    expect(run('cat compose.yaml')).toBe('services: {}\n');
    expect(run('echo one > f; echo two >> f; cat f; cat < f | wc -l')).toBe('one\ntwo\n2\n');
  });

  it('pipes feed one command into the next', () => {
    expect(run('cat web/index.html compose.yaml | grep -v h1')).toBe('services: {}\n');
    expect(run('history | head -n 1')).toBe('    1  history | head -n 1\n');
  });

  it('&& and || follow the exit status', () => {
    expect(run('cat nope 2>/dev/null && echo yes || echo no')).toBe('no\n');
    expect(run('true_missing || echo fallback')).toBe('true_missing: command not found\nfallback\n');
  });

  it('history numbers every line, skipping repeats and blank lines', () => {
    expect(run('echo a\necho a\n\nls nope\nhistory')).toBe("a\na\nls: cannot access 'nope': No such file or directory\n    1  echo a\n    2  ls nope\n    3  history\n");
  });

  it('sleep advances the virtual clock by the given duration', () => {
    const sh = session();
    const t0 = sh.world.clock.now();
    expect(transcript(sh, 'sleep 1m30s\nsleep 2 500ms\nsleep 61m', {})).toBe('sleep: 61m is longer than the simulator allows in one step (1h)\n');
    expect(sh.world.clock.now() - t0).toBe(92_500);
    expect(transcript(sh, 'date', {})).toBe('Thu Jan 15 09:01:32 UTC 2026\n');
  });

  it('sleep rejects bad and absurd durations without moving time', () => {
    const sh = session();
    const t0 = sh.world.clock.now();
    expect(transcript(sh, 'sleep\nsleep abc\nsleep 400d', {})).toBe(
      "sleep: missing operand\nTry 'sleep --help' for more information.\nsleep: invalid time interval 'abc'\nTry 'sleep --help' for more information.\nsleep: 400d is longer than the simulator allows in one step (1h)\n",
    );
    expect(sh.world.clock.now()).toBe(t0);
  });

  it('a syntax error is reported and nothing runs', () => {
    expect(run("echo 'unterminated")).toBe("bash: unexpected EOF while looking for matching `''\n");
  });

  it('completes command names and paths', () => {
    const sh = session();
    expect(sh.complete('hi').candidates).toEqual(['history']);
    expect(sh.complete('cat co').candidates).toEqual(['compose.yaml']);
    expect(sh.complete('cat w').candidates).toEqual(['web/']);
    expect(sh.complete('cat web/').candidates).toEqual(['web/index.html']);
    expect(sh.complete('cd ').candidates).toEqual(['web/']);
  });

  it('the prompt shows the directory relative to home, coloured only on a terminal', () => {
    expect(session().prompt()).toBe('learner@kube-lessons:~/demo$ ');
    const coloured = createSession({ tty: { color: true } }).prompt();
    expect(coloured).toContain('\x1b[32m');
  });
});

describe('variable expansion happens when each command runs', () => {
  it('$? after a failing command in the same line', () => {
    expect(run('cat nope 2>/dev/null; echo $?; echo $?')).toBe('1\n0\n');
  });

  it('export then use in the same line', () => {
    expect(run('export TAG=1.27; echo "nginx:$TAG" > f; cat f')).toBe('nginx:1.27\n');
  });

  it('a typed NUL cannot forge a variable reference', () => {
    expect(run('echo a\u0000HOME\u0000b')).toBe('aHOMEb\n');
  });
});
