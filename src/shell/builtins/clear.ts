import type { Command } from '../types.ts';

export const clear: Command = {
  name: 'clear',
  summary: { ko: '화면을 지웁니다 (Ctrl-L)', en: 'clear the screen (Ctrl-L)' },
  run({ stdout, tty }) {
    // Only a terminal understands the escape codes; a log file gets nothing.
    if (tty.color) stdout.write('\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};
