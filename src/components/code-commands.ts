/**
 * Which lines of a lesson's shell code block are commands, for the Run
 * buttons: a `$ ` prompt marks commands when present (the other lines are
 * output); comment lines are skipped; a trailing backslash joins lines; a
 * here-document (`cat <<EOF > f` … `EOF`) stays one command of several lines.
 * Pure, so it is tested without a browser.
 */
export interface BlockCommand {
  /** Index of the block line the command starts on (where its Run button goes). */
  line: number;
  /** The lines to type, in order (one, unless it is a here-document). */
  lines: string[];
}

const PROMPT = /^\s*(?:\$|[\w.@-]+@[\w.-]+:[^$#]*\$)\s+/;

export function blockCommands(lines: string[]): BlockCommand[] {
  const prompted = lines.some((l) => PROMPT.test(l));
  const out: BlockCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i]!;
    if (prompted) {
      if (!PROMPT.test(text)) continue;
      text = text.replace(PROMPT, '');
    }
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    const start = i;
    // foo \  (continuation) joins with the next line
    while (/\\$/.test(text) && i + 1 < lines.length) text = text.slice(0, -1) + lines[++i]!.trim().replace(/^/, ' ');
    const cmd: BlockCommand = { line: start, lines: [text.replace(/\s+$/, '')] };
    const doc = /<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/.exec(text);
    if (doc) {
      const strip = /<<-/.test(doc[0]);
      while (i + 1 < lines.length) {
        const body = lines[++i]!;
        cmd.lines.push(body);
        if ((strip ? body.replace(/^\t+/, '') : body) === doc[2]) break;
      }
    }
    out.push(cmd);
  }
  return out;
}

/** `<pod name>`-style placeholders in a command line. Redirections (`< in`, `2>&1`, `<<EOF`) are not placeholders. */
export const PLACEHOLDER = /<([A-Za-z\uAC00-\uD7A3][^<>\n]*[^<>\s]|[A-Za-z\uAC00-\uD7A3])>/g;

export function placeholders(line: string): string[] {
  return [...new Set([...line.matchAll(PLACEHOLDER)].map((m) => m[0]))];
}
