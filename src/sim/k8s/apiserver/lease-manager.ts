/**
 * kube-apiserver's lease manager (k8s.io/apiserver/pkg/storage/etcd3,
 * lease_manager.go). An object written with a TTL (an Event: --event-ttl=1h)
 * is attached to an etcd lease, and etcd deletes it when the lease expires.
 * One lease serves the writes of a minute (at most 1,000 objects) instead of
 * one per write, and is granted for the TTL plus that minute, so every
 * object lives at least its TTL: an Event goes 1 h to 1 h 1 min after its
 * last write, together with the others of its lease.
 */

/** --lease-reuse-duration-seconds. */
export const LEASE_REUSE_DURATION_SECONDS = 60;
/** The reuse window is at most this share of the TTL. */
export const LEASE_REUSE_DURATION_PERCENT = 0.05;
export const LEASE_MAX_ATTACHED_OBJECT_COUNT = 1000;

export class LeaseManager {
  readonly #grant: (ttlSeconds: number) => string | undefined;
  readonly #now: () => number;
  #prevId: string | undefined;
  /** When the previous lease expires (ms). */
  #prevExpiry = 0;
  #attached = 0;

  /** grant asks etcd for a lease of ttl seconds: its ID, or undefined when etcd refuses. */
  constructor(grant: (ttlSeconds: number) => string | undefined, now: () => number) {
    this.#grant = grant;
    this.#now = now;
  }

  /** The lease to attach the next object of ttl seconds to, or undefined when none could be granted. */
  getLease(ttlSeconds: number): string | undefined {
    const now = this.#now();
    const reuse = Math.min(Math.trunc(LEASE_REUSE_DURATION_PERCENT * ttlSeconds), LEASE_REUSE_DURATION_SECONDS);
    const valid = now + ttlSeconds * 1000 < this.#prevExpiry;
    // At or after: upstream's After, for a clock that can stand still (writes at the instant of the grant reuse it).
    const sufficient = now + (ttlSeconds + reuse) * 1000 >= this.#prevExpiry;
    this.#attached++;
    if (this.#prevId !== undefined && valid && sufficient && this.#attached <= LEASE_MAX_ATTACHED_OBJECT_COUNT) return this.#prevId;
    const id = this.#grant(ttlSeconds + reuse);
    if (id === undefined) return undefined;
    this.#prevId = id;
    this.#prevExpiry = now + (ttlSeconds + reuse) * 1000;
    this.#attached = 1;
    return id;
  }

  /** Forgets the cached lease (etcd no longer has it: revoked by hand, say). */
  reset(): void {
    this.#prevId = undefined;
    this.#prevExpiry = 0;
  }
}
