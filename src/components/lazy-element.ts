/**
 * Defines a custom element that costs nothing until it nears the viewport;
 * then it imports its widget code and mounts it. Lesson text renders first,
 * and the simulator loads only for pages (and parts of pages) that use it.
 */
export function defineLazyElement(tag: string, load: () => Promise<(host: HTMLElement) => void | Promise<void>>, rootMargin = '400px'): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      #started = false;

      connectedCallback() {
        const start = () => {
          if (this.#started) return;
          this.#started = true;
          io?.disconnect();
          load()
            .then((mount) => mount(this))
            .catch((err: unknown) => {
              this.dataset.state = 'error';
              const msg = this.querySelector('.kl-status');
              if (msg) msg.textContent = `${this.dataset.errorText ?? 'Failed to load'}: ${String(err)}`;
              console.error(err);
            });
        };
        const io = 'IntersectionObserver' in window ? new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && start(), { rootMargin }) : undefined;
        if (io) io.observe(this);
        else start();
      }
    },
  );
}
