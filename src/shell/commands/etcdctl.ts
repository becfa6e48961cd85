import { getCluster } from '../../sim/k8s/cluster.ts';
import { createEtcdClient, getEtcdCluster, ETCD_VERSION, API_VERSION, type EtcdCluster, type MemberInfo } from '../../sim/k8s/etcd/index.ts';
import type { EtcdClient, EtcdResult, KeyValue, ResponseHeader, WatchEvent } from '../../sim/k8s/etcd/types.ts';
import type { SimError } from '../../sim/errors.ts';
import { JobHandle } from '../job.ts';
import type { Command, CommandContext, CommandResult } from '../types.ts';
import { GLOBAL_FLAGS, parseFlags, type FlagSpec, type FlagValues } from './etcdctl/args.ts';
import { goDuration, goObject, humanBytes, jsonHeader, jsonKv, table, uint64 } from './etcdctl/format.ts';
import { SUMMARY } from './summaries.ts';

/**
 * The etcd etcdctl talks to: the cluster's. A session whose first command is etcdctl boots the cluster
 * first, as kubectl does, so `etcdctl get / --prefix --keys-only` shows what a booted kind cluster holds
 * (issue 12). A world that already has an etcd of its own and no cluster (a bare-etcd exercise or test)
 * keeps it.
 */
function clusterEtcd(ctx: CommandContext): EtcdCluster {
  if (!ctx.world.peek('etcd')) getCluster(ctx.world);
  return getEtcdCluster(ctx.world);
}

// etcdctl's exit codes (ctlv3/command/error.go).
const EXIT_ERROR = 1;
const EXIT_BAD_FEATURE = 4;
const EXIT_INTERRUPTED = 5;
const EXIT_BAD_CONNECTION = 2;
const EXIT_BAD_ARGS = 128;
/** What bash reports for a process ended by Ctrl-C. */
const EXIT_SIGINT = 130;

const DEFAULT_ENDPOINT = '127.0.0.1:2379';
const COMMAND_TIMEOUT_MS = 5000;
/** How often a waiting request retries, like clientv3's retry interceptor backing off. */
const RETRY_MS = 100;

const b = (): FlagSpec => ({ type: 'bool' });
const SUBCOMMAND_FLAGS: Record<string, Record<string, FlagSpec>> = {
  get: {
    consistency: { type: 'string' },
    limit: { type: 'int' },
    prefix: b(),
    'from-key': b(),
    rev: { type: 'int' },
    'keys-only': b(),
    'print-value-only': b(),
  },
  put: { 'prev-kv': b(), lease: { type: 'string' } },
  lease: { keys: b(), once: b() },
  del: { prefix: b(), 'prev-kv': b(), 'from-key': b() },
  watch: { prefix: b(), rev: { type: 'int' }, 'prev-kv': b() },
  compaction: { physical: b() },
  endpoint: { cluster: b() },
  member: {},
  version: {},
};
const ALL_FLAGS: Record<string, FlagSpec> = Object.assign({}, GLOBAL_FLAGS, ...Object.values(SUBCOMMAND_FLAGS));

const SHORTS: Record<string, string> = {
  get: 'Gets the key or a range of keys',
  put: 'Puts the given key into the store',
  del: 'Removes the specified key or range of keys [key, range_end)',
  compaction: 'Compacts the event history in etcd',
  endpoint: 'Endpoint related commands',
  watch: 'Watches events stream on keys or prefixes',
  version: 'Prints the version of etcdctl',
  member: 'Membership related commands',
  lease: 'Lease related commands',
};

/** etcdctl's other commands (etcdctl --help, v3.4/3.5): answered "not simulated here", never "unknown command". */
const NOT_SIMULATED = ['alarm', 'auth', 'check', 'defrag', 'downgrade', 'elect', 'lock', 'make-mirror', 'move-leader', 'role', 'snapshot', 'txn', 'user'];

interface Run {
  ctx: CommandContext;
  cluster: EtcdCluster;
  flags: FlagValues;
  args: string[];
  format: string;
  endpoints: string[];
  timeoutMs: number;
  out: (s: string) => void;
  err: (s: string) => void;
}

const GRPC_PREFIXED = new Set(['Compacted', 'FutureRev']);
/** The server's error as the client prints it: mvcc errors arrive with gRPC's "etcdserver: " prefix. */
const grpcText = (e: SimError) => (GRPC_PREFIXED.has(e.code) ? `etcdserver: ${e.message}` : e.message);
const retryable = (e: SimError) => e.code === 'Unavailable' || e.code === 'DeadlineExceeded';
const deadline = (): SimError => ({ code: 'DeadlineExceeded', message: 'context deadline exceeded' });

function fail(run: Run, code: number, message: string): number {
  run.err(`Error: ${message}\n`);
  return code;
}

