import { setSharedReplay, whenSession } from '../session-registry.ts';
import type { LiveSession } from '../runtime.ts';

/**
 * <kl-share>: the playground's "Share" button, and the reader of a shared
 * link (#share=…). The codec (and its schema) load only when a link is
 * opened or made. A link that fails validation is reported here and nothing
 * from it is loaded: the session starts as it would without the link.
 */
const PREFIX = '#share=';

class Share extends HTMLElement {
  connectedCallback() {
    const key = this.dataset.session;
    if (!key || this.dataset.state) return;
    this.dataset.state = 'idle';
    const status = this.querySelector<HTMLElement>('.kl-share-status')!;
    const field = this.querySelector<HTMLInputElement>('.kl-share-url')!;
    const fail = (msg: string) => {
      status.setAttribute('role', 'alert');
      status.textContent = msg;
      this.dataset.state = 'error';
    };
    if (location.hash.startsWith(PREFIX)) {
      const data = location.hash.slice(PREFIX.length);
      this.dataset.state = 'opening';
      setSharedReplay(
        key,
        import('./codec.ts')
          .then((c) => c.decodeShare(data))
          .then(
            (r) => {
              if (r.ok) {
                this.dataset.state = 'opened';
                status.removeAttribute('role');
                status.textContent = this.dataset.openedText ?? '';
                return r.log;
              }
              fail(`${this.dataset.badText ?? ''} (${r.error.message})`);
              return undefined;
            },
            (e: unknown) => {
              fail(`${this.dataset.badText ?? ''} (${String(e)})`);
              return undefined;
            },
          ),
      );
    }
    this.querySelector('.kl-share-button')!.addEventListener('click', () => {
      status.removeAttribute('role');
      status.textContent = this.dataset.waitText ?? '';
      whenSession<LiveSession>(key, (live) => {
        void import('./codec.ts').then(async (c) => {
          const r = await c.encodeShare(live.log());
          if (!r.ok) return fail(`${this.dataset.tooBigText ?? ''} (${r.error.message})`);
          const url = `${location.origin}${location.pathname}${PREFIX}${r.data}`;
          field.hidden = false;
          field.value = url;
          field.select();
          let copied = false;
          try {
            await navigator.clipboard.writeText(url);
            copied = true;
          } catch {
            /* no clipboard permission: the selected field is there to copy from */
          }
          status.textContent = (copied ? this.dataset.copiedText : this.dataset.madeText) ?? '';
          this.dataset.state = 'shared';
        });
      });
    });
  }
}

if (!customElements.get('kl-share')) customElements.define('kl-share', Share);
