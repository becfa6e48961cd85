import type { Command } from '../types.ts';

export const cd: Command = {
  name: 'cd',
  summary: { ko: '디렉터리를 이동합니다', en: 'change the working directory' },
  run({ argv, stdout, stderr, shell, world }) {
    if (argv.length > 2) {
      stderr.write('bash: cd: too many arguments\n');
      return 1;
    }
    let target = argv[1] ?? shell.getenv('HOME') ?? '/';
    if (target === '-') target = shell.getenv('OLDPWD') ?? shell.cwd;
    const path = shell.resolve(target);
    if (!world.vfs.exists(path)) {
      stderr.write(`bash: cd: ${argv[1]}: No such file or directory\n`);
      return 1;
    }
    if (!world.vfs.isDir(path)) {
      stderr.write(`bash: cd: ${argv[1]}: Not a directory\n`);
      return 1;
    }
    shell.env.set('OLDPWD', shell.cwd);
    shell.cwd = path;
    if (argv[1] === '-') stdout.write(path + '\n'); // bash prints where `cd -` went
    return 0;
  },
  complete: (_w, current, { shell }) => shell.completePath(current).filter((p) => p.endsWith('/')),
};
