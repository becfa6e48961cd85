/**
 * <kl-editor>: costs a few hundred bytes until it is needed. Monaco (and the
 * simulator, if no terminal loaded it yet) is imported when the learner
 * clicks or focuses the editor, when a command opens a file in it (`vi`,
 * `kubectl edit`), or when the editor has been on screen while the page is
 * idle. Never during page load.
 */
export type Purpose = 'edit' | 'kubectl-edit';

export interface MountedEditor {
  openFile(path: string, purpose: Purpose): void;
  closeFile(path: string): void;
}

export interface EditorElement extends HTMLElement {
  openFile(path: string, purpose: Purpose): void;
  closeFile(path: string): void;
  /** Loads Monaco and mounts; resolves when the editor is ready. */
  start(): Promise<void>;
}

if (!customElements.get('kl-editor')) {
  customElements.define(
    'kl-editor',
    class extends HTMLElement implements EditorElement {
      #mounted: Promise<MountedEditor> | undefined;
      #io: IntersectionObserver | undefined;

      connectedCallback() {
        const go = () => void this.start();
        // Any intent to edit starts it at once.
        this.addEventListener('pointerdown', go, { once: true });
        this.addEventListener('focusin', go, { once: true });
        this.addEventListener('keydown', go, { once: true });
        if ('IntersectionObserver' in window) {
          this.#io = new IntersectionObserver(
            (es) => {
              if (!es.some((e) => e.isIntersecting)) return;
              this.#io?.disconnect();
              // On screen: load when the page has nothing better to do, and never before it has loaded.
              const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(go, { timeout: 4000 }) : setTimeout(go, 1500));
              if (document.readyState === 'complete') idle();
              else addEventListener('load', idle, { once: true });
            },
            { rootMargin: '0px' },
          );
          this.#io.observe(this);
        }
      }

      disconnectedCallback() {
        this.#io?.disconnect();
      }

      start(): Promise<void> {
        this.#io?.disconnect();
        this.#mounted ??= import('./mount.ts')
          .then((m) => m.mountEditor(this))
          .catch((err: unknown) => {
            this.dataset.state = 'error';
            const status = this.querySelector('.kl-ed-status');
            if (status) status.textContent = `${this.dataset.errorText ?? 'The editor could not load'}: ${String(err)}`;
            console.error(err);
            throw err;
          });
        return this.#mounted.then(() => undefined);
      }

      openFile(path: string, purpose: Purpose) {
        void this.start().then(() => this.#mounted!.then((m) => m.openFile(path, purpose)));
      }

      closeFile(path: string) {
        void this.#mounted?.then((m) => m.closeFile(path));
      }
    },
  );
}
