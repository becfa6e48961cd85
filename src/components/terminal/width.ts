/**
 * How many columns the terminal has. Tables from kubectl and docker compose
 * are as wide as their widest cell (tabwriter), as with the real tools, so a
 * narrow screen does not squeeze them: below WIDE_COLUMNS the terminal keeps
 * that many columns and scrolls sideways instead: a row of
 * `kubectl get pods -o wide` (114 columns) or of `docker compose ps` with
 * IPv4 and IPv6 ports and "About a minute ago" (157) stays on one line.
 */
export const WIDE_COLUMNS = 160;

/** The terminal's font stack (xterm and the width estimate made before xterm loads must agree). */
export const TERMINAL_FONT = "'D2Coding', 'JetBrains Mono', 'Noto Sans Mono CJK KR', ui-monospace, Menlo, Consolas, monospace";

/** The smallest font the terminal shrinks to so that WIDE_COLUMNS fit a desktop column without sideways scrolling. */
export const MIN_WIDE_FONT = 11;

/**
 * Font size in px for a terminal whose columns may use `boxWidth` px, when
 * one cell is `cellPerPx` times the font size (0.5 to 0.6 for monospace
 * fonts; measured in the browser). A little smaller on phones, where the
 * terminal scrolls sideways anyway. On a desktop column a little short of
 * WIDE_COLUMNS at 13 px (1280 px screens), the largest size down to
 * MIN_WIDE_FONT at which every column shows; if even that is not enough,
 * 13 px and sideways scrolling, as on narrower columns.
 */
export function fontSizeFor(boxWidth: number, cellPerPx = 0.6): number {
  if (boxWidth < 560) return 12;
  const fits = (px: number) => boxWidth / (px * cellPerPx) >= WIDE_COLUMNS;
  if (boxWidth < 800 || fits(13)) return 13;
  for (let px = 12.5; px >= MIN_WIDE_FONT; px -= 0.5) if (fits(px)) return px;
  return 13;
}

export function columnsFor(fitColumns: number): number {
  return Math.max(fitColumns, WIDE_COLUMNS);
}

/** Width of one cell of TERMINAL_FONT divided by its size, measured on a canvas (browser only). */
export function measureCellRatio(): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 0.6;
  ctx.font = `100px ${TERMINAL_FONT}`;
  return ctx.measureText('0').width / 100 || 0.6;
}

/** The px a terminal screen box leaves for columns: its padding and the scrollbar's room (Terminal.astro's CSS). */
export const SCREEN_CHROME_PX = 32;
