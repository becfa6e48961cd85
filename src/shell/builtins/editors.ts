import type { Command, CommandContext } from '../types.ts';

/**
 * `vi`, `vim` and `nano` open the file in the page's editor (Monaco) rather
 * than taking over the terminal: the learner saves with Ctrl-S there. Without
 * an editor (the headless `npm run sim`), they say so and point to the
 * commands that do work there.
 */
export const NO_EDITOR = {
  ko: '이 환경(헤드리스 npm run sim)에는 편집기가 없습니다. 파일은 cat <<EOF > 파일, printf, sed -i 로 쓰거나, 레슨 페이지의 편집기에서 고치세요.',
  en: 'there is no editor here (headless npm run sim). Write files with cat <<EOF > FILE, printf or sed -i, or edit them in a lesson page’s editor.',
};

function openInEditor(ctx: CommandContext): number {
  const name = ctx.argv[0]!;
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') && !a.startsWith('+'));
  if (!ctx.shell.editor) {
    ctx.stderr.write(`${name}: ${NO_EDITOR[ctx.lang]}\n`);
    return 1;
  }
  if (files.length === 0) {
    ctx.stderr.write(ctx.lang === 'ko' ? `${name}: 열 파일 이름을 주세요 (예: ${name} compose.yaml)\n` : `${name}: give the name of a file to open (e.g. ${name} compose.yaml)\n`);
    return 1;
  }
  for (const f of files) {
    const p = ctx.shell.resolve(f);
    if (ctx.world.vfs.isDir(p)) {
      ctx.stderr.write(`${name}: ${f}: Is a directory\n`);
      return 1;
    }
    ctx.shell.editor.open(p);
  }
  const list = files.join(' ');
  ctx.stdout.write(ctx.lang === 'ko' ? `# ${list}: 편집기에서 열었습니다. Ctrl-S(⌘S)로 저장하면 터미널에서도 바로 보입니다.\n` : `# ${list}: opened in the editor. Save with Ctrl-S (⌘S) and the terminal sees it at once.\n`);
  return 0;
}

const editorCommand = (name: string): Command => ({
  name,
  summary: { ko: '파일을 페이지의 편집기에서 엽니다', en: 'open a file in the page’s editor' },
  run: openInEditor,
  complete: (_w, current, ctx) => ctx.shell.completePath(current),
});

export const vi = editorCommand('vi');
export const vim = editorCommand('vim');
export const nano = editorCommand('nano');
