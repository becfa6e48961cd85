/**
 * <kl-terminal>: the custom element behind Terminal.astro. It costs nothing
 * until it nears the viewport; then it loads xterm and the shell in one
 * lazily imported chunk, so the lesson text renders first.
 */
class KlTerminal extends HTMLElement {
  #started = false;

  connectedCallback() {
    if (this.#started) return;
    const start = () => {
      if (this.#started) return;
      this.#started = true;
      io?.disconnect();
      import('./mount.ts')
        .then(({ mountTerminal }) => mountTerminal(this))
        .catch((err: unknown) => {
          this.dataset.state = 'error';
          const msg = this.querySelector('.kl-term-status');
          if (msg) msg.textContent = `${this.dataset.errorText ?? 'Terminal failed to load'}: ${String(err)}`;
          console.error(err);
        });
    };
    const io = 'IntersectionObserver' in window ? new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && start(), { rootMargin: '400px' }) : undefined;
    if (io) io.observe(this);
    else start();
  }
}

if (!customElements.get('kl-terminal')) customElements.define('kl-terminal', KlTerminal);
