/**
 * How many columns the terminal has. Tables from kubectl and docker compose
 * are as wide as their widest cell (tabwriter), as with the real tools, so a
 * narrow screen does not squeeze them: below WIDE_COLUMNS the terminal keeps
 * that many columns and scrolls sideways instead: a row of
 * `kubectl get pods -o wide` (114 columns) or of `docker compose ps` with
 * IPv4 and IPv6 ports and "About a minute ago" (about 152) stays on one line.
 */
export const WIDE_COLUMNS = 160;

/** Font size in px: a little smaller on phones. */
export function fontSizeFor(boxWidth: number): number {
  return boxWidth < 560 ? 12 : 13;
}

export function columnsFor(fitColumns: number): number {
  return Math.max(fitColumns, WIDE_COLUMNS);
}
