import { describe, expect, it } from 'vitest';
import { lookupImage, parseImageRef, pullErrorMessage } from './images.ts';
import { effectiveArgv, programFor } from './programs.ts';

const img = (ref: string) => {
  const l = lookupImage(ref);
  if (!l.found) throw new Error(ref);
  return l.image;
};
const prog = (ref: string, command?: string[], args?: string[], env: Record<string, string> = {}) => programFor(img(ref), effectiveArgv(img(ref), command, args), env);
const ctx = { now: Date.UTC(2026, 0, 15, 9, 0, 0), podIP: '10.244.1.2', hostname: 'web-1', env: {} };

describe('image references normalize like Docker', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['curlimages/curl:8.11.1', 'docker.io/curlimages/curl:8.11.1'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
  ])('%s -> %s', (w, full) => expect(parseImageRef(w).full).toBe(full));

  it('a misspelt repository gives containerd\'s "pull access denied" error', () => {
    const l = lookupImage('ngnix:latest');
    expect(l.found).toBe(false);
    if (!l.found) expect(pullErrorMessage(l)).toBe('failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
  });

  it('an unknown tag of a known repository is "not found"', () => {
    const l = lookupImage('nginx:9.99');
    expect(l.found === false && pullErrorMessage(l)).toMatch(/docker.io\/library\/nginx:9.99: not found$/);
  });
});

describe('what a container process does', () => {
  it.each([
    ['nginx:1.27 default runs a server on 80', prog('nginx:1.27'), 'run', [80]],
    ['busybox default sh exits 0 at once (no terminal)', prog('busybox'), 'exit:0', []],
    ['sh -c "exit 1" exits 1', prog('busybox', ['sh', '-c', 'exit 1']), 'exit:1', []],
    ['sleep 3600 keeps running', prog('busybox', ['sh', '-c', 'echo hi; sleep 3600']), 'exit:0', []],
    ['sleep infinity keeps running', prog('busybox', ['sleep', 'infinity']), 'run', []],
    ['python -m http.server 8000 listens on 8000', prog('python:3.13', ['python', '-m', 'http.server', '8000']), 'run', [8000]],
    ['postgres without a password exits 1', prog('postgres:17'), 'exit:1', []],
    ['postgres with a password listens on 5432', prog('postgres:17', undefined, undefined, { POSTGRES_PASSWORD: 'x' }), 'run', [5432]],
    ['redis --port 6380 listens there', prog('redis:7.4', ['redis-server', '--port', '6380']), 'run', [6380]],
    ['echo hi exits 0', prog('busybox', undefined, ['echo', 'hi']), 'exit:0', []],
    ['date exits 0 (no endless recursion into the shell)', prog('busybox', ['date']), 'exit:0', []],
    ['hostname inside sh -c exits 0', prog('busybox', ['sh', '-c', 'hostname; env']), 'exit:0', []],
    ['a script ends with its last status', prog('busybox', ['sh', '-c', 'echo a; false']), 'exit:1', []],
    ['exit without a code keeps the last status', prog('busybox', ['sh', '-c', 'false; exit']), 'exit:1', []],
    ['perl bpi exits 0', prog('perl:5.40', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(20)']), 'exit:0', []],
  ])('%s', (_name, p, ending, ports) => {
    expect(p.ending.kind === 'exit' ? `exit:${p.ending.code}` : 'run').toBe(ending);
    expect(p.listens).toEqual(ports);
  });

  it('utilities print what they would at run time', () => {
    const c = { ...ctx, env: { A: '1' } };
    expect(prog('busybox', ['sh', '-c', 'sleep 2; date; hostname; printenv A; uname -r']).lines(c).map((l) => [l.atMs, l.line])).toEqual([
      [2000, 'Thu Jan 15 09:00:02 UTC 2026'],
      [2000, 'web-1'],
      [2000, '1'],
      [2000, '6.8.0-51-generic'],
    ]);
    expect(prog('busybox', ['env']).lines(c).map((l) => l.line)).toEqual(['HOSTNAME=web-1', 'A=1', 'HOME=/root']);
    expect(prog('perl:5.40', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(20)']).lines(c).map((l) => l.line)).toEqual(['3.1415926535897932385']);
  });

  it('sleep 3600 exits only after an hour', () => {
    const p = prog('busybox', ['sh', '-c', 'echo hi; sleep 3600']);
    expect(p.ending).toEqual({ kind: 'exit', afterMs: 3_600_000, code: 0 });
    expect(p.lines(ctx).map((l) => l.line)).toEqual(['hi']);
  });

  it('a shell PID 1 ignores SIGTERM unless it traps it; nginx honours it', () => {
    expect(prog('busybox', ['sh', '-c', 'sleep 3600']).honoursSigterm).toBe(false);
    expect(prog('busybox', ['sh', '-c', 'trap "exit 0" TERM; sleep 3600']).honoursSigterm).toBe(true);
    expect(prog('nginx').honoursSigterm).toBe(true);
  });

  it('a while-true loop repeats its echo every sleep period', () => {
    const p = prog('busybox', ['sh', '-c', 'while true; do echo tick; sleep 5; done']);
    expect(p.loop).toEqual({ periodMs: 5000, lines: ['tick'] });
  });

  it('a missing executable is a StartError', () => {
    expect(prog('busybox', ['curl', 'localhost']).startError).toContain('exec: "curl": executable file not found in $PATH');
  });

  it('nginx says "Address already in use" when port 80 is taken', () => {
    expect(prog('nginx').bindFailure(80, ctx).lines.join('\n')).toContain('bind() to 0.0.0.0:80 failed (98: Address already in use)');
  });

  it('tail /dev/zero grows memory without bound', () => {
    expect(prog('busybox', ['sh', '-c', 'tail /dev/zero']).memoryGrows).toBe(true);
  });
});