/** The member etcdctl talks to: the first of --endpoints that runs (clientv3 fails over), else the first known. */
function pickMember(run: Run): MemberInfo | undefined {
  const known = run.endpoints.map((e) => run.cluster.memberByEndpoint(e)).filter((m): m is MemberInfo => m !== undefined);
  return known.find((m) => run.cluster.isRunning(m.name)) ?? known[0];
}

function clientFor(run: Run, member = pickMember(run)): EtcdClient | undefined {
  return member ? createEtcdClient(run.cluster, { endpoint: member }) : undefined;
}

/** clientv3's retry interceptor logs this when the command deadline ends a unary call. */
function warnLine(run: Run): string {
  const rng = run.ctx.world.rng;
  const h = rng.hex(32);
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[rng.int(4)]}${h.slice(17, 20)}-${h.slice(20)}`;
  const ts = new Date(run.ctx.world.clock.now()).toISOString();
  return `{"level":"warn","ts":"${ts}","caller":"clientv3/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"endpoint://client-${uuid}/${run.endpoints[0] ?? DEFAULT_ENDPOINT}","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}\n`;
}

/**
 * Runs a request the way etcdctl waits on it: at once if the cluster can
 * answer; otherwise it retries in virtual time until the 5 s command timeout
 * and then fails with "context deadline exceeded" (a Job meanwhile).
 */
function request<T>(run: Run, attempt: () => EtcdResult<T>, onOk: (r: { header: ResponseHeader; value: T }) => number): CommandResult {
  const first = attempt();
  if (first.ok) return onOk(first);
  if (!retryable(first.error)) return fail(run, EXIT_ERROR, grpcText(first.error));
  const clock = run.ctx.world.clock;
  let stopPoll = () => {};
  const finish = (code: number) => {
    stopPoll();
    clock.clearTimeout(timer);
    job.exit(code);
  };
  const job = new JobHandle(() => finish(EXIT_SIGINT));
  const timer = clock.setTimeout(() => {
    run.err(warnLine(run));
    finish(fail(run, EXIT_ERROR, 'context deadline exceeded'));
  }, run.timeoutMs);
  stopPoll = clock.every(RETRY_MS, () => {
    const r = attempt();
    if (r.ok) finish(onOk(r));
    else if (!retryable(r.error)) finish(fail(run, EXIT_ERROR, grpcText(r.error)));
  });
  return job;
}

function noEndpoint(): { ok: false; error: SimError } {
  return { ok: false, error: deadline() };
}

function printKv(run: Run, kv: KeyValue, valueOnly = false): void {
  if (!valueOnly) run.out(kv.key + '\n');
  run.out(kv.value + '\n');
}

/** -w table is only for member and endpoint listings; other unknown formats are refused up front. */
function checkFormat(run: Run, tableOk: boolean): number | undefined {
  if (run.format === 'table' && !tableOk) return fail(run, EXIT_BAD_FEATURE, 'table not supported as output format');
  return undefined;
}

function cmdGet(run: Run): CommandResult {
  const { args, flags } = run;
  if (args.length === 0) return fail(run, EXIT_BAD_ARGS, 'get command needs one argument as key and an optional argument as range_end');
  const prefix = flags.get('prefix') === true;
  const fromKey = flags.get('from-key') === true;
  if (prefix && fromKey) return fail(run, EXIT_BAD_ARGS, '`--prefix` and `--from-key` cannot be set at the same time, choose one');
  const consistency = flags.get('consistency') ?? 'l';
  if (consistency !== 'l' && consistency !== 's') return fail(run, EXIT_BAD_FEATURE, `unknown consistency flag "${consistency}"`);
  if (args.length > 1 && (prefix || fromKey)) return fail(run, EXIT_BAD_ARGS, 'too many arguments, only accept one argument when `--prefix` or `--from-key` is set');
  const bad = checkFormat(run, false);
  if (bad !== undefined) return bad;
  const valueOnly = flags.get('print-value-only') === true;
  if (valueOnly && run.format !== 'simple') return fail(run, EXIT_BAD_ARGS, 'print-value-only is only for `--write-out=simple`');
  let key = args[0]!;
  let rangeEnd = args[1];
  // etcdctl turns an empty key with --prefix (or --from-key) into "from \0 to the end".
  if ((prefix || fromKey) && key === '') {
    key = '\0';
    rangeEnd = '\0';
  } else if (fromKey) rangeEnd = '\0';
  const client = clientFor(run);
  const opts = {
    prefix: prefix && rangeEnd === undefined,
    rangeEnd,
    revision: Number(flags.get('rev') ?? 0) || undefined,
    limit: Number(flags.get('limit') ?? 0) || undefined,
    keysOnly: flags.get('keys-only') === true,
    serializable: consistency === 's',
  };
  return request(
    run,
    () => (client ? client.range(key, opts) : noEndpoint()),
    ({ header, value }) => {
      if (run.format === 'json') {
        run.out(goObject([['header', jsonHeader(header)], ['kvs', value.kvs.map(jsonKv)], ['more', value.more], ['count', value.count]]).text + '\n');
      } else for (const kv of value.kvs) printKv(run, kv, valueOnly);
      return 0;
    },
  );
}

