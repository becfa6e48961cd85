import type { Listener } from './containers/types.ts';
import type { World } from './world.ts';

/**
 * The learner's machine's own ports (localhost): what `docker run -p` and
 * Compose publish, and what `kubectl port-forward` listens on while it runs.
 * `curl localhost:PORT` on the host connects here. Forwards and published
 * ports share the one port space, so a second bind is "address already in use".
 */
export interface PortOwner {
  /** The server behind the port now (undefined: the connection is refused or reset). */
  listener(): Listener | undefined;
  /** Told of every connection, as port-forward prints "Handling connection for 8080". */
  onConnect?(): void;
}

export class HostNet {
  #owners = new Map<number, PortOwner>();
  #published: ((port: number) => Listener | undefined | 'none')[] = [];

  /** Binds port on localhost; false when something already holds it. */
  bind(port: number, owner: PortOwner): boolean {
    if (this.#owners.has(port) || this.#publishedAt(port) !== 'none') return false;
    this.#owners.set(port, owner);
    return true;
  }

  unbind(port: number, owner: PortOwner): void {
    if (this.#owners.get(port) === owner) this.#owners.delete(port);
  }

  /** Another engine's published ports (the Docker daemon's -p bindings). */
  addPublisher(fn: (port: number) => Listener | undefined | 'none'): void {
    this.#published.push(fn);
  }

  inUse(port: number): boolean {
    return this.#owners.has(port) || this.#publishedAt(port) !== 'none';
  }

  /** A TCP connect to localhost:port: the listener, or undefined when refused. */
  connect(port: number): Listener | undefined {
    const o = this.#owners.get(port);
    if (o) {
      o.onConnect?.();
      return o.listener();
    }
    const p = this.#publishedAt(port);
    return p === 'none' ? undefined : p;
  }

  /** A free port in Linux's ephemeral range, as the kernel picks for `:80`. */
  ephemeral(seed: number): number {
    let port = 32768 + (seed % 28000);
    while (this.inUse(port)) port = port >= 60999 ? 32768 : port + 1;
    return port;
  }

  #publishedAt(port: number): Listener | undefined | 'none' {
    for (const fn of this.#published) {
      const r = fn(port);
      if (r !== 'none') return r;
    }
    return 'none';
  }
}

export const hostNet = (world: World): HostNet => world.engine('hostnet', () => new HostNet());
