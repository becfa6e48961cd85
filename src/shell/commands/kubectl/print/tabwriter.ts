/**
 * Go's text/tabwriter, which both `kubectl get` and `kubectl describe` write
 * through: tab-terminated cells; a column block is a run of consecutive lines
 * that have a cell in that column, and it is as wide as its widest cell plus
 * padding. The last cell of a line is never padded. Widths count runes, as Go
 * does.
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** printers.GetNewTabWriter: what `kubectl get` uses. */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };
/** describe's tabbedString. */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

export const runeWidth = (s: string): number => [...s].length;

export function tabwrite(text: string, opts: TabwriterOptions): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const out: string[] = new Array<string>(lines.length);
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let s = '';
      cells.forEach((c, j) => {
        s += c;
        if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j]! - runeWidth(c)));
      });
      out[i] = s;
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    let start = line0;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      writeLines(start, t);
      start = t;
      let width = opts.minwidth;
      for (; t < line1; t++) {
        const cells = lines[t]!;
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeWidth(cells[column]!) + opts.padding);
      }
      widths.push(width);
      format(start, t);
      widths.pop();
      start = t;
      t--; // the for loop's t++ must not skip the line that ended the block
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}