function cmdPut(run: Run): CommandResult {
  const { args, ctx } = run;
  const usage = 'put command needs 1 argument and input from stdin or 2 arguments';
  if (args.length === 0 || args.length > 2 || (args.length === 1 && ctx.stdin === undefined)) return fail(run, EXIT_BAD_ARGS, usage);
  const bad = checkFormat(run, false);
  if (bad !== undefined) return bad;
  const [key, value] = [args[0]!, args[1] ?? ctx.stdin!];
  const leaseArg = run.flags.get('lease');
  let lease: string | undefined;
  if (leaseArg !== undefined && leaseArg !== '' && leaseArg !== '0') {
    // put.go: strconv.ParseInt(leaseStr, 16, 64)
    const id = parseLeaseId(String(leaseArg));
    if (typeof id !== 'string') return fail(run, EXIT_BAD_ARGS, `bad lease ID (${id.error}), expecting ID in Hex`);
    lease = id;
  }
  const client = clientFor(run);
  const prevKv = run.flags.get('prev-kv') === true;
  return request(
    run,
    () => (client ? client.put(key, value, lease ? { lease } : {}) : noEndpoint()),
    ({ header, value: v }) => {
      if (run.format === 'json') run.out(goObject([['header', jsonHeader(header)], ['prev_kv', prevKv && v.prevKv ? jsonKv(v.prevKv) : undefined]]).text + '\n');
      else {
        run.out('OK\n');
        if (prevKv && v.prevKv) printKv(run, v.prevKv);
      }
      return 0;
    },
  );
}

function cmdDel(run: Run): CommandResult {
  const { args, flags } = run;
  if (args.length === 0) return fail(run, EXIT_BAD_ARGS, 'del command needs one argument as key and an optional argument as range_end');
  const prefix = flags.get('prefix') === true;
  if (prefix && flags.get('from-key') === true) return fail(run, EXIT_BAD_ARGS, '`--prefix` and `--from-key` cannot be set at the same time, choose one');
  if (args.length > 1) {
    if (prefix || flags.get('from-key') === true) return fail(run, EXIT_BAD_ARGS, 'too many arguments, only accept one argument when `--prefix` or `--from-key` is set');
    return fail(run, EXIT_BAD_FEATURE, 'del with a range_end is not supported by the simulator; use --prefix');
  }
  if (flags.get('from-key') === true) return fail(run, EXIT_BAD_FEATURE, 'del --from-key is not supported by the simulator; use --prefix');
  const bad = checkFormat(run, false);
  if (bad !== undefined) return bad;
  const client = clientFor(run);
  const prevKv = flags.get('prev-kv') === true;
  const key = args[0]!;
  return request(
    run,
    () => (client ? client.delete(key, { prefix }) : noEndpoint()),
    ({ header, value }) => {
      if (run.format === 'json') {
        run.out(goObject([['header', jsonHeader(header)], ['deleted', value.deleted], ['prev_kvs', prevKv ? value.prevKvs.map(jsonKv) : undefined]]).text + '\n');
      } else {
        run.out(`${value.deleted}\n`);
        if (prevKv) for (const kv of value.prevKvs) printKv(run, kv);
      }
      return 0;
    },
  );
}

function cmdCompaction(run: Run): CommandResult {
  if (run.args.length !== 1) return fail(run, EXIT_BAD_ARGS, 'compaction command needs 1 argument');
  const raw = run.args[0]!;
  if (!/^[+-]?\d+$/.test(raw)) return fail(run, EXIT_ERROR, `strconv.ParseInt: parsing "${raw}": invalid syntax`);
  const rev = Number(raw);
  const client = clientFor(run);
  return request(
    run,
    () => (client ? client.compact(rev) : noEndpoint()),
    () => {
      run.out(`compacted revision ${rev}\n`);
      return 0;
    },
  );
}

