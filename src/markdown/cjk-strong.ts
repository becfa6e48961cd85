/**
 * Bold that CommonMark leaves as literal `**` in Korean prose.
 *
 * CommonMark closes `**` only when it is "right-flanking": a closer preceded by punctuation must be followed by
 * whitespace or punctuation. Korean attaches particles straight to the word, so `**API 서버(kube-apiserver)**는`
 * and `**`start`**예요` stay unrendered. This pass pairs the `**` left in a paragraph's text, in order, and wraps
 * what lies between each pair in `strong`: the same fix remark-cjk-friendly makes, for Astro's Sätteri processor.
 */
import { defineMdastPlugin } from 'satteri';
import type { PhrasingContent, Text } from 'mdast';

const MARK = '**';

/** Splits text children at `**`; each mark becomes a `null` slot. */
function tokens(children: readonly PhrasingContent[]): (PhrasingContent | null)[] {
  const out: (PhrasingContent | null)[] = [];
  for (const child of children) {
    if (child.type !== 'text' || !child.value.includes(MARK)) {
      out.push(child);
      continue;
    }
    child.value.split(MARK).forEach((part, i) => {
      if (i > 0) out.push(null);
      if (part) out.push({ type: 'text', value: part } satisfies Text);
    });
  }
  return out;
}

const isText = (n: PhrasingContent | null | undefined): n is Text => n?.type === 'text';

/** New children with each `**…**` pair as `strong`, or undefined when there is nothing to pair. */
export function pairStrong(children: readonly PhrasingContent[]): PhrasingContent[] | undefined {
  const toks = tokens(children);
  const marks = toks.flatMap((t, i) => (t === null ? [i] : []));
  if (marks.length < 2) return undefined;
  const out: PhrasingContent[] = [];
  let i = 0;
  let m = 0;
  while (i < toks.length) {
    const open = marks[m];
    const close = marks[m + 1];
    // An opener hugs what follows it and a closer hugs what precedes it, as in `**word**`; `a ** b` stays text.
    const hugs =
      open !== undefined && close !== undefined && close > open + 1 &&
      !(isText(toks[open + 1]) && /^\s/.test((toks[open + 1] as Text).value)) &&
      !(isText(toks[close - 1]) && /\s$/.test((toks[close - 1] as Text).value));
    if (open === undefined || close === undefined || !hugs) {
      for (; i < toks.length; i++) out.push(toks[i] ?? { type: 'text', value: MARK });
      break;
    }
    for (; i < open; i++) out.push(toks[i] ?? { type: 'text', value: MARK });
    out.push({ type: 'strong', children: toks.slice(open + 1, close) as PhrasingContent[] });
    i = close + 1;
    m += 2;
  }
  // Merge neighbouring text nodes the split left behind.
  return out.reduce<PhrasingContent[]>((acc, n) => {
    const last = acc[acc.length - 1];
    if (isText(last) && isText(n)) acc[acc.length - 1] = { type: 'text', value: last.value + n.value };
    else acc.push(n);
    return acc;
  }, []);
}

export const cjkStrong = defineMdastPlugin({
  name: 'cjk-strong',
  paragraph(node, ctx) {
    const children = pairStrong(node.children);
    if (children) ctx.replaceNode(node, { ...node, children });
  },
  heading(node, ctx) {
    const children = pairStrong(node.children);
    if (children) ctx.replaceNode(node, { ...node, children });
  },
  tableCell(node, ctx) {
    const children = pairStrong(node.children);
    if (children) ctx.replaceNode(node, { ...node, children });
  },
});
