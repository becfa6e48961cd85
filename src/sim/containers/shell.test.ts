import { describe, expect, it } from 'vitest';
import { execIn } from './exec.ts';
import { resolveImage } from './registry.ts';
import { runShell, type ShellHost } from './shell.ts';
import type { ContainerSys } from './types.ts';

/** A container's world with an in-memory filesystem, for exec and shell tests. */
function sys(ref: string, files: Record<string, string> = {}): ContainerSys {
  const r = resolveImage(ref);
  if (!r.ok) throw new Error(ref);
  const fs = new Map(Object.entries(files));
  return {
    image: r.image.config,
    fs: { read: (p) => fs.get(p) ?? r.image.config.files[p], write: (p, t) => void fs.set(p, t), list: (d) => [...fs.keys()].filter((p) => p.startsWith(`${d}/`)) },
    hostname: 'box',
    ip: '10.0.0.5',
    env: { ...r.image.config.env, HOSTNAME: 'box', HOME: '/root' },
    workdir: '/',
    now: Date.UTC(2026, 0, 15, 9, 0, 0),
    net: { lookup: () => undefined, connect: () => undefined },
  };
}

const sh = (ref: string, script: string, files: Record<string, string> = {}) => {
  const r = execIn(sys(ref, files), ['sh', '-c', script]);
  return [r.stdout, r.stderr, r.exitCode] as const;
};

describe('the container shell', () => {
  it.each([
    ['redirect then read back', 'echo hi > /tmp/x; cat /tmp/x', 'hi\n'],
    ['append', 'echo a > /f; echo b >> /f; cat /f', 'a\nb\n'],
    ['&& and ||', 'false && echo no || echo yes', 'yes\n'],
    ['$VAR and ${VAR:-default}', 'A=1; echo "$A ${B:-two} $HOSTNAME"', '1 two box\n'],
    ['single quotes stay literal', "echo '$A \"q\"'", '$A "q"\n'],
    ['$? after a failure', 'false; echo $?', '1\n'],
    ['command substitution', 'echo "I am $(hostname)"', 'I am box\n'],
    ['a pipe', 'printf "b\\na\\n" | sort', 'a\nb\n'],
    ['if / else', 'if [ -f /etc/hostname ]; then echo yes; else echo no; fi', 'no\n'],
    ['for loop', 'for i in 1 2 3; do echo $i; done', '1\n2\n3\n'],
    ['while loop with a condition', 'i=0; while [ $i -lt 3 ]; do echo $i; i=$(expr $i + 1); done', '0\n1\n2\n'],
    ['arithmetic expansion', 'i=4; echo $((i * 2 + 1))', '9\n'],
    ['export reaches a child', 'export X=7; env | grep ^X=', 'X=7\n'],
    ['2>&1 folds stderr in', 'cat /nope 2>&1', "cat: can't open '/nope': No such file or directory\n"],
    ['stdout to /dev/null', 'echo gone > /dev/null; echo kept', 'kept\n'],
  ])('%s', (_name, script, want) => {
    expect(sh('busybox:1.36', script)[0]).toBe(want);
  });

  it('a missing command: busybox, dash and bash each word it their way (exit 127)', () => {
    expect(sh('busybox:1.36', 'nope')).toEqual(['', 'sh: nope: not found\n', 127]);
    expect(sh('debian:bookworm', 'nope')).toEqual(['', 'sh: 1: nope: not found\n', 127]);
    const r = execIn(sys('debian:bookworm'), ['bash', '-c', 'nope']);
    expect([r.stderr, r.exitCode]).toEqual(['bash: line 1: nope: command not found\n', 127]);
  });

  it('an unterminated quote is a syntax error, not "sh: \': not found"', () => {
    const [, err, code] = sh('debian:bookworm', "echo 'oops");
    expect(err).toBe('sh: 1: Unterminated quoted string\n');
    expect(code).toBe(2);
  });

  it('exec of a binary the image lacks is the OCI runtime error', () => {
    const r = execIn(sys('redis:7.2'), ['curl', 'localhost']);
    expect([r.stderr, r.exitCode]).toEqual(['OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown\n', 127]);
  });

  it('programs read files the engine mounted, such as /run/secrets/*', () => {
    expect(sh('alpine:3.20', 'cat /run/secrets/db_password', { '/run/secrets/db_password': 's3cret\n' })[0]).toBe('s3cret\n');
  });
});

describe('the shell on a timeline (a container\'s PID 1)', () => {
  const host: ShellHost = {
    run: (argv) => (argv[0] === 'sleep' ? { stdout: '', stderr: '', code: 0, ms: Number(argv[1]) * 1000 } : argv[0] === 'echo' ? { stdout: `${argv.slice(1).join(' ')}\n`, stderr: '', code: 0 } : { stdout: '', stderr: '', code: 127 }),
    readFile: () => undefined,
    writeFile: () => undefined,
  };

  it('sleep moves time on and output is stamped with it', () => {
    const r = runShell('echo a; sleep 2; echo b; exit 3', host, { env: {}, cwd: '/' });
    expect(r.out.map((o) => [o.at, o.text])).toEqual([[0, 'a\n'], [2000, 'b\n']]);
    expect(r.end).toEqual({ kind: 'exit', code: 3 });
  });

  it('while true; do …; sleep 5; done is one loop with a 5 s period', () => {
    const r = runShell('echo start; while true; do echo tick; sleep 5; done', host, { env: {}, cwd: '/' });
    expect(r.end).toEqual({ kind: 'loop', every: 5000, body: [{ at: 0, stream: 'stdout', text: 'tick\n' }] });
  });

  it('trap on TERM is remembered', () => {
    expect(runShell("trap 'exit 0' TERM; sleep 1", host, { env: {}, cwd: '/' }).trapsTerm).toBe(true);
  });
});

describe('loops whose output changes', () => {
  const host: ShellHost = {
    run: (argv) => (argv[0] === 'sleep' ? { stdout: '', stderr: '', code: 0, ms: Number(argv[1]) * 1000 } : argv[0] === 'echo' ? { stdout: `${argv.slice(1).join(' ')}\n`, stderr: '', code: 0 } : { stdout: '', stderr: '', code: 127 }),
    readFile: () => undefined,
    writeFile: () => undefined,
  };

  it('a counter in an endless loop counts on the timeline', () => {
    const r = runShell('i=0; while true; do i=$((i+1)); echo n=$i; sleep 2; done', host, { env: {}, cwd: '/' });
    expect(r.out.slice(0, 3).map((o) => [o.at, o.text])).toEqual([[0, 'n=1\n'], [2000, 'n=2\n'], [4000, 'n=3\n']]);
    expect(r.end.kind).toBe('loop');
  });
});

describe('version facts on the command line', () => {
  it.each([
    ['python:3.8-slim-buster', ['python3', '--version'], 'Python 3.8.20\n'],
    ['node:14.17.3-alpine3.14', ['node', '-v'], 'v14.17.3\n'],
    ['redis:6', ['redis-cli', '--version'], 'redis-cli 6.2.24\n'],
    ['golang:1.22-alpine', ['go', 'version'], 'go version go1.22.12 linux/amd64\n'],
  ])('%s: %j', (ref, argv, want) => {
    expect(execIn(sys(ref), argv).stdout).toBe(want);
  });

  it('nginx -v writes to stderr, as nginx does', () => {
    expect(execIn(sys('nginx:1.14.2'), ['nginx', '-v']).stderr).toBe('nginx version: nginx/1.14.2\n');
  });
});