function cmdMemberList(run: Run): CommandResult {
  const sub = run.args[0];
  if (sub !== 'list') {
    if (sub === undefined) return usage(run, 'member');
    return fail(run, EXIT_ERROR, `unknown command "${sub}" for "etcdctl member"`);
  }
  const member = pickMember(run);
  // Member list is answered from the member's own view: no quorum needed.
  const attempt = (): EtcdResult<MemberInfo[]> =>
    member && run.cluster.isRunning(member.name) ? { ok: true, header: run.cluster.header(member), value: run.cluster.members() } : noEndpoint();
  return request(run, attempt, ({ header, value }) => {
    const rows = value.map((m) => [m.id, 'started', m.name, m.peerURL, m.clientURL, 'false']);
    if (run.format === 'json') {
      const members = value.map((m) => goObject([['ID', uint64(m.id)], ['name', m.name], ['peerURLs', [m.peerURL]], ['clientURLs', [m.clientURL]]]));
      run.out(goObject([['header', jsonHeader(header, false)], ['members', members]]).text + '\n');
    } else if (run.format === 'table') run.out(table(['ID', 'Status', 'Name', 'Peer Addrs', 'Client Addrs', 'Is Learner'], rows));
    else for (const r of rows) run.out(r.join(', ') + '\n');
    return 0;
  });
}

/** Endpoints for `endpoint` commands: --endpoints, or with --cluster every member's client URL. */
function endpointTargets(run: Run, then: (eps: string[]) => CommandResult): CommandResult {
  if (run.flags.get('cluster') !== true) return then(run.endpoints);
  const member = pickMember(run);
  const attempt = (): EtcdResult<string[]> =>
    member && run.cluster.isRunning(member.name)
      ? { ok: true, header: run.cluster.header(member), value: run.cluster.members().map((m) => m.clientURL) }
      : noEndpoint();
  const first = attempt();
  if (first.ok) return then(first.value);
  // The member list call is all etcdctl waits for before giving up on --cluster.
  const job = new JobHandle(() => {
    run.ctx.world.clock.clearTimeout(timer);
    job.exit(EXIT_SIGINT);
  });
  const timer = run.ctx.world.clock.setTimeout(() => {
    job.exit(fail(run, EXIT_ERROR, 'failed to fetch endpoints from etcd cluster member list: context deadline exceeded'));
  }, run.timeoutMs);
  return job;
}

/** Schedules fn after ms (or runs it now for 0); the returned Job ends with fn's exit code. */
function later(run: Run, steps: { atMs: number; fn: () => void }[], finalCode: () => number): CommandResult {
  const clock = run.ctx.world.clock;
  const sorted = [...steps].sort((a, c) => a.atMs - c.atMs);
  for (const s of sorted.filter((s) => s.atMs === 0)) s.fn();
  const pending = sorted.filter((s) => s.atMs > 0);
  if (pending.length === 0) return finalCode();
  const timers: number[] = [];
  const job = new JobHandle(() => {
    for (const t of timers) clock.clearTimeout(t);
    job.exit(EXIT_SIGINT);
  });
  pending.forEach((s, i) =>
    timers.push(
      clock.setTimeout(() => {
        s.fn();
        if (i === pending.length - 1) job.exit(finalCode());
      }, s.atMs),
    ),
  );
  return job;
}

function cmdEndpointStatus(run: Run): CommandResult {
  return endpointTargets(run, (eps) => {
    const ok: { ep: string; m: ReturnType<EtcdCluster['status']>[number] }[] = [];
    const steps: { atMs: number; fn: () => void }[] = [];
    let failedMs = 0;
    // etcdctl asks each endpoint in turn, waiting out the command timeout on a dead one.
    for (const ep of eps) {
      const info = run.cluster.memberByEndpoint(ep);
      const st = info && run.cluster.status().find((s) => s.id === info.id);
      if (st?.running) ok.push({ ep, m: st });
      else {
        failedMs += run.timeoutMs;
        steps.push({ atMs: failedMs, fn: () => run.err(`Failed to get the status of endpoint ${ep} (context deadline exceeded)\n`) });
      }
    }
    steps.push({
      atMs: failedMs,
      fn: () => {
        if (run.format === 'json') {
          const list = ok.map(({ ep, m }) =>
            goObject([
              ['Endpoint', ep],
              [
                'Status',
                goObject([
                  ['header', jsonHeader({ clusterId: run.cluster.clusterId, memberId: m.id, revision: m.revision, raftTerm: m.raftTerm })],
                  ['version', ETCD_VERSION],
                  ['dbSize', m.dbSize],
                  ['leader', uint64(m.leaderId)],
                  ['raftIndex', m.raftIndex],
                  ['raftTerm', m.raftTerm],
                  ['raftAppliedIndex', m.appliedIndex],
                  ['errors', m.errors],
                  ['dbSizeInUse', m.dbSizeInUse],
                ]),
              ],
            ], false),
          );
          run.out(`[${list.map((o) => o.text).join(',')}]\n`);
          return;
        }
        const rows = ok.map(({ ep, m }) => [ep, m.id, ETCD_VERSION, humanBytes(m.dbSize), String(m.isLeader), 'false', String(m.raftTerm), String(m.raftIndex), String(m.appliedIndex), m.errors.join(', ')]);
        if (run.format === 'table') {
          run.out(table(['endpoint', 'ID', 'version', 'db size', 'is leader', 'is learner', 'raft term', 'raft index', 'raft applied index', 'errors'], rows));
        } else for (const r of rows) run.out(r.join(', ') + '\n');
      },
    });
    return later(run, steps, () => (ok.length < eps.length ? EXIT_ERROR : 0));
  });
}

