import { describe, expect, it } from 'vitest';
import { parseLine } from './parse.ts';

const env = (n: string) => ({ TAG: '1.27', EMPTY: '', '?': '0' })[n];

function argvs(line: string) {
  const r = parseLine(line, env);
  if (!r.ok) throw new Error(r.error.message);
  return r.list.map((i) => i.pipeline.commands.map((c) => c.argv));
}

describe('parseLine', () => {
  it.each([
    ['docker compose up -d', [[['docker', 'compose', 'up', '-d']]]],
    [`echo "hello  world" 'single $TAG' plain`, [[['echo', 'hello  world', 'single $TAG', 'plain']]]],
    ['kubectl get pods -o wide --namespace=kube-system', [[['kubectl', 'get', 'pods', '-o', 'wide', '--namespace=kube-system']]]],
    ['echo $TAG ${TAG}x "$TAG" $MISSING', [[['echo', '1.27', '1.27x', '1.27', '']]]],
    ['echo a\\ b "q\\"uote"', [[['echo', 'a b', 'q"uote']]]],
    ['echo hi # a comment', [[['echo', 'hi']]]],
    ['echo a#b', [[['echo', 'a#b']]]],
    ['kubectl get pods | grep web | wc -l', [[['kubectl', 'get', 'pods'], ['grep', 'web'], ['wc', '-l']]]],
    ['a; b && c || d', [[['a']], [['b']], [['c']], [['d']]]],
    ['echo ""', [[['echo', '']]]],
    ['', []],
    ['   ', []],
    ['ls;', [[['ls']]]],
  ])('%s', (line, expected) => {
    expect(argvs(line)).toEqual(expected);
  });

  it('keeps list operators for the runner', () => {
    const r = parseLine('a && b || c; d');
    expect(r.ok && r.list.map((i) => i.join)).toEqual([';', '&&', '||', ';']);
  });

  it('parses redirections', () => {
    const r = parseLine('cat < in.txt > out.txt 2>&1');
    expect(r.ok && r.list[0]!.pipeline.commands[0]).toEqual({
      argv: ['cat'],
      stdinFile: 'in.txt',
      redirects: [
        { fd: 1, op: '>', target: 'out.txt' },
        { fd: 2, op: '>&1', target: '' },
      ],
    });
    const r2 = parseLine('echo x >> log 2> err');
    expect(r2.ok && r2.list[0]!.pipeline.commands[0]!.redirects).toEqual([
      { fd: 1, op: '>>', target: 'log' },
      { fd: 2, op: '>', target: 'err' },
    ]);
  });

  it.each([
    ["echo 'open", "unexpected EOF while looking for matching `''"],
    ['echo "open', 'unexpected EOF while looking for matching `"\''],
    ['| grep x', "syntax error near unexpected token `|'"],
    ['ls |', "syntax error near unexpected token `newline'"],
    ['ls &&', "syntax error near unexpected token `newline'"],
    ['echo >', "syntax error near unexpected token `newline'"],
    ['a && && b', "syntax error near unexpected token `&&'"],
  ])('reports %s as a syntax error', (line, message) => {
    const r = parseLine(line);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(message);
  });

  it('refuses a line longer than the limit instead of working on it', () => {
    const r = parseLine('echo ' + 'x'.repeat(20_000));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/line too long: 20005 characters/);
  });
});
