import { whenSession } from '../session-registry.ts';
import type { LiveSession } from '../runtime.ts';
import type { ClockState, Speed } from '../clock-runner.ts';

/**
 * <kl-time-controls>: pause, play, speed and "step to the next event" for a
 * session's virtual clock. The buttons are server-rendered and disabled until
 * the session starts; this script only wires them (no simulator code here).
 */
const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);

class TimeControls extends HTMLElement {
  connectedCallback() {
    const key = this.dataset.session;
    if (!key || this.dataset.state) return;
    this.dataset.state = 'waiting';
    whenSession<LiveSession>(key, (live) => this.#wire(live));
  }

  #wire(live: LiveSession) {
    const clock = live.clock;
    const q = <T extends Element>(sel: string) => this.querySelector<T>(sel);
    const toggle = q<HTMLButtonElement>('[data-act="toggle"]')!;
    const step = q<HTMLButtonElement>('[data-act="step"]')!;
    const speeds = [...this.querySelectorAll<HTMLButtonElement>('[data-speed]')];
    const time = q<HTMLElement>('.kl-tc-now')!;
    const say = q<HTMLElement>('.kl-tc-say')!;
    const t = (name: string) => this.dataset[name] ?? '';
    let shown = '';
    const render = (s: ClockState) => {
      toggle.setAttribute('aria-label', s.paused ? t('play') : t('pause'));
      toggle.title = toggle.getAttribute('aria-label')!;
      for (const b of speeds) b.setAttribute('aria-pressed', String(Number(b.dataset.speed) === s.speed));
      step.disabled = s.nextAt === undefined;
      const text = hhmmss(s.now);
      if (text !== shown) time.textContent = shown = text;
      this.dataset.isPaused = String(s.paused);
    };
    toggle.addEventListener('click', () => {
      if (clock.state.paused) clock.play();
      else clock.pause();
      say.textContent = clock.state.paused ? t('paused') : t('playing');
    });
    for (const b of speeds) b.addEventListener('click', () => clock.setSpeed(Number(b.dataset.speed) as Speed));
    step.addEventListener('click', () => {
      const ms = clock.step();
      say.textContent = ms === undefined ? t('nothing') : `${t('stepped')} +${(ms / 1000).toFixed(ms < 1000 ? 3 : 1)} s → ${hhmmss(clock.state.now)}`;
    });
    for (const b of [toggle, step, ...speeds]) b.disabled = false;
    clock.onChange(render);
    render(clock.state);
    this.dataset.state = 'ready';
  }
}

if (!customElements.get('kl-time-controls')) customElements.define('kl-time-controls', TimeControls);