function cmdEndpointHealth(run: Run): CommandResult {
  return endpointTargets(run, (eps) => {
    const rng = run.ctx.world.rng;
    const results: { ep: string; health: boolean; took: string; error?: string }[] = [];
    const steps: { atMs: number; fn: () => void }[] = [];
    // Every endpoint is checked at once (a linearizable get of "health"); the failing ones answer at the timeout.
    for (const ep of eps) {
      const info = run.cluster.memberByEndpoint(ep);
      const client = info ? createEtcdClient(run.cluster, { endpoint: info }) : undefined;
      const r = client ? client.range('health') : noEndpoint();
      if (r.ok) steps.push({ atMs: 0, fn: () => results.push({ ep, health: true, took: goDuration(800_000 + rng.int(2_200_000)) }) });
      else steps.push({ atMs: run.timeoutMs, fn: () => results.push({ ep, health: false, took: goDuration(run.timeoutMs * 1e6 + rng.int(2_000_000)), error: 'context deadline exceeded' }) });
    }
    const report = () => {
      if (run.format === 'json') {
        run.out(`[${results.map((h) => goObject([['endpoint', h.ep], ['health', h.health], ['took', h.took], ['error', h.error]], false).text).join(',')}]\n`);
      } else if (run.format === 'table') {
        run.out(table(['endpoint', 'health', 'took', 'error'], results.map((h) => [h.ep, String(h.health), h.took, h.error ?? ''])));
      } else {
        for (const h of results) {
          run.err(h.health ? `${h.ep} is healthy: successfully committed proposal: took = ${h.took}\n` : `${h.ep} is unhealthy: failed to commit proposal: ${h.error}\n`);
        }
      }
      return results.some((h) => !h.health) ? fail(run, EXIT_ERROR, 'unhealthy cluster') : 0;
    };
    return later(run, steps, report);
  });
}

function cmdWatch(run: Run): CommandResult {
  const { args, flags } = run;
  if (args.length === 0 || args.length > 2) return fail(run, EXIT_BAD_ARGS, 'bad number of arguments');
  if (args.length === 2) return fail(run, EXIT_BAD_FEATURE, 'watch with a range_end is not supported by the simulator; use --prefix');
  const bad = checkFormat(run, false);
  if (bad !== undefined) return bad;
  const prevKv = flags.get('prev-kv') === true;
  const client = clientFor(run);
  let cancel = () => {};
  let ended: number | undefined;
  const job = new JobHandle(() => {
    cancel();
    job.exit(EXIT_SIGINT);
  });
  const print = (events: WatchEvent[]) => {
    if (run.format === 'json') {
      const header = run.cluster.header(pickMember(run) ?? run.cluster.members()[0]!);
      const evs = events.map((e) => goObject([['type', e.type === 'DELETE' ? 1 : 0], ['kv', jsonKv(e.kv)], ['prev_kv', prevKv && e.prevKv ? jsonKv(e.prevKv) : undefined]]));
      const last = events[events.length - 1]!.kv.modRevision;
      run.out(goObject([['Header', jsonHeader({ ...header, revision: last })], ['Events', evs], ['CompactRevision', 0], ['Canceled', false], ['Created', false]], false).text + '\n');
      return;
    }
    for (const e of events) {
      run.out(e.type + '\n');
      if (prevKv && e.prevKv) printKv(run, e.prevKv);
      printKv(run, e.kv);
    }
  };
  const onError = (e: SimError) => {
    run.err(`watch was canceled (${grpcText(e)})\n`);
    ended = fail(run, EXIT_INTERRUPTED, 'watch is canceled by the server');
    job.exit(ended);
  };
  // A watch on an endpoint that is down just waits for it, as etcdctl does, until Ctrl-C.
  if (client) cancel = client.watch(args[0]!, { prefix: flags.get('prefix') === true, startRevision: Number(flags.get('rev') ?? 0) || undefined }, print, onError);
  return ended ?? job;
}

/** strconv.ParseInt(arg, 16, 64): the ID as 16 hex digits, or Go's error text. */
function parseLeaseId(arg: string): string | { error: string } {
  const m = /^([+-]?)([0-9a-fA-F]+)$/.exec(arg);
  if (!m) return { error: `strconv.ParseInt: parsing ${JSON.stringify(arg)}: invalid syntax` };
  const n = BigInt('0x' + m[2]!) * (m[1] === '-' ? -1n : 1n);
  if (n > 0x7fffffffffffffffn || n < -0x8000000000000000n) return { error: `strconv.ParseInt: parsing ${JSON.stringify(arg)}: value out of range` };
  return BigInt.asUintN(64, n).toString(16).padStart(16, '0');
}

