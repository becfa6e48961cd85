import type { LiveSession, SessionNotice } from './runtime.ts';

/**
 * The session's notices as a small bar above a widget: what happened to the
 * saved work (restored, kept aside, another tab, storage full, recording
 * cap), with the learner's choices as buttons. It only renders what the
 * session reports; text goes in through textContent, never as HTML.
 */
export function mountSessionNotices(before: Element, live: LiveSession, lang: 'ko' | 'en', opts: { skipFirst?: boolean } = {}): void {
  const bar = document.createElement('div');
  bar.className = 'kl-session-notices';
  bar.setAttribute('role', 'status');
  bar.setAttribute('aria-live', 'polite');
  before.before(bar);
  const show = (n: SessionNotice, quiet: boolean) => {
    if (quiet && !n.actions?.length) return;
    const row = document.createElement('p');
    row.className = `kl-session-notice kl-session-notice--${n.kind}`;
    row.dataset.notice = n.id;
    const text = document.createElement('span');
    text.textContent = n[lang].replace(/^#\s*/, '');
    row.append(text);
    for (const a of n.actions ?? []) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = a[lang];
      b.dataset.action = a.id;
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        live.act(a.id);
      });
      row.append(' ', b);
    }
    bar.append(row);
  };
  // The notice the terminal printed (live.notice) is repeated here only when it carries a choice.
  live.notices().forEach((n) => show(n, Boolean(opts.skipFirst) && n === live.notice));
  live.onNotice((n) => show(n, false));
}
