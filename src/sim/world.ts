import { VirtualClock } from './clock.ts';
import { Rng } from './rng.ts';
import { Vfs } from './vfs.ts';

export interface WorldOptions {
  seed?: number;
  startMs?: number;
}

export const HOME = '/home/learner';

/**
 * Everything the simulation knows: virtual time, seeded randomness and the
 * files. Engines (Compose, the Kubernetes cluster) hang off the world and are
 * created on first use, so a page that never touches kubectl never pays for it.
 */
export class World {
  readonly seed: number;
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly vfs: Vfs;
  #engines = new Map<string, unknown>();

  constructor(opts: WorldOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.clock = new VirtualClock(opts.startMs);
    this.rng = new Rng(this.seed);
    this.vfs = new Vfs();
    this.vfs.mkdir(HOME);
  }

  /** The engine stored under key if it was already made (for completion and views that must not create one). */
  peek<T>(key: string): T | undefined {
    return this.#engines.get(key) as T | undefined;
  }

  /** The engine stored under key, made by create() the first time it is asked for. */
  engine<T>(key: string, create: (world: World) => T): T {
    if (!this.#engines.has(key)) this.#engines.set(key, create(this));
    return this.#engines.get(key) as T;
  }
}