/**
 * `etcdctl lease grant|revoke|timetolive|list|keep-alive` with etcdctl's
 * simple printer (ctlv3/command/lease_command.go, printer_simple.go).
 */
function cmdLease(run: Run): CommandResult {
  const [what, ...rest] = run.args;
  if (run.format === 'json') run.err('note: etcdctl lease -w json is not simulated here; the simple format follows\n');
  const member = pickMember(run);
  const c = run.cluster;
  // Through request(): without a quorum it retries until the command timeout, as any etcdctl call.
  const ask = <T extends { header: ResponseHeader }>(attempt: () => ({ ok: true } & T) | { ok: false; error: SimError }, onOk: (v: T) => number) =>
    request<T>(
      run,
      () => {
        if (!member) return noEndpoint();
        const r = attempt();
        return r.ok ? { ok: true, header: r.header, value: r } : { ok: false, error: r.error };
      },
      ({ value }) => onOk(value),
    );
  const idArg = (usageText: string): string | number => {
    if (rest.length !== 1) return fail(run, EXIT_BAD_ARGS, usageText);
    const id = parseLeaseId(rest[0]!);
    return typeof id === 'string' ? id : fail(run, EXIT_BAD_ARGS, `bad lease ID arg (${id.error}), expecting ID in Hex`);
  };
  switch (what) {
    case 'grant': {
      if (rest.length !== 1) return fail(run, EXIT_BAD_ARGS, 'lease grant command needs TTL argument');
      if (!/^[+-]?\d+$/.test(rest[0]!)) return fail(run, EXIT_BAD_ARGS, `bad TTL (strconv.ParseInt: parsing ${JSON.stringify(rest[0])}: invalid syntax)`);
      const ttl = Number(rest[0]);
      return request(
        run,
        () => {
          if (!member) return noEndpoint();
          const r = c.leaseGrant(ttl, member);
          return r.ok ? { ok: true, header: r.header, value: r } : { ok: false, error: r.error };
        },
        ({ value }) => (run.out(`lease ${value.id} granted with TTL(${value.ttl}s)\n`), 0),
      );
    }
    case 'revoke': {
      const id = idArg('lease revoke command needs 1 argument');
      if (typeof id === 'number') return id;
      const first = member ? c.leaseRevoke(id, member) : undefined;
      // Not a retryable failure: etcdctl wraps it ("failed to revoke lease (…)\n", then Println's own newline).
      if (first && !first.ok && !retryable(first.error)) return fail(run, EXIT_ERROR, `failed to revoke lease (${grpcText(first.error)})\n`);
      return request(
        run,
        () => {
          if (!member) return noEndpoint();
          const r = first?.ok ? first : c.leaseRevoke(id, member);
          return r.ok ? { ok: true, header: r.header, value: r } : { ok: false, error: r.error };
        },
        () => (run.out(`lease ${id} revoked\n`), 0),
      );
    }
    case 'timetolive': {
      const id = idArg('lease timetolive command needs lease ID as argument');
      if (typeof id === 'number') return id;
      return ask(
        () => c.leaseTimeToLive(id),
        (r) => {
          const l = r.lease;
          if (!l) run.out(`lease ${id} already expired\n`);
          else run.out(`lease ${id} granted with TTL(${l.grantedTtl}s), remaining(${l.ttl}s)${run.flags.get('keys') === true ? `, attached keys([${l.keys.join(' ')}])` : ''}\n`);
          return 0;
        },
      );
    }
    case 'list':
      return ask(
        () => c.leaseList(),
        (r) => {
          const ids = r.ids;
          run.out(`found ${ids.length} leases\n${ids.map((i) => `${i}\n`).join('')}`);
          return 0;
        },
      );
    case 'keep-alive':
      return keepAlive(run, idArg('lease keep-alive command needs lease ID as argument'));
    case undefined:
      run.out(`NAME:\n\tlease - Lease related commands\n\nUSAGE:\n\tetcdctl lease <subcommand> [flags]\n\nAPI VERSION:\n\t${API_VERSION}\n\n\nCOMMANDS:\n\tgrant\t\tCreates leases\n\tkeep-alive\tKeeps leases alive (renew)\n\tlist\t\tList all active leases\n\trevoke\t\tRevokes leases\n\ttimetolive\tGet lease information\n`);
      return 0;
    default:
      return fail(run, EXIT_ERROR, `unknown command "${what}" for "etcdctl lease"`);
  }
}

