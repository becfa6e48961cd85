import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, Vfs } from './vfs.ts';

describe('Vfs', () => {
  it('normalises and resolves paths', () => {
    expect(Vfs.normalize('/a/./b/../c//d/')).toBe('/a/c/d');
    expect(Vfs.resolve('/home/learner/x', '../y')).toBe('/home/learner/y');
    expect(Vfs.resolve('/tmp', '~/f')).toBe('/home/learner/f');
    expect(Vfs.normalize('/../..')).toBe('/');
  });

  it('writes files with parent directories, lists and removes them', () => {
    const v = new Vfs();
    v.writeFile('/p/web/Dockerfile', 'FROM nginx\n');
    v.writeFile('/p/compose.yaml', 'services: {}\n');
    expect(v.list('/p')).toEqual([
      { name: 'compose.yaml', dir: false },
      { name: 'web', dir: true },
    ]);
    expect(v.walk('/p')).toEqual(['/p/compose.yaml', '/p/web/Dockerfile']);
    expect(v.remove('/p/web')).toBe(true);
    expect(v.exists('/p/web/Dockerfile')).toBe(false);
    expect(v.list('/nope')).toBeUndefined();
  });

  it('tells listeners about changes, and not about writes that change nothing', () => {
    const v = new Vfs();
    const seen: string[] = [];
    v.onChange((c) => seen.push(`${c.type} ${c.path}`));
    v.writeFile('/a/f', 'x');
    v.writeFile('/a/f', 'x');
    v.remove('/a/f');
    expect(seen).toEqual(['mkdir /a', 'write /a/f', 'delete /a/f']);
  });

  it('returns errors instead of throwing', () => {
    const v = new Vfs();
    v.mkdir('/d');
    expect(v.writeFile('/d', 'x')?.code).toBe('EISDIR');
    expect(v.writeFile('/big', 'x'.repeat(MAX_FILE_BYTES + 1))?.code).toBe('EFBIG');
    expect(v.exists('/big')).toBe(false);
  });
});
