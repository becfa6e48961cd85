import type { Command } from '../types.ts';

export const pwd: Command = {
  name: 'pwd',
  summary: { ko: '현재 디렉터리를 출력합니다', en: 'print the working directory' },
  run({ stdout, cwd }) {
    stdout.write(cwd + '\n');
    return 0;
  },
};
