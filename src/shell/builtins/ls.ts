import { styler, displayWidth } from '../ansi.ts';
import type { Command } from '../types.ts';

export const ls: Command = {
  name: 'ls',
  summary: { ko: '디렉터리의 파일 목록을 보여 줍니다', en: 'list directory contents' },
  run({ argv, stdout, stderr, shell, world, tty }) {
    const flags = new Set<string>();
    const paths: string[] = [];
    for (const a of argv.slice(1)) {
      if (a.startsWith('-') && a.length > 1) {
        for (const f of a.slice(1)) {
          if (!'alA1'.includes(f)) {
            stderr.write(`ls: invalid option -- '${f}'\n`);
            return 2;
          }
          flags.add(f);
        }
      } else paths.push(a);
    }
    if (paths.length === 0) paths.push('.');
    const s = styler(tty);
    let code = 0;
    paths.forEach((p, idx) => {
      const full = shell.resolve(p);
      if (!world.vfs.exists(full)) {
        stderr.write(`ls: cannot access '${p}': No such file or directory\n`);
        code = 2;
        return;
      }
      if (paths.length > 1 && world.vfs.isDir(full)) stdout.write(`${idx > 0 ? '\n' : ''}${p}:\n`);
      const entries = world.vfs.isDir(full)
        ? world.vfs.list(full)!.filter((e) => flags.has('a') || flags.has('A') || !e.name.startsWith('.'))
        : [{ name: p, dir: false }];
      if (flags.has('a')) entries.unshift({ name: '.', dir: true }, { name: '..', dir: true });
      if (flags.has('l')) {
        if (world.vfs.isDir(full)) stdout.write(`total ${entries.length * 4}\n`);
        for (const e of entries) {
          const size = e.dir ? 4096 : new TextEncoder().encode(world.vfs.readFile(e.name === p ? full : `${full}/${e.name}`) ?? '').length;
          const mode = e.dir ? 'drwxr-xr-x' : '-rw-r--r--';
          stdout.write(`${mode} 1 learner learner ${String(size).padStart(5)} Jan 15 09:00 ${e.dir ? s.blue(e.name) : e.name}\n`);
        }
        return;
      }
      const names = entries.map((e) => (e.dir ? s.blue(e.name) : e.name));
      if (!tty.color || flags.has('1')) {
        for (const n of names) stdout.write(n + '\n');
      } else if (names.length) {
        // Terminal output: names across the line, as GNU ls does when it fits.
        const width = Math.max(...entries.map((e) => displayWidth(e.name))) + 2;
        const perLine = Math.max(1, Math.floor(tty.columns / width));
        for (let i = 0; i < names.length; i += perLine) {
          const row = names.slice(i, i + perLine);
          stdout.write(row.map((n, j) => (j === row.length - 1 ? n : n + ' '.repeat(width - displayWidth(n)))).join('') + '\n');
        }
      }
    });
    return code;
  },
};
