import type { TimerId } from '../../clock.ts';
import { simError, type SimError } from '../../errors.ts';
import type { World } from '../../world.ts';
import { keyRange } from './range.ts';
import { MvccStore, type Applied, type StoreResult, type WriteRequest } from './store.ts';
import type { ResponseHeader, WatchEvent, WatchOptions } from './types.ts';
import { WatchHub } from './watch.ts';
import { Lessor } from './lessor.ts';
import { ERR_LEASE_NOT_FOUND } from './store.ts';

/** The etcd release the simulator imitates (`etcdctl version`, `endpoint status`): the one version.ts names. */
export { ETCD_VERSION, ETCD_API_VERSION as API_VERSION } from '../version.ts';

/** etcd's defaults: --heartbeat-interval 100ms, --election-timeout 1000ms. */
export const ELECTION_TIMEOUT_MS = 1000;

export const ERR_NO_LEADER = 'etcdserver: no leader';
export const ERR_TIMEOUT = 'etcdserver: request timed out';
export const ERR_LEASE_TTL_TOO_LARGE = 'etcdserver: too large lease TTL';

/** lessor's minimum TTL: ceil(3/2 × election ticks × heartbeat) = ceil(1.5 s) with the default 10 ticks of 100 ms. */
export const MIN_LEASE_TTL_S = 2;
/** lease.MaxLeaseTTL */
export const MAX_LEASE_TTL_S = 9_000_000_000;

/**
 * The default members: a three-node etcd like an `etcd` StatefulSet
 * (etcd-0..2) on the control-plane network. etcdctl's default endpoint,
 * 127.0.0.1:2379, is etcd-0: the learner's shell runs on its host.
 */
export const DEFAULT_MEMBERS: readonly { name: string; ip: string }[] = [
  { name: 'etcd-0', ip: '10.0.0.10' },
  { name: 'etcd-1', ip: '10.0.0.11' },
  { name: 'etcd-2', ip: '10.0.0.12' },
];

export interface MemberInfo {
  /** 16 hex digits, as `member list` prints it. */
  id: string;
  name: string;
  peerURL: string;
  clientURL: string;
}

export interface MemberStatus extends MemberInfo {
  running: boolean;
  isLeader: boolean;
  /** The leader this member knows of ('' for none). */
  leaderId: string;
  raftTerm: number;
  raftIndex: number;
  appliedIndex: number;
  revision: number;
  dbSize: number;
  dbSizeInUse: number;
  /** What `endpoint status` shows in ERRORS, e.g. "etcdserver: no leader". */
  errors: string[];
}

/** One committed write, for the lesson diagram ("what landed in etcd"). */
export interface CommitTrace {
  revision: number;
  op: 'put' | 'delete' | 'txn' | 'compact';
  key: string;
  /** Members that applied it now; the others catch up when they start. */
  memberCount: number;
  raftIndex: number;
  raftTerm: number;
}

/** What a client is asking the cluster to write, labelled for the trace. */
export interface Proposal {
  req: WriteRequest;
  op: CommitTrace['op'];
  key: string;
}

interface LogEntry {
  term: number;
  /** Configuration, leader no-op and attribute entries carry no request. */
  req?: WriteRequest;
  trace?: Proposal;
  /** The first member's result of a txn entry: the others replay it (MvccStore.replay) rather than run it again. */
  applied?: Applied;
}

class Member {
  readonly info: MemberInfo;
  running = true;
  term = 1;
  votedFor: string | undefined;
  role: 'leader' | 'follower' = 'follower';
  /** Index of the last log entry this member holds; it applies entries as it gets them. */
  lastIndex = 0;
  store = new MvccStore();
  electionTimer: TimerId | undefined;

  constructor(info: MemberInfo) {
    this.info = info;
  }
}

export interface EtcdClusterOptions {
  members?: readonly { name: string; ip: string }[];
}

/**
 * A three-member etcd cluster with a simplified Raft on the virtual clock.
 * A write commits when the leader and a majority of members are running; it
 * is applied at once on every running member, and a stopped member catches
 * up from the leader's log when it starts again. When the leader stops, the
 * followers elect a new one after a randomised election timeout (1-2 s).
 * A leader that loses its majority steps down after one election timeout
 * (etcd runs with check-quorum); in between, writes time out.
 *
 * Simplifications: nothing is ever appended without a majority, so logs never
 * diverge and one shared log stands for every member's copy (a member holds
 * its first lastIndex entries); pre-vote (etcd 3.5's default) keeps a member
 * that cannot win from bumping its term, and it only retries when a member
 * starts, so an idle, broken cluster schedules no timers.
 */
