import type { Command } from '../types.ts';

const HEAD = {
  ko: '사용할 수 있는 명령어 (자세한 설명: help 명령어):',
  en: 'Available commands (details: help COMMAND):',
};

export const help: Command = {
  name: 'help',
  summary: { ko: '명령어 목록과 설명을 보여 줍니다', en: 'list the commands and explain one' },
  run({ argv, stdout, stderr, shell, lang }) {
    const topic = argv[1];
    if (topic) {
      const cmd = shell.commands.get(topic);
      if (!cmd) {
        stderr.write(`help: no help topics match \`${topic}'.\n`);
        return 1;
      }
      stdout.write(`${cmd.name} - ${cmd.summary[lang]}\n`);
      if (cmd.help) stdout.write(`\n${cmd.help[lang].trimEnd()}\n`);
      return 0;
    }
    const cmds = [...shell.commands.values()].sort((a, b) => a.name.localeCompare(b.name));
    const width = Math.max(...cmds.map((c) => c.name.length)) + 2;
    stdout.write(HEAD[lang] + '\n');
    for (const c of cmds) stdout.write(`  ${c.name.padEnd(width)}${c.summary[lang]}\n`);
    return 0;
  },
  complete: (words, _cur, { shell }) => (words.length === 0 ? [...shell.commands.keys()] : []),
};
