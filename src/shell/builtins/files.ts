import { Vfs } from '../../sim/vfs.ts';
import type { Command } from '../types.ts';

export const mkdir: Command = {
  name: 'mkdir',
  summary: { ko: '디렉터리를 만듭니다', en: 'make directories' },
  run({ argv, stderr, shell, world }) {
    const parents = argv.includes('-p');
    const dirs = argv.slice(1).filter((a) => a !== '-p');
    if (dirs.length === 0) {
      stderr.write("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
      return 1;
    }
    let code = 0;
    for (const d of dirs) {
      const p = shell.resolve(d);
      if (world.vfs.exists(p)) {
        if (!parents || !world.vfs.isDir(p)) {
          stderr.write(`mkdir: cannot create directory '${d}': File exists\n`);
          code = 1;
        }
      } else if (!parents && !world.vfs.isDir(Vfs.dirname(p))) {
        stderr.write(`mkdir: cannot create directory '${d}': No such file or directory\n`);
        code = 1;
      } else world.vfs.mkdir(p);
    }
    return code;
  },
};

export const touch: Command = {
  name: 'touch',
  summary: { ko: '빈 파일을 만듭니다', en: 'create empty files' },
  run({ argv, stderr, shell, world }) {
    let code = 0;
    for (const f of argv.slice(1)) {
      const p = shell.resolve(f);
      if (world.vfs.exists(p)) continue;
      if (!world.vfs.isDir(Vfs.dirname(p))) {
        stderr.write(`touch: cannot touch '${f}': No such file or directory\n`);
        code = 1;
      } else world.vfs.writeFile(p, '');
    }
    return code;
  },
};

export const rm: Command = {
  name: 'rm',
  summary: { ko: '파일이나 디렉터리를 지웁니다', en: 'remove files or directories' },
  run({ argv, stderr, shell, world }) {
    const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
    const recursive = /[rR]/.test(flags);
    const force = flags.includes('f');
    const targets = argv.slice(1).filter((a) => !a.startsWith('-'));
    if (targets.length === 0 && !force) {
      stderr.write("rm: missing operand\nTry 'rm --help' for more information.\n");
      return 1;
    }
    let code = 0;
    for (const t of targets) {
      const p = shell.resolve(t);
      if (!world.vfs.exists(p)) {
        if (!force) {
          stderr.write(`rm: cannot remove '${t}': No such file or directory\n`);
          code = 1;
        }
      } else if (world.vfs.isDir(p) && !recursive) {
        stderr.write(`rm: cannot remove '${t}': Is a directory\n`);
        code = 1;
      } else world.vfs.remove(p);
    }
    return code;
  },
};
