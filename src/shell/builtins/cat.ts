import type { Command } from '../types.ts';

export const cat: Command = {
  name: 'cat',
  summary: { ko: '파일 내용을 출력합니다', en: 'print files' },
  run({ argv, stdin, stdout, stderr, shell, world }) {
    const files = argv.slice(1);
    if (files.length === 0) {
      if (stdin !== undefined) stdout.write(stdin);
      return 0;
    }
    let code = 0;
    for (const f of files) {
      const p = shell.resolve(f);
      if (world.vfs.isDir(p)) {
        stderr.write(`cat: ${f}: Is a directory\n`);
        code = 1;
        continue;
      }
      const text = world.vfs.readFile(p);
      if (text === undefined) {
        stderr.write(`cat: ${f}: No such file or directory\n`);
        code = 1;
        continue;
      }
      stdout.write(text);
    }
    return code;
  },
};
