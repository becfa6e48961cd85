import { describe, expect, it } from 'vitest';
import { CATALOG, genericSpec } from './catalog.ts';
import { parseDockerfile, splitStages, substitute } from './dockerfile.ts';
import { argvOf } from './process.ts';

describe('substitute', () => {
  it.each([
    ['python:${PYTHON_VERSION}-slim', { PYTHON_VERSION: '3.12' }, 'python:3.12-slim'],
    ['$A/$B', { A: 'x' }, 'x/'],
    ['${V:-3.11}', {}, '3.11'],
    ['${V:-3.11}', { V: '3.13' }, '3.13'],
  ])('%s', (text, vars, want) => {
    expect(substitute(text, vars)).toBe(want);
  });
});

describe('splitStages: global ARGs expand in FROM, build args win over defaults', () => {
  const df = 'ARG V=3.12\nFROM python:${V}-slim AS base\nRUN true\nFROM base AS runtime\nCOPY . .\n';
  it.each([
    [{}, ['python:3.12-slim', 'base']],
    [{ V: '3.13' }, ['python:3.13-slim', 'base']],
  ])('%j', (args, [from, name]) => {
    const r = parseDockerfile(df);
    if (!r.ok) throw new Error('parse');
    const { stages } = splitStages(r.value, args);
    expect(stages.map((s) => [s.from, s.name, s.ops.map((o) => o.keyword)])).toEqual([
      [from, name, ['RUN']],
      ['base', 'runtime', ['COPY']],
    ]);
  });
});

describe('argvOf: what PID 1 runs', () => {
  it.each([
    ['default command', { image: CATALOG.postgres!, generic: false }, ['postgres']],
    ['flags go to the server through the entrypoint script', { image: CATALOG.traefik!, command: ['--providers.docker=true'], generic: false }, ['traefik', '--providers.docker=true']],
    ['postgres -c flags', { image: CATALOG.postgres!, command: ['-c', 'fsync=off'], generic: false }, ['postgres', '-c', 'fsync=off']],
    ['other commands are exec-ed by the script', { image: CATALOG.redis!, command: ['sh', '-c', 'echo hi'], generic: false }, ['sh', '-c', 'echo hi']],
    ['a compose entrypoint replaces the image entrypoint and CMD', { image: CATALOG.nginx!, entrypoint: ['sh', '-c'], command: ['echo hi'], generic: false }, ['sh', '-c', 'echo hi']],
    ['nginx has no flag handling', { image: CATALOG.nginx!, command: ['-g', 'daemon off;'], generic: false }, ['-g', 'daemon off;']],
    ['a generic image runs its command', { image: genericSpec('example/app'), command: ['celery', 'worker'], generic: true }, ['celery', 'worker']],
  ])('%s', (_why, p, want) => {
    expect(argvOf(p)).toEqual(want);
  });
});
