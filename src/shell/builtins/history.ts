import type { Command } from '../types.ts';

export const history: Command = {
  name: 'history',
  summary: { ko: '입력했던 명령어 기록을 보여 줍니다 (위/아래 화살표로도 이동)', en: 'show the command history (also with the up/down arrows)' },
  run({ argv, stdout, stderr, shell }) {
    if (argv[1] === '-c') {
      shell.history.length = 0;
      return 0;
    }
    let list = shell.history.map((line, i) => ({ n: i + 1, line }));
    if (argv[1] !== undefined) {
      const n = Number(argv[1]);
      if (!Number.isInteger(n) || n < 0) {
        stderr.write(`bash: history: ${argv[1]}: numeric argument required\n`);
        return 1;
      }
      list = list.slice(Math.max(0, list.length - n));
    }
    for (const { n, line } of list) stdout.write(`${String(n).padStart(5)}  ${line}\n`);
    return 0;
  },
};
