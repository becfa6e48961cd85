/**
 * .env and env_file syntax as compose reads it: KEY=VALUE lines, `export `
 * prefix, `#` comments, single quotes literal, double quotes with \n escapes,
 * an unquoted value ends at ` #`. A bare `KEY` (no `=`) takes the value from
 * `lookup` when given, else it is skipped.
 */
export function parseDotenv(text: string, lookup?: (key: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const eq = line.indexOf('=');
    if (eq < 0) {
      const v = lookup?.(line);
      if (v !== undefined) out[line] = v;
      continue;
    }
    const key = line.slice(0, eq).trim();
    let raw = line.slice(eq + 1).trimStart();
    const q = raw[0];
    if (q === '"' || q === "'") {
      // A quoted value may span lines until its closing quote.
      let body = raw.slice(1);
      while (!closes(body, q) && i + 1 < lines.length) body += '\n' + lines[++i]!;
      const end = closeIndex(body, q);
      const inner = end < 0 ? body : body.slice(0, end);
      out[key] = q === '"' ? inner.replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c) : inner;
      continue;
    }
    const hash = raw.search(/\s#/);
    if (hash >= 0) raw = raw.slice(0, hash);
    out[key] = raw.trim();
  }
  return out;
}

function closeIndex(s: string, q: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && q === '"') i++;
    else if (s[i] === q) return i;
  }
  return -1;
}

function closes(s: string, q: string): boolean {
  return closeIndex(s, q) >= 0;
}
