/**
 * Escapes HTML and renders the little Markdown that lesson strings (tasks,
 * hints, goals) use: `code` spans and **bold** (which may contain code).
 * Code spans are set aside first so asterisks inside them stay literal.
 */
export function inlineMarkup(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const codes: string[] = [];
  const held = text.replace(/`([^`]+)`/g, (_m, c: string) => `\u0000${codes.push(c) - 1}\u0000`);
  return esc(held)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\u0000(\d+)\u0000/g, (_m, i: string) => `<code>${esc(codes[Number(i)]!)}</code>`);
}

/** Markdown markers left over after rendering: what a learner would see as literal `**` or backticks. */
export function rawMarkdown(html: string): string[] {
  const text = html.replace(/<code>.*?<\/code>/g, '');
  return [...text.matchAll(/\*\*|`|\[[^\]]*\]\([^)]*\)/g)].map((m) => m[0]);
}
