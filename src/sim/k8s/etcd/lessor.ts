import type { TimerId, VirtualClock } from '../../clock.ts';

/**
 * The leader's lessor (etcd server/lease/lessor.go): when each lease
 * expires. Grants and revokes are replicated through the Raft log (see
 * store.ts); expiry is not. The leader checks it, and an expired lease is
 * revoked by a proposal, which deletes its keys. A new leader extends every
 * lease by its full TTL (Promote), so leases never expire while there is no
 * leader.
 */
export class Lessor {
  #clock: VirtualClock;
  #revoke: (id: string) => boolean;
  #expiry = new Map<string, { at: number; ttl: number; timer: TimerId | undefined }>();

  /** revoke proposes the revoke; false when it could not commit now (no quorum), to retry. */
  constructor(clock: VirtualClock, revoke: (id: string) => boolean) {
    this.#clock = clock;
    this.#revoke = revoke;
  }

  /** A lease granted with ttl seconds, expiring ttl from now. */
  granted(id: string, ttl: number): void {
    this.#arm(id, ttl, this.#clock.now() + ttl * 1000);
  }

  revoked(id: string): void {
    const e = this.#expiry.get(id);
    if (e?.timer !== undefined) this.#clock.clearTimeout(e.timer);
    this.#expiry.delete(id);
  }

  /** LeaseKeepAlive: the lease expires its TTL from now again; undefined for an unknown lease. */
  renew(id: string): number | undefined {
    const e = this.#expiry.get(id);
    if (!e) return undefined;
    this.#arm(id, e.ttl, this.#clock.now() + e.ttl * 1000);
    return e.ttl;
  }

  /** Remaining whole seconds (Go's int64 of Remaining().Seconds() truncates); undefined for an unknown lease. */
  remaining(id: string): number | undefined {
    const e = this.#expiry.get(id);
    return e ? Math.max(0, Math.trunc((e.at - this.#clock.now()) / 1000)) : undefined;
  }

  /** A new leader: every lease gets its full TTL again. */
  promote(): void {
    for (const [id, e] of this.#expiry) this.#arm(id, e.ttl, this.#clock.now() + e.ttl * 1000);
  }

  #arm(id: string, ttl: number, at: number): void {
    const old = this.#expiry.get(id);
    if (old?.timer !== undefined) this.#clock.clearTimeout(old.timer);
    const e: { at: number; ttl: number; timer: TimerId | undefined } = { at, ttl, timer: undefined };
    this.#expiry.set(id, e);
    const fire = () => {
      e.timer = undefined;
      if (this.#expiry.get(id) !== e) return;
      // Without a quorum the revoke cannot commit; the leader keeps trying (lessor's expired-lease loop runs every 500 ms).
      if (!this.#revoke(id)) e.timer = this.#clock.setTimeout(fire, 500);
    };
    e.timer = this.#clock.setTimeout(fire, Math.max(0, at - this.#clock.now()));
  }
}