/** keep-alive: a renewal at once and every TTL/3 (clientv3's keepAlive loop), printed each time, until Ctrl-C or the lease is gone. */
function keepAlive(run: Run, id: string | number): CommandResult {
  if (typeof id === 'number') return id;
  const c = run.cluster;
  const once = run.flags.get('once') === true;
  const renew = () => c.leaseKeepAlive(id);
  const first = renew();
  if (!first.ok) {
    if (once) return fail(run, EXIT_BAD_CONNECTION, grpcText(first.error));
    // The stream ends at once for an unknown lease.
    if (first.error.code === 'LeaseNotFound') return (run.out(`lease ${id} expired or revoked.\n`), 0);
  } else run.out(`lease ${id} keepalived with TTL(${first.ttl})\n`);
  if (once) return 0;
  const clock = run.ctx.world.clock;
  let timer = 0;
  const job = new JobHandle(() => {
    clock.clearTimeout(timer);
    job.exit(EXIT_SIGINT);
  });
  const tick = (ttl: number) => {
    timer = clock.setTimeout(() => {
      const r = renew();
      if (r.ok) {
        run.out(`lease ${id} keepalived with TTL(${r.ttl})\n`);
        tick(r.ttl);
      } else if (r.error.code === 'LeaseNotFound') {
        run.out(`lease ${id} expired or revoked.\n`);
        job.exit(0);
      } else tick(ttl);
    }, Math.max(500, Math.floor((ttl * 1000) / 3)));
  };
  tick(first.ok ? first.ttl : 3);
  return job;
}

function usage(run: Run, sub?: string): number {
  if (sub === 'member' || sub === 'endpoint') {
    const subs =
      sub === 'member'
        ? [['list', 'Lists all members in the cluster']]
        : [
            ['health', 'Checks the healthiness of endpoints specified in `--endpoints` flag'],
            ['status', 'Prints out the status of endpoints specified in `--endpoints` flag'],
          ];
    run.out(`NAME:\n\t${sub} - ${SHORTS[sub]}\n\nUSAGE:\n\tetcdctl ${sub} <subcommand> [flags]\n\nAPI VERSION:\n\t${API_VERSION}\n\n\nCOMMANDS:\n`);
    for (const [n, s] of subs) run.out(`\t${n}\t${s}\n`);
    return 0;
  }
  run.out(`NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]\n\nVERSION:\n\t${ETCD_VERSION}\n\nAPI VERSION:\n\t${API_VERSION}\n\n\nCOMMANDS:\n`);
  for (const n of ['get', 'put', 'del', 'compaction', 'endpoint health', 'endpoint status', 'watch', 'version', 'member list']) {
    const [c, s] = n.split(' ');
    const short = s === 'health' || s === 'status' ? (s === 'health' ? 'Checks the healthiness of endpoints specified in `--endpoints` flag' : 'Prints out the status of endpoints specified in `--endpoints` flag') : s === 'list' ? 'Lists all members in the cluster' : SHORTS[c!]!;
    run.out(`\t${n.padEnd(18)}${short}\n`);
  }
  return 0;
}

