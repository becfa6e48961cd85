import type { Command } from '../types.ts';

export const exportCmd: Command = {
  name: 'export',
  summary: { ko: '환경 변수를 정합니다 (예: export TAG=1.27)', en: 'set an environment variable (e.g. export TAG=1.27)' },
  run({ argv, stdout, stderr, shell }) {
    if (argv.length === 1) {
      for (const [k, v] of [...shell.env].sort()) stdout.write(`declare -x ${k}="${v}"\n`);
      return 0;
    }
    let code = 0;
    for (const a of argv.slice(1)) {
      const m = a.match(/^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/s);
      if (!m) {
        stderr.write(`bash: export: \`${a}': not a valid identifier\n`);
        code = 1;
      } else if (m[2] !== undefined) shell.env.set(m[1]!, m[2]);
    }
    return code;
  },
};

export const env: Command = {
  name: 'env',
  summary: { ko: '환경 변수를 보여 줍니다', en: 'print the environment' },
  run({ stdout, shell }) {
    for (const [k, v] of [...shell.env].sort()) stdout.write(`${k}=${v}\n`);
    stdout.write(`PWD=${shell.cwd}\n`);
    return 0;
  },
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const date: Command = {
  name: 'date',
  summary: { ko: '가상 시계의 현재 시각을 보여 줍니다', en: 'print the virtual clock time' },
  run({ stdout, world }) {
    const d = new Date(world.clock.now());
    const p = (n: number) => String(n).padStart(2, '0');
    stdout.write(`${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}\n`);
    return 0;
  },
};