export class EtcdCluster {
  readonly clusterId: string;
  #world: World;
  #members: Member[];
  /** #log[i] is the entry at raft index i + 1 + #trimmed. */
  #log: LogEntry[] = [];
  #trimmed = 0;
  #hub = new WatchHub();
  #commitFns = new Set<(t: CommitTrace) => void>();
  #stepDownTimer: TimerId | undefined;
  /** Every election won, in order: the lesson can show it and tests check one leader per term. */
  readonly elections: { term: number; leader: string; at: number }[] = [];
  #lessor: Lessor;
  /** Low bits of the next lease ID (idutil.Generator: member ID prefix, then a counter). */
  #leaseSeq = 0n;

  constructor(world: World, opts: EtcdClusterOptions = {}) {
    this.#world = world;
    this.#lessor = new Lessor(world.clock, (id) => {
      const leader = this.#leader();
      return leader !== undefined && this.propose({ req: { type: 'leaseRevoke', id }, op: 'txn', key: '' }, leader.info).ok;
    });
    const specs = opts.members ?? DEFAULT_MEMBERS;
    this.#members = specs.map(
      (m) => new Member({ id: world.rng.hex(16), name: m.name, peerURL: `http://${m.ip}:2380`, clientURL: `http://${m.ip}:2379` }),
    );
    this.clusterId = world.rng.hex(16);
    // Seeded from the cluster ID so leases take nothing from the world's random stream.
    this.#leaseSeq = BigInt('0x' + this.clusterId.slice(6)) & 0xffffffffff00n;
    // Bootstrap as etcd does: one configuration entry per member in term 1,
    // then the first election (term 2) and the entries publishing member
    // attributes and the cluster version, so a fresh cluster sits at raft
    // index 8 and store revision 1.
    for (let i = 0; i < this.#members.length; i++) this.#append({ term: 1 });
    for (const m of this.#members) this.#catchUp(m);
    const first = this.#members.map((m) => ({ m, at: this.#timeout() })).sort((a, b) => a.at - b.at)[0]!.m;
    this.#campaign(first);
    const leader = this.#leader()!;
    for (let i = 0; i <= this.#members.length; i++) this.#append({ term: leader.term });
    for (const m of this.#running()) this.#catchUp(m);
  }

  get majority(): number {
    return Math.floor(this.#members.length / 2) + 1;
  }

  members(): MemberInfo[] {
    return this.#members.map((m) => ({ ...m.info }));
  }

  /** The member a client URL or host:port names (127.0.0.1:2379 is the first member's host). */
  memberByEndpoint(endpoint: string): MemberInfo | undefined {
    const hostPort = endpoint.replace(/^https?:\/\//, '').replace(/\/$/, '');
    if (hostPort === '127.0.0.1:2379' || hostPort === 'localhost:2379') return this.#members[0]?.info;
    return this.#members.find((m) => m.info.clientURL.replace(/^https?:\/\//, '') === hostPort || m.info.name === hostPort)?.info;
  }

  /** The first running member, as a client without a fixed endpoint picks it (no copies: asked on every request). */
  firstRunning(): MemberInfo | undefined {
    return this.#running()[0]?.info;
  }

  isRunning(name: string): boolean {
    return this.#byName(name)?.running ?? false;
  }

  leader(): MemberInfo | undefined {
    return this.#leader()?.info;
  }

  status(): MemberStatus[] {
    const leader = this.#leader();
    return this.#members.map((m) => {
      const knowsLeader = m.running && leader !== undefined && m.term === leader.term;
      return {
        ...m.info,
        running: m.running,
        isLeader: m === leader,
        leaderId: knowsLeader ? leader.info.id : '',
        raftTerm: m.term,
        raftIndex: m.lastIndex,
        appliedIndex: m.lastIndex,
        revision: m.store.revision,
        dbSize: m.store.dbSize,
        dbSizeInUse: m.store.dbSizeInUse,
        errors: m.running && !knowsLeader ? [ERR_NO_LEADER] : [],
      };
    });
  }

  /** Stops a member (its data stays). Returns false for an unknown name. */
  stopMember(name: string): boolean {
    const m = this.#byName(name);
    if (!m) return false;
    if (!m.running) return true;
    const wasLeader = m.role === 'leader';
    m.running = false;
    this.#runningNow = undefined;
    m.role = 'follower';
    this.#cancelElection(m);
    if (wasLeader) {
      this.#clearStepDown();
      this.#scheduleElections();
    } else {
      const leader = this.#leader();
      if (leader && this.#running().length < this.majority && this.#stepDownTimer === undefined) {
        this.#stepDownTimer = this.#world.clock.setTimeout(() => {
          this.#stepDownTimer = undefined;
          if (leader.role === 'leader' && this.#running().length < this.majority) leader.role = 'follower';
        }, ELECTION_TIMEOUT_MS);
      }
    }
    return true;
  }

  /** Starts a stopped member: it catches up from the leader, or joins an election if there is none. */
  startMember(name: string): boolean {
    const m = this.#byName(name);
    if (!m) return false;
    if (m.running) return true;
    m.running = true;
    this.#runningNow = undefined;
    const leader = this.#leader();
    if (leader) {
      this.#catchUp(m, leader.term);
      if (this.#running().length >= this.majority) this.#clearStepDown();
    } else this.#scheduleElections();
    return true;
  }

  // ---------- leases (LeaseGrant, LeaseRevoke, LeaseKeepAlive, LeaseTimeToLive, LeaseLeases) ----------

  /** Grants a lease through the log; the TTL is raised to the minimum as the lessor does. */
  leaseGrant(ttl: number, via: MemberInfo): { ok: true; id: string; ttl: number; header: ResponseHeader } | { ok: false; error: SimError } {
    if (ttl > MAX_LEASE_TTL_S) return { ok: false, error: simError('InvalidArgument', ERR_LEASE_TTL_TOO_LARGE) };
    const leader = this.#leader();
    if (!leader) return { ok: false, error: simError('Unavailable', ERR_NO_LEADER) };
    // idutil.Generator: the low 16 bits of the member ID, then a time-seeded counter.
    this.#leaseSeq += 1n;
    // v3_server LeaseGrant masks the top bit: a lease ID is a positive int64.
    const id = ((((BigInt('0x' + leader.info.id) & 0xffffn) << 48n) | (this.#leaseSeq & 0xffffffffffffn)) & 0x7fffffffffffffffn).toString(16).padStart(16, '0');
    const granted = Math.max(ttl, MIN_LEASE_TTL_S);
    const r = this.propose({ req: { type: 'leaseGrant', id, ttl: granted }, op: 'txn', key: '' }, via);
    if (!r.ok) return r;
    if (!r.result.ok) return { ok: false, error: r.result.error };
    this.#lessor.granted(id, granted);
    return { ok: true, id, ttl: granted, header: r.header };
  }

  leaseRevoke(id: string, via: MemberInfo): { ok: true; header: ResponseHeader } | { ok: false; error: SimError } {
    const r = this.propose({ req: { type: 'leaseRevoke', id }, op: 'txn', key: '' }, via);
    if (!r.ok) return r;
    if (!r.result.ok) return { ok: false, error: r.result.error };
    this.#lessor.revoked(id);
    return { ok: true, header: r.header };
  }

  /** One keep-alive: answered by the leader's lessor. */
  leaseKeepAlive(id: string): { ok: true; ttl: number } | { ok: false; error: SimError } {
    const blocked = this.#quorumError();
    if (blocked) return { ok: false, error: blocked };
    const ttl = this.#lessor.renew(id);
    return ttl === undefined ? { ok: false, error: simError('LeaseNotFound', ERR_LEASE_NOT_FOUND) } : { ok: true, ttl };
  }

  /** Granted TTL, remaining seconds and attached keys; undefined when the lease does not exist (expired or revoked). */
  leaseTimeToLive(id: string): { ok: true; lease?: { grantedTtl: number; ttl: number; keys: string[] }; header: ResponseHeader } | { ok: false; error: SimError } {
    const blocked = this.#quorumError();
    if (blocked) return { ok: false, error: blocked };
    const leader = this.#leader()!;
    const granted = leader.store.leases().find((l) => l.id === id);
    const header = this.header(leader.info);
    if (!granted) return { ok: true, header };
    return { ok: true, header, lease: { grantedTtl: granted.ttl, ttl: this.#lessor.remaining(id) ?? granted.ttl, keys: leader.store.leaseKeys(id) } };
  }

  leaseList(): { ok: true; ids: string[]; header: ResponseHeader } | { ok: false; error: SimError } {
    const blocked = this.#quorumError();
    if (blocked) return { ok: false, error: blocked };
    const leader = this.#leader()!;
    return { ok: true, ids: leader.store.leases().map((l) => l.id), header: this.header(leader.info) };
  }

  /** Called with every committed write; returns an unsubscribe function. */
  onCommit(fn: (t: CommitTrace) => void): () => void {
    this.#commitFns.add(fn);
    return () => this.#commitFns.delete(fn);
  }

  /**
   * Replicates a write through the leader. It commits only with a majority
   * running; then every running member applies it and the answer is the
   * serving member's (all running members agree).
   */
  propose(p: Proposal, via: MemberInfo): { ok: true; header: ResponseHeader; result: StoreResult<unknown> } | { ok: false; error: SimError } {
    const blocked = this.#quorumError();
    if (blocked) return { ok: false, error: blocked };
    const leader = this.#leader()!;
    const index = this.#append({ term: leader.term, req: p.req, trace: p });
    let result: StoreResult<unknown> | undefined;
    const before = leader.store.revision;
    const entry = this.#log[index - 1 - this.#trimmed]!;
    for (const m of this.#running()) {
      const r = this.#catchUp(m, leader.term);
      if (m.info.id === via.id) result = r;
    }
    // Built only for a listener (the diagram, a test): nearly every write has none.
    const trace: CommitTrace | undefined = this.#commitFns.size ? { revision: leader.store.revision, op: p.op, key: p.key, memberCount: this.#running().length, raftIndex: index, raftTerm: leader.term } : undefined;
    this.#trim();
    // The entry's own events when it was a txn (one revision); a lease revoke's from the leader's history.
    const events = leader.store.revision > before ? (entry.applied?.entry?.events ?? this.#eventsSince(leader, before + 1)) : [];
    this.#hub.publish(events);
    if (trace) for (const fn of this.#commitFns) fn(trace);
    const served = this.#byId(via.id)!;
    return { ok: true, header: this.header(served.info), result: result ?? { ok: false, error: simError('Unavailable', ERR_TIMEOUT) } };
  }

  /** Why a write or linearizable read cannot go through now, if it cannot. */
  quorumError(): SimError | undefined {
    return this.#quorumError();
  }

  /** The store a member answers serializable reads from (undefined while it is stopped). */
  storeOf(member: MemberInfo): MvccStore | undefined {
    const m = this.#byId(member.id);
    return m?.running ? m.store : undefined;
  }

  header(member: MemberInfo): ResponseHeader {
    const m = this.#byId(member.id)!;
    return { clusterId: this.clusterId, memberId: m.info.id, revision: m.store.revision, raftTerm: m.term };
  }

  /**
   * Watches committed events. Like kube-apiserver's watches (require-leader),
   * it fails with "etcdserver: no leader" when the cluster has none; history
   * replays from the leader's store.
   */
  watch(key: string, options: WatchOptions, onEvents: (events: WatchEvent[]) => void, onError?: (e: SimError) => void): () => void {
    const leader = this.#leader();
    if (!leader) {
      onError?.(simError('Unavailable', ERR_NO_LEADER));
      return () => {};
    }
    return this.#hub.add(keyRange(key, options), options.startRevision, leader.store.revision, (from) => leader.store.history(from), onEvents, onError);
  }

  #quorumError(): SimError | undefined {
    if (!this.#leader()) return simError('Unavailable', ERR_NO_LEADER);
    if (this.#running().length < this.majority) return simError('Unavailable', ERR_TIMEOUT);
    return undefined;
  }

  #eventsSince(m: Member, rev: number): WatchEvent[] {
    const h = m.store.history(rev);
    return h.ok ? h.events : [];
  }

  #leader(): Member | undefined {
    return this.#members.find((m) => m.running && m.role === 'leader');
  }

  /** Running members, kept until one starts or stops: every write and read asked for a fresh filtered array. */
  #runningNow: Member[] | undefined;

  #running(): Member[] {
    return (this.#runningNow ??= this.#members.filter((m) => m.running));
  }

  #byName(name: string): Member | undefined {
    return this.#members.find((m) => m.info.name === name);
  }

  #byId(id: string): Member | undefined {
    return this.#members.find((m) => m.info.id === id);
  }

  #lastIndex(): number {
    return this.#trimmed + this.#log.length;
  }

  #termAt(index: number): number {
    return index <= this.#trimmed ? 0 : (this.#log[index - 1 - this.#trimmed]?.term ?? 0);
  }

  #append(e: LogEntry): number {
    this.#log.push(e);
    return this.#lastIndex();
  }

  /** Sends a member every entry it lacks; returns the result of the last request it applied. */
  #catchUp(m: Member, term?: number): StoreResult<unknown> | undefined {
    if (term !== undefined && term > m.term) {
      m.term = term;
      m.votedFor = undefined;
    }
    let last: StoreResult<unknown> | undefined;
    while (m.lastIndex < this.#lastIndex()) {
      m.lastIndex++;
      const e = this.#log[m.lastIndex - 1 - this.#trimmed]!;
      if (!e.req) continue;
      if (e.applied && m.store.replay(e.applied)) last = e.applied.result;
      else {
        last = m.store.apply(e.req);
        if (e.req.type === 'txn') e.applied = m.store.lastApplied;
      }
    }
    return last;
  }

  /** Drops log entries every member already holds. */
  #trim(): void {
    let min = Infinity;
    for (const m of this.#members) min = Math.min(min, m.lastIndex);
    // Keep the entry at min itself: its term is what that member compares in an election.
    const drop = min - 1 - this.#trimmed;
    if (drop > 64) {
      this.#log.splice(0, drop);
      this.#trimmed += drop;
    }
  }

  /** Raft's randomised election timeout in [T, 2T): the spread makes split votes rare. */
  #timeout(): number {
    return ELECTION_TIMEOUT_MS + this.#world.rng.int(ELECTION_TIMEOUT_MS);
  }

  #scheduleElections(): void {
    if (this.#leader() || this.#running().length < this.majority) return;
    for (const m of this.#running()) {
      if (m.electionTimer === undefined) m.electionTimer = this.#world.clock.setTimeout(() => this.#campaign(m), this.#timeout());
    }
  }

  #cancelElection(m: Member): void {
    if (m.electionTimer !== undefined) this.#world.clock.clearTimeout(m.electionTimer);
    m.electionTimer = undefined;
  }

  #clearStepDown(): void {
    if (this.#stepDownTimer !== undefined) this.#world.clock.clearTimeout(this.#stepDownTimer);
    this.#stepDownTimer = undefined;
  }

  /** Raft's election restriction: vote only for a log at least as up to date as your own. */
  #upToDate(candidate: Member, voter: Member): boolean {
    const ct = this.#termAt(candidate.lastIndex);
    const vt = this.#termAt(voter.lastIndex);
    return ct > vt || (ct === vt && candidate.lastIndex >= voter.lastIndex);
  }

  #campaign(m: Member): void {
    m.electionTimer = undefined;
    if (!m.running || this.#leader()) return;
    const peers = this.#running().filter((p) => p !== m);
    // Pre-vote: ask without bumping any term whether this member could win.
    if (1 + peers.filter((p) => this.#upToDate(m, p)).length < this.majority) {
      this.#scheduleElections();
      return;
    }
    // A candidate that hears of a higher term adopts it and tries above it.
    const term = Math.max(m.term, ...peers.map((p) => p.term)) + 1;
    m.term = term;
    m.votedFor = m.info.id;
    let votes = 1;
    for (const p of peers) {
      if (p.term < term) {
        p.term = term;
        p.votedFor = undefined;
        p.role = 'follower';
      }
      if ((p.votedFor === undefined || p.votedFor === m.info.id) && this.#upToDate(m, p)) {
        p.votedFor = m.info.id;
        votes++;
      }
    }
    if (votes < this.majority) {
      this.#scheduleElections();
      return;
    }
    m.role = 'leader';
    this.#lessor.promote();
    for (const x of this.#members) this.#cancelElection(x);
    this.elections.push({ term, leader: m.info.name, at: this.#world.clock.now() });
    // A new leader commits an empty entry of its term, which also brings every running follower up to date.
    this.#append({ term });
    for (const p of this.#running()) this.#catchUp(p, term);
  }
}
