/** Go duration syntax as compose reads it ("1m30s", "500ms", "1.5h"), in milliseconds. */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let i = 0;
  const neg = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  if (body === '') return undefined;
  while (i < body.length) {
    re.lastIndex = i;
    const m = re.exec(body);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    i = re.lastIndex;
  }
  return neg ? -total : total;
}

/** Go's Duration.String(): 30s, 1m30s, 1h0m0s, 500ms, 0s. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${trim(ms)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  if (h > 0) return `${h}h${m}m${trim(s)}s`;
  if (m > 0) return `${m}m${trim(s)}s`;
  return `${trim(s)}s`;
}

function trim(n: number): string {
  return String(Number(n.toFixed(9)));
}
