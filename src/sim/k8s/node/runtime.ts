/**
 * One node's container runtime (containerd-like, CRI-shaped): image store and
 * pulls, pod sandboxes (one network namespace and IP per pod), containers with
 * processes that log, bind ports, exit, get OOM-killed or SIGTERM/SIGKILLed.
 * The kubelet drives it; tests and `sim crash` poke it through the hooks.
 */
import type { TimerId, VirtualClock } from '../../clock.ts';
import type { Rng } from '../../rng.ts';
import { type ExecEnv, type ExecResult, type Listener, runExec } from './exec.ts';
import { type CatalogImage, lookupImage, PAUSE_IMAGE, pullErrorMessage } from './images.ts';
import { effectiveArgv, type Program, type ProgramContext, programFor } from './programs.ts';
import { pullMs, STAGES } from './stages.ts';

export type PullResult = { ok: true; imageID: string; sizeBytes: number; durationMs: number } | { ok: false; message: string };

export interface SandboxConfig {
  podUid: string;
  name: string;
  namespace: string;
  ip: string;
}

export interface Sandbox extends SandboxConfig {
  id: string;
  state: 'ready' | 'notready';
  /** Ports bound in the pod's one network namespace -> container id. */
  ports: Map<number, string>;
}

export interface ContainerConfig {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: Record<string, string>;
  memoryLimitBytes?: number;
}

export type TerminationReason = 'Completed' | 'Error' | 'OOMKilled' | 'StartError';

export interface RtContainer {
  id: string;
  sandboxId: string;
  name: string;
  image: string;
  imageID: string;
  state: 'created' | 'running' | 'exited';
  exitCode?: number;
  reason?: TerminationReason;
  message?: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  env: Record<string, string>;
  memoryLimitBytes?: number;
  memoryBytes: number;
  catalog: CatalogImage;
  program?: Program;
  lines: { at: number; line: string }[];
  timers: TimerId[];
  /** Set by stopContainer; the kubelet uses it to tell a kill from a crash. */
  stopRequested?: boolean;
}

/** How a pod reaches IPs outside itself; the integrator wires the cluster network in. */
export interface OutsideNetwork {
  connect(fromPodIP: string, ip: string, port: number): Listener | undefined;
  lookup(name: string, fromNamespace: string): string | undefined;
}

export interface RuntimeOptions {
  clock: VirtualClock;
  rng: Rng;
  /** Images already on the node (the pause image always is). */
  preloaded?: string[];
}

export const RUNTIME_VERSION = 'containerd://2.0.2';

export class ContainerRuntime {
  readonly #clock: VirtualClock;
  readonly #rng: Rng;
  #images = new Map<string, { imageID: string; sizeBytes: number; names: string[] }>();
  #pulling = new Map<string, ((r: PullResult) => void)[]>();
  #sandboxes = new Map<string, Sandbox>();
  #containers = new Map<string, RtContainer>();
  #exitListeners: ((c: RtContainer) => void)[] = [];
  network: OutsideNetwork | undefined;

  constructor(opts: RuntimeOptions) {
    this.#clock = opts.clock;
    this.#rng = opts.rng;
    for (const ref of [PAUSE_IMAGE, ...(opts.preloaded ?? [])]) this.#store(ref);
  }

  // ---------- images ----------

  hasImage(ref: string): boolean {
    return this.#images.has(lookupImage(ref).ref.full);
  }

  imageInfo(ref: string): { imageID: string; sizeBytes: number } | undefined {
    return this.#images.get(lookupImage(ref).ref.full);
  }

