import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { parseLine } from './parse.ts';
import { createSession } from './session.ts';
import { formatPrintf } from './builtins/printf.ts';
import { posixToJs } from './builtins/sed.ts';

const session = () => createSession({ seed: 1, lang: 'en', tty: { color: false }, dir: 'demo', files: { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' } });
const run = (script: string) => transcript(session(), script, {});

describe('redirections', () => {
  it('2>&1 sends stderr into a pipe, anywhere on the line', () => {
    // `docker compose logs` with no project prints its error on stderr; grep must see it.
    expect(run('cat missing 2>&1 | grep -c missing')).toBe('1\n');
    expect(run('cat missing | grep -c missing')).toBe('cat: missing: No such file or directory\n0\n');
    expect(run('docker compose logs 2>&1 | grep -c nginx')).toMatch(/^\d+\n$/);
  });

  it('order matters as in bash: >f 2>&1 puts both in f, 2>&1 >f leaves stderr on the terminal', () => {
    expect(run('cat compose.yaml missing > out 2>&1; cat out')).toBe('services:\n  web:\n    image: nginx:1.27\ncat: missing: No such file or directory\n');
    expect(run('cat missing 2>&1 > out; cat out')).toBe('cat: missing: No such file or directory\n');
    expect(run('cat missing &> both; cat both')).toBe('cat: missing: No such file or directory\n');
    expect(run('echo oops >&2 2>/dev/null')).toBe('oops\n');
    expect(run('echo oops 1>&2 | wc -l')).toBe('oops\n0\n');
  });

  it('a quoted 2 is an argument, not a file descriptor', () => {
    expect(run('echo "2">f; cat f; echo 2>g x; cat g; echo a2>h; cat h')).toBe('2\nx\na2\n');
    expect(run("echo '2'>>f; echo \\2>>f; cat f")).toBe('2\n2\n');
  });

  it('a lone & is still refused with a hint', () => {
    expect(run('sleep 5 &')).toMatch(/^\[1\] \d+\n/);
  });

  it('parses N>&M, &> and <<< into redirects', () => {
    const r = parseLine('cmd 2>&1 >&2 &>> log <<< word');
    expect(r.ok && r.list[0]!.pipeline.commands[0]).toEqual({
      argv: ['cmd'],
      redirects: [
        { fd: 2, op: '>&1', target: '' },
        { fd: 1, op: '>&2', target: '' },
        { fd: 1, op: '>>', target: 'log' },
        { fd: 2, op: '>&1', target: '' },
      ],
      stdinText: 'word\n',
    });
  });
});

describe('here-documents', () => {
  it('cat <<EOF > file writes the lines typed before EOF, expanding variables', () => {
    const out = run(['export TAG=1.28', 'cat <<EOF > compose.yaml', 'services:', '  web:', '    image: nginx:$TAG', '    # cost: \\$5', 'EOF', 'cat compose.yaml'].join('\n'));
    expect(out).toBe('services:\n  web:\n    image: nginx:1.28\n    # cost: $5\n');
  });

  it("a quoted delimiter keeps $ literal; <<- strips leading tabs", () => {
    expect(run(["cat <<'EOF'", 'echo $HOME', 'EOF'].join('\n'))).toBe('echo $HOME\n');
    expect(run(['cat <<"END"', '${X}', 'END'].join('\n'))).toBe('${X}\n');
    expect(run(['cat <<-EOF', '\t\tindented', '\tEOF', 'echo after'].join('\n'))).toBe('indented\nafter\n');
  });

  it('the prompt is "> " while the body is read, and the command runs only after the delimiter', () => {
    const sh = session();
    const io = { stdout: { write: () => {} }, stderr: { write: () => {} } };
    sh.run('cat <<EOF > notes.txt', io);
    expect(sh.prompt()).toBe('> ');
    expect(sh.continuing).toBe(true);
    sh.run('hello', io);
    expect(sh.world.vfs.readFile('/home/learner/demo/notes.txt')).toBeUndefined();
    sh.run('EOF', io);
    expect(sh.continuing).toBe(false);
    expect(sh.world.vfs.readFile('/home/learner/demo/notes.txt')).toBe('hello\n');
    expect(sh.history).toEqual(['cat <<EOF > notes.txt']);
  });

  it('Ctrl-C abandons a here-document without writing anything', () => {
    const sh = session();
    const io = { stdout: { write: () => {} }, stderr: { write: () => {} } };
    sh.run('cat <<EOF > x', io);
    sh.run('half', io);
    expect(sh.interrupt()).toBe(true);
    expect(sh.continuing).toBe(false);
    expect(sh.world.vfs.readFile('/home/learner/demo/x')).toBeUndefined();
    expect(sh.lastExit).toBe(130);
  });

  it('works through a pipe and with kubectl apply -f -', () => {
    expect(run(['cat <<EOF | grep -c b', 'a', 'b', 'bb', 'EOF'].join('\n'))).toBe('2\n');
  });
});

describe('echo -e and printf', () => {
  it('echo interprets escapes only with -e', () => {
    expect(run('echo "a\\tb\\nc"')).toBe('a\\tb\\nc\n');
    expect(run('echo -e "a\\tb\\nc"')).toBe('a\tb\nc\n');
    expect(run('echo -e "stop\\chere"')).toBe('stop');
    expect(run('echo -ne "x\\x41\\0101"')).toBe('xAA');
    expect(run('echo -n -x')).toBe('-x');
  });

  it('printf formats, reuses the format for extra arguments and prints no newline unasked', () => {
    expect(run("printf 'services:\\n  web:\\n    image: %s\\n' nginx:1.27")).toBe('services:\n  web:\n    image: nginx:1.27\n');
    expect(run("printf '%s=%d\\n' a 1 b 2")).toBe('a=1\nb=2\n');
    expect(run("printf '%-5s|%5s|%05d|%.2f|%x|%%\\n' ab cd 42 3.14159 255")).toBe('ab   |   cd|00042|3.14|ff|%\n');
    expect(run('printf hello')).toBe('hello');
    expect(run("printf '%d\\n' abc")).toBe('0\nbash: printf: abc: invalid number\n');
    expect(formatPrintf('%b|%c', ['a\\nb', 'xyz']).text).toBe('a\nb|x');
  });
});

describe('sed', () => {
  it("sed -i 's/a/b/' edits the file in place, first match per line unless g", () => {
    expect(run("sed -i 's/nginx:1.27/nginx:1.28/' compose.yaml; cat compose.yaml")).toBe('services:\n  web:\n    image: nginx:1.28\n');
    expect(run("echo aaa | sed 's/a/b/'; echo aaa | sed 's/a/b/g'; echo aaa | sed 's/a/b/2'")).toBe('baa\nbbb\naba\n');
  });

  it('reads stdin in a pipe and supports other delimiters, & and groups', () => {
    expect(run("echo path/to/file | sed 's|/|:|g'")).toBe('path:to:file\n');
    expect(run("echo hello world | sed 's/\\(hello\\) \\(world\\)/\\2 \\1 [&]/'")).toBe('world hello [hello world]\n');
    expect(run("echo hello world | sed -E 's/(h)(e)/\\2\\1/'")).toBe('ehllo world\n');
    expect(run("echo 'a.b' | sed 's/a\\.b/ok/'; echo 'axb' | sed 's/a\\.b/ok/'")).toBe('ok\naxb\n');
    expect(run("echo 'Web' | sed 's/web/api/I'")).toBe('api\n');
  });

  it('addresses, d, p and -n', () => {
    expect(run("cat compose.yaml | sed '2d'")).toBe('services:\n    image: nginx:1.27\n');
    expect(run("sed -n '/image/p' compose.yaml")).toBe('    image: nginx:1.27\n');
    expect(run("sed -e 's/web/api/' -e '$s/1.27/1.28/' compose.yaml")).toBe('services:\n  api:\n    image: nginx:1.28\n');
  });

  it('reports mistakes as GNU sed does', () => {
    expect(run("sed -i 's/a/b' compose.yaml")).toBe("sed: -e expression #1, char 5: unterminated `s' command\n");
    expect(run("sed -i 's/a/b/' nope")).toBe("sed: can't read nope: No such file or directory\n");
    expect(run("echo x | sed 's/x/\\1/'")).toMatch(/^sed: -e expression #1, char \d+: invalid reference \\1 on `s' command's RHS\n$/);
    expect(run("sed -i 's/a/b/'")).toBe('sed: no input files\n');
  });

  it('translates POSIX classes and BRE operators', () => {
    expect(posixToJs('[[:space:]]*x\\+(y)', false)).toBe('[ \\t\\n\\r\\f\\v]*x+\\(y\\)');
    expect(posixToJs('(a|b)+', true)).toBe('(a|b)+');
  });
});

describe('vi, nano and kubectl edit without an editor', () => {
  it('say clearly that there is no editor in the headless shell', () => {
    expect(run('vi compose.yaml; echo $?')).toMatch(/^vi: there is no editor here \(headless npm run sim\)\. .*\n1\n$/);
    expect(run('nano compose.yaml')).toMatch(/^nano: there is no editor here/);
  });

  it('with an editor, vi opens the file there', () => {
    const sh = session();
    const opened: string[] = [];
    sh.editor = { open: (p) => (opened.push(p), { close() {} }) };
    expect(transcript(sh, 'vi compose.yaml', {})).toMatch(/opened in the editor/);
    expect(opened).toEqual(['/home/learner/demo/compose.yaml']);
  });
});
