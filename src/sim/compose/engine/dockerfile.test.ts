import { describe, expect, it } from 'vitest';
import { parseDockerfile, splitStages, substitute } from './dockerfile.ts';

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