  /** Node status `images` list, biggest first like the kubelet reports it. */
  listImages(): { names: string[]; sizeBytes: number }[] {
    return [...this.#images.values()].map((i) => ({ names: i.names, sizeBytes: i.sizeBytes })).sort((a, b) => b.sizeBytes - a.sizeBytes);
  }

  /** Pulls on the virtual clock; concurrent pulls of one reference share the download. */
  pullImage(ref: string, done: (r: PullResult) => void): void {
    const l = lookupImage(ref);
    const waiting = this.#pulling.get(l.ref.full);
    if (waiting) {
      waiting.push(done);
      return;
    }
    this.#pulling.set(l.ref.full, [done]);
    const ms = l.found ? pullMs(l.image.sizeBytes) : STAGES.pullNotFoundMs;
    this.#clock.setTimeout(() => {
      const result: PullResult = l.found ? { ok: true, ...this.#store(ref), durationMs: ms } : { ok: false, message: pullErrorMessage(l) };
      const cbs = this.#pulling.get(l.ref.full) ?? [];
      this.#pulling.delete(l.ref.full);
      for (const cb of cbs) cb(result);
    }, ms);
  }

  #store(ref: string): { imageID: string; sizeBytes: number } {
    const l = lookupImage(ref);
    if (!l.found) throw new Error(`not in the catalogue: ${ref}`);
    const digest = l.imageID.slice(l.imageID.indexOf('@'));
    const entry = { imageID: l.imageID, sizeBytes: l.image.sizeBytes, names: [`${l.ref.repository}${digest}`, l.ref.full] };
    this.#images.set(l.ref.full, entry);
    return { imageID: entry.imageID, sizeBytes: entry.sizeBytes };
  }

  // ---------- sandboxes ----------

  runPodSandbox(cfg: SandboxConfig): Sandbox {
    const sb: Sandbox = { ...cfg, id: this.#rng.hex(64), state: 'ready', ports: new Map() };
    this.#sandboxes.set(sb.id, sb);
    return sb;
  }

  stopPodSandbox(id: string): void {
    const sb = this.#sandboxes.get(id);
    if (!sb) return;
    for (const c of this.containersIn(id)) if (c.state === 'running') this.#exit(c, 137, 'Error');
    sb.state = 'notready';
    sb.ports.clear();
  }

  removePodSandbox(id: string): void {
    this.stopPodSandbox(id);
    for (const c of this.containersIn(id)) this.#containers.delete(c.id);
    this.#sandboxes.delete(id);
  }

  sandbox(id: string): Sandbox | undefined {
    return this.#sandboxes.get(id);
  }

  sandboxes(): Sandbox[] {
    return [...this.#sandboxes.values()];
  }

  // ---------- containers ----------

  createContainer(sandboxId: string, cfg: ContainerConfig): RtContainer {
    const l = lookupImage(cfg.image);
    if (!l.found || !this.hasImage(cfg.image)) throw new Error(`image ${cfg.image} is not present`);
    const c: RtContainer = {
      id: this.#rng.hex(64),
      sandboxId,
      name: cfg.name,
      image: cfg.image,
      imageID: l.imageID,
      state: 'created',
      createdAt: this.#clock.now(),
      env: { ...l.image.env, ...cfg.env },
      catalog: l.image,
      memoryBytes: 0,
      lines: [],
      timers: [],
      ...(cfg.memoryLimitBytes ? { memoryLimitBytes: cfg.memoryLimitBytes } : {}),
    };
    c.program = programFor(l.image, effectiveArgv(l.image, cfg.command, cfg.args), c.env);
    this.#containers.set(c.id, c);
    return c;
  }

  /** Starts the process. Returns the error text for a StartError (the container is then exited, 128). */
  startContainer(id: string): { ok: true } | { ok: false; message: string } {
    const c = this.#containers.get(id);
    const sb = c && this.#sandboxes.get(c.sandboxId);
    if (!c || !sb || !c.program) return { ok: false, message: `container "${id}" not found` };
    const p = c.program;
    const now = this.#clock.now();
    if (p.startError) {
      c.state = 'exited';
      c.startedAt = now;
      this.#exit(c, 128, 'StartError', p.startError);
      return { ok: false, message: p.startError };
    }
    c.state = 'running';
    c.startedAt = now;
    c.memoryBytes = p.memoryBytes;
    const ctx = this.#ctx(c, sb);
    for (const port of p.listens) {
      if (sb.ports.has(port)) {
        // Shared network namespace: the second bind on a port fails inside the process.
        const f = p.bindFailure(port, ctx);
        for (const line of f.lines) c.lines.push({ at: now, line });
        this.#later(c, f.afterMs, () => this.#exit(c, f.code, f.code === 0 ? 'Completed' : 'Error'));
        return { ok: true };
      }
    }
    for (const port of p.listens) sb.ports.set(port, c.id);
    for (const l of p.lines(ctx)) c.lines.push({ at: now + l.atMs, line: l.line });
    if (p.ending.kind === 'exit') {
      const code = p.ending.code;
      this.#later(c, p.ending.afterMs, () => this.#exit(c, code, code === 0 ? 'Completed' : 'Error'));
    }
    if (c.memoryLimitBytes !== undefined) {
      if (c.memoryBytes > c.memoryLimitBytes) this.#later(c, 0, () => this.#oom(c));
      else if (p.memoryGrows) this.#later(c, Math.ceil(((c.memoryLimitBytes - c.memoryBytes) / STAGES.memoryRampBytesPerSecond) * 1000), () => this.#oom(c));
    }
    return { ok: true };
  }

  /** SIGTERM, then SIGKILL after graceMs if the process ignores it. */
  stopContainer(id: string, graceMs: number): void {
    const c = this.#containers.get(id);
    if (!c || c.state !== 'running') return;
    c.stopRequested = true;
    const sb = this.#sandboxes.get(c.sandboxId);
    if (c.program?.honoursSigterm) {
      const at = Math.min(STAGES.sigtermExitMs, graceMs);
      this.#later(c, at, () => {
        if (sb && c.program?.stopLines) for (const line of c.program.stopLines(this.#ctx(c, sb))) c.lines.push({ at: this.#clock.now(), line });
        this.#exit(c, 0, 'Completed');
      });
    } else {
      this.#later(c, graceMs, () => this.#exit(c, 137, 'Error'));
    }
  }

  removeContainer(id: string): void {
    const c = this.#containers.get(id);
    if (c?.state === 'running') this.#exit(c, 137, 'Error');
    this.#containers.delete(id);
  }

  container(id: string): RtContainer | undefined {
    return this.#containers.get(id);
  }

  containersIn(sandboxId: string): RtContainer[] {
    return [...this.#containers.values()].filter((c) => c.sandboxId === sandboxId);
  }

  onExit(fn: (c: RtContainer) => void): () => void {
    this.#exitListeners.push(fn);
    return () => {
      this.#exitListeners = this.#exitListeners.filter((f) => f !== fn);
    };
  }

  /** Log lines written so far (a finished container's lines stop at its exit). */
  logs(id: string): string[] {
    return this.logEntries(id).map((l) => l.line);
  }

  /** The same lines with the virtual time each was written (`kubectl logs --timestamps`). */
  logEntries(id: string): { at: number; line: string }[] {
    const c = this.#containers.get(id);
    if (!c) return [];
    const until = Math.min(this.#clock.now(), c.finishedAt ?? Infinity);
    const out = c.lines.filter((l) => l.at <= until).map((l) => ({ ...l }));
    const loop = c.program?.loop;
    if (loop && c.startedAt !== undefined) {
      for (let t = c.startedAt; t <= until; t += loop.periodMs) for (const line of loop.lines) out.push({ at: t, line });
    }
    return out.sort((a, b) => a.at - b.at);
  }

  // ---------- hooks for lessons and tests ----------

  /** `sim crash POD`: the main process dies with this exit code now. */
  crashContainer(pod: { namespace: string; name: string }, container: string, exitCode: number): boolean {
    const c = this.#find(pod, container);
    if (!c || c.state !== 'running') return false;
    this.#exit(c, exitCode, exitCode === 0 ? 'Completed' : 'Error');
    return true;
  }

  /** Simulated memory use; above the limit the kernel OOM-kills the container. */
  setMemoryUsage(pod: { namespace: string; name: string }, container: string, bytes: number): boolean {
    const c = this.#find(pod, container);
    if (!c || c.state !== 'running') return false;
    c.memoryBytes = bytes;
    if (c.memoryLimitBytes !== undefined && bytes > c.memoryLimitBytes) this.#oom(c);
    return true;
  }

  exec(pod: { namespace: string; name: string }, container: string, argv: string[]): ExecResult {
    const c = this.#find(pod, container);
    const sb = c && this.#sandboxes.get(c.sandboxId);
    if (!c || !sb || c.state !== 'running') return { stdout: '', stderr: `error: unable to upgrade connection: container not found ("${container}")\n`, exitCode: 1 };
    const env: ExecEnv = {
      podIP: sb.ip,
      hostname: sb.name,
      namespace: sb.namespace,
      env: c.env,
      binaries: c.catalog.binaries,
      connect: (ip, port) => (ip === '127.0.0.1' || ip === sb.ip ? this.listenerAt(sb, port) : this.network?.connect(sb.ip, ip, port)),
      lookup: (name) => this.network?.lookup(name, sb.namespace),
    };
    return runExec(env, argv);
  }

  /** What answers on podIP:port on this node, for the cluster network and probes. */
  listener(ip: string, port: number): Listener | undefined {
    const sb = [...this.#sandboxes.values()].find((s) => s.ip === ip && s.state === 'ready');
    return sb && this.listenerAt(sb, port);
  }

  listenerAt(sb: Sandbox, port: number): Listener | undefined {
    const c = this.#containers.get(sb.ports.get(port) ?? '');
    if (!c || c.state !== 'running' || !c.program?.answer) return undefined;
    const answer = c.program.answer;
    const log = c.program.accessLog;
    return (req) => {
      const a = answer(req.method, req.path);
      const now = this.#clock.now();
      if (a !== 'empty' && log) c.lines.push({ at: now, line: log(req.client, req.method, req.path, a.status, a.body.length, req.agent, now) });
      return a;
    };
  }

  // ---------- internals ----------

  #find(pod: { namespace: string; name: string }, container: string): RtContainer | undefined {
    const sbs = [...this.#sandboxes.values()].filter((s) => s.name === pod.name && s.namespace === pod.namespace && s.state === 'ready');
    const cs = sbs.flatMap((s) => this.containersIn(s.id)).filter((c) => c.name === container);
    return cs.find((c) => c.state === 'running') ?? cs.at(-1);
  }

  #ctx(c: RtContainer, sb: Sandbox): ProgramContext {
    return { now: this.#clock.now(), podIP: sb.ip, hostname: sb.name, env: c.env };
  }

  #later(c: RtContainer, ms: number, fn: () => void): void {
    c.timers.push(this.#clock.setTimeout(fn, ms));
  }

  #oom(c: RtContainer): void {
    if (c.state !== 'running') return;
    if (c.memoryLimitBytes !== undefined) c.memoryBytes = Math.max(c.memoryBytes, c.memoryLimitBytes);
    this.#exit(c, 137, 'OOMKilled');
  }

  #exit(c: RtContainer, code: number, reason: TerminationReason, message?: string): void {
    if (c.finishedAt !== undefined) return;
    for (const t of c.timers) this.#clock.clearTimeout(t);
    c.timers = [];
    c.state = 'exited';
    c.exitCode = code;
    c.reason = reason;
    if (message) c.message = message;
    c.finishedAt = this.#clock.now();
    const sb = this.#sandboxes.get(c.sandboxId);
    if (sb) for (const [port, owner] of sb.ports) if (owner === c.id) sb.ports.delete(port);
    for (const l of this.#exitListeners) l(c);
  }
}
