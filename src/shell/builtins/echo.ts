import type { Command } from '../types.ts';

export const echo: Command = {
  name: 'echo',
  summary: { ko: '인자를 그대로 출력합니다', en: 'print the arguments' },
  run({ argv, stdout }) {
    let args = argv.slice(1);
    let newline = true;
    while (args[0] === '-n' || args[0] === '-e' || args[0] === '-ne' || args[0] === '-en') {
      if (args[0].includes('n')) newline = false;
      args = args.slice(1);
    }
    stdout.write(args.join(' ') + (newline ? '\n' : ''));
    return 0;
  },
};
