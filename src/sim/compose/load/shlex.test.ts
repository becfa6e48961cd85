import { describe, expect, it } from 'vitest';
import { shlexSplit } from './shlex.ts';

describe('shlexSplit', () => {
  it.each([
    ['npm start', ['npm', 'start']],
    ['  python  -m http.server 8000 ', ['python', '-m', 'http.server', '8000']],
    [`sh -c 'echo "hi there" && sleep 1'`, ['sh', '-c', 'echo "hi there" && sleep 1']],
    [`echo "a \\"quoted\\" word"`, ['echo', 'a "quoted" word']],
    ['echo a\\ b', ['echo', 'a b']],
    [`echo ''`, ['echo', '']],
    ['', []],
  ])('%j', (s, want) => {
    expect(shlexSplit(s)).toEqual(want);
  });

  it('refuses an unclosed quote', () => {
    expect(shlexSplit(`echo "oops`)).toBeUndefined();
    expect(shlexSplit(`echo 'oops`)).toBeUndefined();
  });
});
