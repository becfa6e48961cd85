import type { Command, CommandContext } from '../types.ts';

/** Input for a text filter: the named file, else what was piped in. */
export function input(ctx: CommandContext, name: string, file: string | undefined): string | undefined {
  if (file === undefined) return ctx.stdin ?? '';
  const text = ctx.world.vfs.readFile(ctx.shell.resolve(file));
  if (text === undefined) ctx.stderr.write(`${name}: ${file}: No such file or directory\n`);
  return text;
}

export const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

function headTail(name: 'head' | 'tail'): Command {
  return {
    name,
    summary: name === 'head' ? { ko: '앞의 몇 줄만 보여 줍니다', en: 'print the first lines' } : { ko: '마지막 몇 줄만 보여 줍니다', en: 'print the last lines' },
    run(ctx) {
      // coreutils: -n N / -N lines, -c N bytes; tail -n +N starts at line N, head -n -N drops the last N.
      let count = '10';
      let bytes = false;
      let file: string | undefined;
      const args = ctx.argv.slice(1);
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        const m = a.match(/^-([nc])(.+)$/) ?? (/^-\d+$/.test(a) ? ['', 'n', a.slice(1)] : null);
        if (a === '-n' || a === '-c') {
          bytes = a === '-c';
          count = args[++i] ?? '';
        } else if (m) {
          bytes = m[1] === 'c';
          count = m[2]!;
        } else if (a === '-q' || a === '--quiet' || a === '--silent') continue;
        else file = a;
      }
      const cm = count.match(/^([+-]?)(\d+)$/);
      if (!cm) {
        ctx.stderr.write(`${name}: invalid number of ${bytes ? 'bytes' : 'lines'}: '${count}'\n`);
        return 1;
      }
      const n = Number(cm[2]);
      const sign = cm[1];
      const text = input(ctx, name, file);
      if (text === undefined) return 1;
      if (bytes) {
        const b = new TextEncoder().encode(text);
        const pick = name === 'head' ? (sign === '-' ? b.slice(0, Math.max(0, b.length - n)) : b.slice(0, n)) : sign === '+' ? b.slice(Math.max(0, n - 1)) : b.slice(Math.max(0, b.length - n));
        ctx.stdout.write(new TextDecoder().decode(pick));
        return 0;
      }
      const all = lines(text);
      const pick = name === 'head' ? (sign === '-' ? all.slice(0, Math.max(0, all.length - n)) : all.slice(0, n)) : sign === '+' ? all.slice(Math.max(0, n - 1)) : all.slice(Math.max(0, all.length - n));
      for (const l of pick) ctx.stdout.write(l + '\n');
      return 0;
    },
  };
}

export const head = headTail('head');
export const tail = headTail('tail');

export const wc: Command = {
  name: 'wc',
  summary: { ko: '줄, 단어, 바이트 수를 셉니다 (wc -l)', en: 'count lines, words and bytes (wc -l)' },
  run(ctx) {
    const flags = ctx.argv.slice(1).filter((a) => a.startsWith('-')).join('');
    const file = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
    const text = input(ctx, 'wc', file);
    if (text === undefined) return 1;
    const l = (text.match(/\n/g) ?? []).length;
    const w = text.split(/\s+/).filter(Boolean).length;
    const c = new TextEncoder().encode(text).length;
    const parts = flags.includes('l') ? [l] : flags.includes('w') ? [w] : flags.includes('c') ? [c] : [l, w, c];
    const width = parts.length > 1 ? 7 : 1;
    ctx.stdout.write(parts.map((p) => String(p).padStart(width)).join(' ') + (file ? ` ${file}` : '') + '\n');
    return 0;
  },
};
