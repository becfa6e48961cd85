/**
 * <kl-exercise>: ticks the exercise's goals after every command in the shared
 * session. Loads the checker lazily, like the terminal, and remembers a solved
 * exercise in localStorage (a corrupt entry is ignored, never fatal).
 */
class KlExercise extends HTMLElement {
  #started = false;

  connectedCallback() {
    if (this.#started) return;
    const start = () => {
      if (this.#started) return;
      this.#started = true;
      io.disconnect();
      import('./mount.ts').then(({ mountExercise }) => mountExercise(this)).catch((e: unknown) => console.error(e));
    };
    const io = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && start(), { rootMargin: '600px' });
    io.observe(this);
  }
}

if (!customElements.get('kl-exercise')) customElements.define('kl-exercise', KlExercise);
