import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Runs `npm run --silent sim -- ARGS` with input on stdin, as a user would. */
function sim(input: string, args: string[] = []) {
  const r = spawnSync('npm', ['run', '--silent', 'sim', '--', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SCRIPT = 'help\nmkdir -p app && cd app\necho "x" > f.txt\nls -l\nsleep 90s\ndate\nhistory\nnope\n';

describe('npm run sim', () => {
  it('prints the same bytes twice for the same seed and input', () => {
    const a = sim(SCRIPT, ['--seed', '7', '--lang', 'en']);
    const b = sim(SCRIPT, ['--seed', '7', '--lang', 'en']);
    expect(a.status).toBe(0);
    expect(a.stdout).toContain('Available commands');
    expect(a.stdout).toContain('Thu Jan 15 09:01:30 UTC 2026');
    expect(a.stderr).toBe('nope: command not found\n');
    expect(Buffer.from(b.stdout)).toEqual(Buffer.from(a.stdout));
    expect(b.stderr).toBe(a.stderr);
  });

  it('prints no ANSI colours when stdout is not a terminal', () => {
    const r = sim('ls /home\nhelp\n', ['--lang', 'ko']);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stdout).toContain('사용할 수 있는 명령어');
  });

  it('--dir copies a real directory into /home/learner/<name> and starts there', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kl-'));
    const proj = join(tmp, 'my-proj');
    mkdirSync(join(proj, 'web'), { recursive: true });
    writeFileSync(join(proj, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
    writeFileSync(join(proj, 'web', 'Dockerfile'), 'FROM nginx\n');
    const r = sim('pwd\nls\ncat web/Dockerfile\n', ['--dir', proj]);
    expect(r.stdout).toBe('/home/learner/my-proj\ncompose.yaml\nweb\nFROM nginx\n');
  });

  it('--echo prints each command before its output', () => {
    expect(sim('echo hi\n', ['--echo']).stdout).toBe('$ echo hi\nhi\n');
  });

  it('rejects bad options with usage and exit 2', () => {
    const r = sim('', ['--seed', 'abc']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--seed wants a non-negative integer, got 'abc'");
  });

  it('shows escape sequences from a --dir file instead of sending them to the real terminal (OSC 52 clipboard write)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-osc-'));
    writeFileSync(join(dir, 'evil.txt'), 'before\x1b]52;c;aGVsbG8=\x07after\x1b[2J\x9b31m\n');
    // Raw control characters in YAML stop go-yaml's reader ("control characters are not allowed"), so the
    // escape sequence reaches compose's message through YAML's own \e and \a escapes in a quoted key.
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  "\\e]0;title\\a": {image: nginx}\n');
    const r = sim('cat evil.txt\ndocker compose config\n', ['--dir', dir, '--color', 'always']);
    expect(r.stdout + r.stderr).not.toMatch(/\x1b\]|\x07|\x9b|\x1b\[2J/);
    expect(r.stdout).toContain('before^[]52;c;aGVsbG8=^Gafter^[[2JM-^[31m');
    expect(r.stderr).toContain('^[]0;title^G');
  });
});