export const etcdctl: Command = {
  name: 'etcdctl',
  summary: SUMMARY.etcdctl,
  help: {
    ko: [
      'etcdctl 은 쿠버네티스가 모든 상태를 저장하는 etcd 에 직접 말을 거는 도구입니다.',
      '  etcdctl get /registry --prefix --keys-only     저장된 키 목록',
      '  etcdctl get /registry/pods/default/web-1       한 객체의 값',
      '  etcdctl get KEY -w json                        리비전과 함께 (키와 값은 base64)',
      '  etcdctl put KEY VALUE | del KEY [--prefix]     쓰기와 삭제 (실제 클러스터에서는 하지 마세요)',
      '  etcdctl watch /registry/pods --prefix          바뀔 때마다 출력 (Ctrl-C 로 끝)',
      '  etcdctl endpoint status --cluster -w table     멤버, 리더, raft term/index',
      '  etcdctl endpoint health --cluster | member list -w table | compaction REV | version',
      '  etcdctl lease grant 60 / put KEY V --lease=ID / lease timetolive ID --keys / keep-alive ID / revoke ID / list',
      '                                                 TTL 이 지나면 리스에 붙은 키가 지워집니다 (가상 시계 기준)',
      '이 시뮬레이터는 값을 읽기 쉬운 JSON 으로 저장합니다. 실제 쿠버네티스는 protobuf 로 저장하므로',
      'etcdctl get 으로 보면 바이너리가 섞여 나옵니다.',
      '멤버는 etcd-0..2 세 개이고 기본 엔드포인트 127.0.0.1:2379 는 etcd-0 입니다.',
      '두 멤버가 멈추면 과반(quorum)이 없어 쓰기와 기본(linearizable) 읽기가 5초 뒤',
      '"context deadline exceeded" 로 실패하고, --consistency=s 읽기만 (오래됐을 수 있는) 값을 돌려줍니다.',
    ].join('\n'),
    en: [
      'etcdctl talks directly to etcd, where Kubernetes keeps all of its state.',
      '  etcdctl get /registry --prefix --keys-only     list the stored keys',
      '  etcdctl get /registry/pods/default/web-1       one object\'s value',
      '  etcdctl get KEY -w json                        with revisions (keys and values in base64)',
      '  etcdctl put KEY VALUE | del KEY [--prefix]     write and delete (never on a real cluster)',
      '  etcdctl watch /registry/pods --prefix          print every change (Ctrl-C to stop)',
      '  etcdctl endpoint status --cluster -w table     members, leader, raft term/index',
      '  etcdctl endpoint health --cluster | member list -w table | compaction REV | version',
      '  etcdctl lease grant 60 / put KEY V --lease=ID / lease timetolive ID --keys / keep-alive ID / revoke ID / list',
      '                                                 when the TTL runs out (virtual clock) the attached keys are deleted',
      'The simulator stores values as readable JSON. Real Kubernetes stores protobuf, so on a real',
      'cluster etcdctl get shows mostly binary.',
      'There are three members, etcd-0..2; the default endpoint 127.0.0.1:2379 is etcd-0.',
      'With two members stopped there is no quorum: writes and default (linearizable) reads fail',
      'after 5 s with "context deadline exceeded"; only --consistency=s reads answer, possibly stale.',
    ].join('\n'),
  },

  run(ctx) {
    const err = (s: string) => ctx.stderr.write(s);
    const out = (s: string) => ctx.stdout.write(s);
    const pre = parseFlags(ctx.argv.slice(1), ALL_FLAGS);
    const sub = pre.ok ? pre.args[0] : undefined;
    const specs = { ...GLOBAL_FLAGS, ...(sub ? SUBCOMMAND_FLAGS[sub] : {}) };
    const parsed = parseFlags(ctx.argv.slice(1), specs);
    if (!parsed.ok) {
      err(`Error: ${parsed.error}\n`);
      return EXIT_ERROR;
    }
    const format = String(parsed.flags.get('write-out') ?? 'simple');
    const run: Run = {
      ctx,
      cluster: clusterEtcd(ctx),
      flags: parsed.flags,
      args: parsed.args.slice(1),
      format,
      endpoints: String(parsed.flags.get('endpoints') ?? DEFAULT_ENDPOINT)
        .split(',')
        .filter((e) => e !== ''),
      timeoutMs: Number(parsed.flags.get('command-timeout') ?? COMMAND_TIMEOUT_MS),
      out,
      err,
    };
    if (sub === undefined) return usage(run);
    if (NOT_SIMULATED.includes(sub)) {
      err(`etcdctl ${sub}: not simulated here (real etcdctl has it)\n`);
      return EXIT_ERROR;
    }
    if (!SUBCOMMAND_FLAGS[sub]) {
      err(`Error: unknown command "${sub}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`);
      return EXIT_ERROR;
    }
    if (!['simple', 'json', 'table'].includes(format)) return fail(run, EXIT_BAD_FEATURE, 'unsupported output format');
    switch (sub) {
      case 'get':
        return cmdGet(run);
      case 'put':
        return cmdPut(run);
      case 'del':
        return cmdDel(run);
      case 'watch':
        return cmdWatch(run);
      case 'compaction':
        return cmdCompaction(run);
      case 'member':
        return cmdMemberList(run);
      case 'lease':
        return cmdLease(run);
      case 'version':
        out(`etcdctl version: ${ETCD_VERSION}\nAPI version: ${API_VERSION}\n`);
        return 0;
      case 'endpoint': {
        const what = run.args[0];
        run.args = run.args.slice(1);
        if (what === 'status') return cmdEndpointStatus(run);
        if (what === 'health') return cmdEndpointHealth(run);
        if (what === undefined) return usage(run, 'endpoint');
        return fail(run, EXIT_ERROR, `unknown command "${what}" for "etcdctl endpoint"`);
      }
    }
    return EXIT_ERROR;
  },

  complete(words, current) {
    const subs = ['get', 'put', 'del', 'watch', 'compaction', 'endpoint', 'member', 'lease', 'version'];
    const positional = words.filter((w) => !w.startsWith('-'));
    if (current.startsWith('-')) {
      const specs = { ...GLOBAL_FLAGS, ...(positional[0] ? SUBCOMMAND_FLAGS[positional[0]] : {}) };
      return Object.keys(specs).map((f) => `--${f}`);
    }
    if (positional.length === 0) return subs;
    if (positional.length === 1 && positional[0] === 'endpoint') return ['health', 'status'];
    if (positional.length === 1 && positional[0] === 'member') return ['list'];
    if (positional.length === 1 && positional[0] === 'lease') return ['grant', 'revoke', 'timetolive', 'list', 'keep-alive'];
    if (['get', 'del', 'watch'].includes(positional[0]!)) return ['/registry/'];
    return [];
  },
};
