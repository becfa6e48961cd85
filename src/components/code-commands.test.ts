import { describe, expect, it } from 'vitest';
import { blockCommands, placeholders } from './code-commands.ts';

describe('lesson code block commands', () => {
  it('one command per line; comments and blank lines skipped', () => {
    expect(blockCommands(['ls', '# list', '', 'cat compose.yaml'])).toEqual([
      { line: 0, lines: ['ls'] },
      { line: 3, lines: ['cat compose.yaml'] },
    ]);
  });

  it('a $ prompt marks commands; the rest is output', () => {
    expect(blockCommands(['$ docker compose ps', 'NAME   IMAGE', 'web-1  nginx', '$ docker compose down'])).toEqual([
      { line: 0, lines: ['docker compose ps'] },
      { line: 3, lines: ['docker compose down'] },
    ]);
    expect(blockCommands(['learner@kube-lessons:~/demo$ ls', 'compose.yaml'])).toEqual([{ line: 0, lines: ['ls'] }]);
  });

  it('joins backslash continuations and keeps a here-document together', () => {
    expect(blockCommands(['kubectl create deployment web \\', '  --image=nginx', 'ls'])).toEqual([
      { line: 0, lines: ['kubectl create deployment web  --image=nginx'] },
      { line: 2, lines: ['ls'] },
    ]);
    expect(blockCommands(["cat <<'EOF' > compose.yaml", 'services:', '  web: {}', 'EOF', 'docker compose up -d'])).toEqual([
      { line: 0, lines: ["cat <<'EOF' > compose.yaml", 'services:', '  web: {}', 'EOF'] },
      { line: 4, lines: ['docker compose up -d'] },
    ]);
  });

  it('finds <placeholders> but not redirections', () => {
    expect(placeholders('kubectl logs <pod name> -c <container>')).toEqual(['<pod name>', '<container>']);
    expect(placeholders('kubectl describe pod <파드 이름>')).toEqual(['<파드 이름>']);
    expect(placeholders('cat < in.txt > out.txt 2>&1; cat <<EOF')).toEqual([]);
  });
});
