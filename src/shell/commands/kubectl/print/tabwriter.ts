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

/** Runes in s, as Go's utf8.RuneCountInString: a surrogate pair is one rune (a lone surrogate counts alone, as [...s] does). */
export function runeWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export function tabwrite(text: string, opts: TabwriterOptions): string {
  return tabwriteCells(text.split('\n').map((l) => l.split('\t')), opts);
}

/**
 * tabwrite of text already split into lines of cells (what `text.split('\n')`
 * then `split('\t')` give), so a table of thousands of rows is not joined and
 * split again. Each cell's width is counted once.
 */
export function tabwriteCells(lines: string[][], opts: TabwriterOptions): string {
  const sizes = lines.map((cells) => cells.map(runeWidth));
  const out: string[] = new Array<string>(lines.length);
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      const size = sizes[i]!;
      const padded = Math.min(widths.length, cells.length - 1);
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        s += cells[j]!;
        if (j < padded) {
          const pad = widths[j]! - size[j]!;
          if (pad > 0) s += pad <= SPACES.length ? SPACES.slice(0, pad) : ' '.repeat(pad);
        }
      }
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
        width = Math.max(width, sizes[t]![column]! + opts.padding);
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

const SPACES = ' '.repeat(128);
