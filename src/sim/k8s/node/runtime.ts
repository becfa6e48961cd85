/**
 * One node's container runtime (containerd-like, CRI-shaped): image store and
 * pulls, pod sandboxes (one network namespace and IP per pod), containers with
 * processes that log, bind ports, exit, get OOM-killed or SIGTERM/SIGKILLed.
 * The kubelet drives it; tests and `sim crash` poke it through the hooks.
 */
import type { TimerId, VirtualClock } from '../../clock.ts';
import type { Rng } from '../../rng.ts';
import { execIn, execLine, interactiveShell, isInteractiveShell, shellPrompt, startSession } from '../../containers/container-tools.ts';
import type { ExecInput, ExecOutput } from '../api/kubelet.ts';
import { PATH, type ImageConfig } from '../../containers/images.ts';
import { launch, processArgv, type Program } from '../../containers/programs.ts';
import { parseReference } from '../../containers/reference.ts';
import { containerdPullError, resolveImage as resolveFresh, type Resolution } from '../../containers/registry.ts';
import { type FsMount, subDir, type VolumeDir, WHITEOUT, withMounts } from '../../containers/mounts.ts';
import type { ContainerFs, ContainerSys, ExecResult, Listener } from '../../containers/types.ts';
import { pullMs, STAGES } from './stages.ts';

/**
 * What the registry serves for a reference, resolved once per reference for
 * every node's runtime and shared read-only (frozen): an image config (env,
 * binaries, files) built per container was ~8 kB of heap for each of them.
 */
const resolutions = new Map<string, Resolution>();
function resolveImage(ref: string): Resolution {
  let r = resolutions.get(ref);
  if (!r) {
    if (resolutions.size >= 1024) resolutions.clear();
    resolutions.set(ref, (r = freeze(resolveFresh(ref))));
  }
  return r;
}

/** PID 1's argv from the image alone (no command or args in the pod), one frozen copy per image config for every container of it. */
const imageArgvs = new WeakMap<ImageConfig, string[]>();
function argvOf(config: ImageConfig, command?: string[], args?: string[]): string[] {
  if (command || args) return processArgv(config, command, args);
  let argv = imageArgvs.get(config);
  if (!argv) imageArgvs.set(config, (argv = Object.freeze(processArgv(config)) as string[]));
  return argv;
}

function freeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) freeze(v);
  }
  return o;
}

export type { ExecResult, Listener };

/** The sandbox image containerd 2.x uses. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

export type PullResult = { ok: true; imageID: string; sizeBytes: number; durationMs: number } | { ok: false; message: string };

/** CPU time one HTTP request costs a server, in ms. */
export const CPU_MS_PER_REQUEST = 2;
/** registry.k8s.io/hpa-example computes on every request (the HPA walkthrough's php-apache). */
export const HPA_EXAMPLE_CPU_MS_PER_REQUEST = 5;

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
  cpuLimitMilli?: number;
  /** The pod's volumes, mounted where the container's volumeMounts say. */
  mounts?: FsMount[];
  /** The pod spec's stdin: a shell as PID 1 waits for input instead of exiting. */
  stdin?: boolean;
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
  cpuLimitMilli?: number;
  memoryBytes: number;
  stdin?: boolean;
  config: ImageConfig;
  /** argv of PID 1 (pod command/args over the image's ENTRYPOINT/CMD). */
  argv: string[];
  program?: Program;
  /** The container's writable layer, made with its first write (most containers write nothing). */
  layer?: Map<string, string>;
  mounts: FsMount[];
  lines: { at: number; line: string }[];
  /** When the program's own start-up lines (program.logs) began: they are read from it, not copied into lines. */
  startLogsAt?: number;
  /** When each HTTP request it answered arrived (the last minute), for its CPU usage. */
  requests?: number[];
  /** Requests per second looping clients send it (set by the cluster network each scrape). */
  loadPerSec?: number;
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

export function hostsFile(ip: string, hostname: string): string {
  return ['# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters', `${ip}\t${hostname}`, ''].join('\n');
}

export function resolvConf(namespace: string, nameserver = '10.96.0.10'): string {
  return `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${nameserver}\noptions ndots:5\n`;
}

export class ContainerRuntime {
  readonly #clock: VirtualClock;
  readonly #rng: Rng;
  #images = new Map<string, { imageID: string; sizeBytes: number; names: string[] }>();
  #imagesVersion = 0;
  #pulling = new Map<string, ((r: PullResult) => void)[]>();
  #sandboxes = new Map<string, Sandbox>();
  #containers = new Map<string, RtContainer>();
  #exitListeners: ((c: RtContainer) => void)[] = [];
  /** The node's own disk, where hostPath and local persistent volumes live (paths without the leading '/'). */
  readonly #disk = new Map<string, string>();
  network: OutsideNetwork | undefined;

  constructor(opts: RuntimeOptions) {
    this.#clock = opts.clock;
    this.#rng = opts.rng;
    for (const ref of [PAUSE_IMAGE, ...(opts.preloaded ?? [])]) this.#store(ref);
  }

  // ---------- images ----------

  hasImage(ref: string): boolean {
    return this.#images.has(parseReference(ref).full);
  }

  imageInfo(ref: string): { imageID: string; sizeBytes: number } | undefined {
    return this.#images.get(parseReference(ref).full);
  }

  /** Changes whenever the image list does: the kubelet's node status recomputes only then. */
  get imagesVersion(): number {
    return this.#imagesVersion;
  }

  /** Node status `images` list, biggest first like the kubelet reports it. */
  listImages(): { names: string[]; sizeBytes: number }[] {
    return [...this.#images.values()].map((i) => ({ names: i.names, sizeBytes: i.sizeBytes })).sort((a, b) => b.sizeBytes - a.sizeBytes);
  }

  /** Pulls on the virtual clock; concurrent pulls of one reference share the download. */
  pullImage(ref: string, done: (r: PullResult) => void): void {
    const res = resolveImage(ref);
    const full = parseReference(ref).full;
    const waiting = this.#pulling.get(full);
    if (waiting) {
      waiting.push(done);
      return;
    }
    this.#pulling.set(full, [done]);
    const ms = res.ok ? pullMs(res.image.compressedSize) : STAGES.pullNotFoundMs;
    this.#clock.setTimeout(() => {
      const result: PullResult = res.ok ? { ok: true, ...this.#store(ref), durationMs: ms } : { ok: false, message: containerdPullError(res) };
      const cbs = this.#pulling.get(full) ?? [];
      this.#pulling.delete(full);
      for (const cb of cbs) cb(result);
    }, ms);
  }

  #store(ref: string): { imageID: string; sizeBytes: number } {
    const res = resolveImage(ref);
    if (!res.ok) throw new Error(`no such image in the registry: ${ref}`);
    const { ref: r, digest, compressedSize } = res.image;
    const entry = { imageID: `${r.repository}@${digest}`, sizeBytes: compressedSize, names: [`${r.repository}@${digest}`, r.full] };
    this.#images.set(r.full, entry);
    this.#imagesVersion++;
    return { imageID: entry.imageID, sizeBytes: entry.sizeBytes };
  }

  /** A directory of the node's disk, shared by every pod on this node that mounts it. */
  hostDir(path: string): VolumeDir {
    return subDir(this.#disk, path);
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

  /**
   * What cAdvisor would measure for a running container over the last
   * window: CPU in millicores (an idle process ~1m, plus the CPU time of the
   * requests it served: CPU_MS_PER_REQUEST each, more for images made to burn
   * CPU like hpa-example) and the memory its program holds.
   */
  usage(c: RtContainer, windowMs = 15_000): { cpuMilli: number; memoryBytes: number } {
    const now = this.#clock.now();
    const served = (c.requests ?? []).filter((t) => t > now - windowMs).length;
    const perRequest = /hpa-example/.test(c.image) ? HPA_EXAMPLE_CPU_MS_PER_REQUEST : CPU_MS_PER_REQUEST;
    const demand = 1 + (served * perRequest * 1000) / windowMs + (c.loadPerSec ?? 0) * perRequest;
    // A CPU limit caps it (CFS quota).
    const cpu = c.cpuLimitMilli !== undefined ? Math.min(demand, c.cpuLimitMilli) : demand;
    return { cpuMilli: c.state === 'running' ? cpu : 0, memoryBytes: c.state === 'running' ? c.memoryBytes : 0 };
  }

  // ---------- containers ----------

  createContainer(sandboxId: string, cfg: ContainerConfig): RtContainer {
    const res = resolveImage(cfg.image);
    if (!res.ok || !this.hasImage(cfg.image)) throw new Error(`image ${cfg.image} is not present`);
    const config = res.image.config;
    const c: RtContainer = {
      id: this.#rng.hex(64),
      sandboxId,
      name: cfg.name,
      image: cfg.image,
      imageID: this.imageInfo(cfg.image)!.imageID,
      state: 'created',
      createdAt: this.#clock.now(),
      env: { ...config.env, ...cfg.env },
      config,
      argv: argvOf(config, cfg.command, cfg.args),
      memoryBytes: 0,
      lines: [],
      timers: [],
      mounts: cfg.mounts ?? [],
      ...(cfg.memoryLimitBytes ? { memoryLimitBytes: cfg.memoryLimitBytes } : {}),
      ...(cfg.stdin ? { stdin: true } : {}),
      ...(cfg.cpuLimitMilli ? { cpuLimitMilli: cfg.cpuLimitMilli } : {}),
    };
    this.#containers.set(c.id, c);
    return c;
  }

  /** Starts the process. Returns the error text for a StartError (the container is then exited, 128). */
  startContainer(id: string): { ok: true } | { ok: false; message: string } {
    const c = this.#containers.get(id);
    const sb = c && this.#sandboxes.get(c.sandboxId);
    if (!c || !sb) return { ok: false, message: `container "${id}" not found` };
    const now = this.#clock.now();
    const launched = launch(c.config, c.argv, { ...this.#sys(c, sb, this.#liveFs(c, sb)), starts: 0 });
    if (!launched.ok) {
      const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${launched.error}: unknown`;
      c.state = 'exited';
      c.startedAt = now;
      this.#exit(c, 128, 'StartError', message);
      return { ok: false, message };
    }
    // A shell with an open stdin (kubectl run -i … sh) waits at its prompt until its input ends.
    const p = c.stdin && isInteractiveShell(this.#sys(c, sb), c.argv) ? { ...launched.program, exit: undefined, logs: [] } : launched.program;
    c.program = p;
    c.state = 'running';
    c.startedAt = now;
    c.memoryBytes = p.memoryBytes;
    for (const port of p.listens) {
      if (sb.ports.has(port)) {
        // Shared network namespace: the second bind on a port fails inside the process.
        const f = p.bindFailure?.(port, now) ?? { logs: [], code: 1, after: 0 };
        for (const line of f.logs) c.lines.push({ at: now, line });
        this.#later(c, f.after, () => this.#exit(c, f.code, f.code === 0 ? 'Completed' : 'Error'));
        return { ok: true };
      }
    }
    for (const port of p.listens) sb.ports.set(port, c.id);
    // The start-up lines are read from the program when asked for (kubectl logs), not copied per container: a
    // server's dozen lines were ~5 KB kept per pod.
    c.startLogsAt = now;
    for (const f of p.fsLater ?? []) this.#later(c, f.at, f.apply);
    if (p.exit) {
      const code = p.exit.code;
      this.#later(c, p.exit.at, () => this.#exit(c, code, code === 0 ? 'Completed' : 'Error'));
    }
    if (c.memoryLimitBytes !== undefined) {
      if (c.memoryBytes > c.memoryLimitBytes) this.#later(c, 0, () => this.#oom(c));
      else if (p.memoryGrows) this.#later(c, Math.ceil(((c.memoryLimitBytes - c.memoryBytes) / STAGES.memoryRampBytesPerSecond) * 1000), () => this.#oom(c));
    }
    return { ok: true };
  }

  /** SIGTERM, then SIGKILL after graceMs if the process ignores it (or needs longer). */
  stopContainer(id: string, graceMs: number): void {
    const c = this.#containers.get(id);
    if (!c || c.state !== 'running') return;
    c.stopRequested = true;
    const stop = c.program?.stop ?? 'ignore';
    if (stop !== 'ignore' && stop.after <= graceMs) {
      const now = this.#clock.now();
      for (const l of stop.logs(now)) if (l.at <= stop.after) c.lines.push({ at: now + l.at, line: l.text });
      this.#later(c, stop.after, () => this.#exit(c, stop.code, stop.code === 0 ? 'Completed' : 'Error'));
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
    const out: { at: number; line: string }[] = [];
    if (c.startLogsAt !== undefined && c.program) for (const l of c.program.logs) if (c.startLogsAt + l.at <= until) out.push({ at: c.startLogsAt + l.at, line: l.text });
    for (const l of c.lines) if (l.at <= until) out.push({ ...l });
    const loop = c.program?.repeat;
    if (loop && c.startedAt !== undefined) {
      for (let t = c.startedAt + loop.from; t <= until; t += loop.every) for (const l of loop.lines) if (t + l.at <= until) out.push({ at: t + l.at, line: l.text });
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

  exec(pod: { namespace: string; name: string }, container: string, argv: string[], input?: ExecInput): ExecResult & { session?: ExecOutput['session'] } {
    const c = this.#find(pod, container);
    const sb = c && this.#sandboxes.get(c.sandboxId);
    if (!c || !sb || c.state !== 'running') return { stdout: '', stderr: `error: unable to upgrade connection: container not found ("${container}")\n`, exitCode: 1 };
    const sys = this.#sys(c, sb);
    // Attach talks to PID 1 itself: a shell started with an open stdin.
    if (input?.attach) argv = c.stdin ? c.argv : [];
    const shell = input && argv.length ? interactiveShell(sys, argv) : undefined;
    if (input && shell) {
      const st = (input.state ??= startSession(sys));
      const result = input.line === undefined ? undefined : execLine(sys, shell, input.line, st);
      // The attached main process: its shell's exit is the container's.
      if (input.attach && result?.exited !== undefined) this.#exit(c, result.exited, result.exited === 0 ? 'Completed' : 'Error');
      return { stdout: result?.stdout ?? '', stderr: result?.stderr ?? '', exitCode: result?.exitCode ?? 0, session: { prompt: shellPrompt(sys, shell, st), ...(result ? { result } : {}) } };
    }
    if (input?.attach) return { stdout: '', stderr: '', exitCode: 0 };
    return execIn(sys, argv);
  }

  /** What answers on podIP:port on this node, for the cluster network and probes. */
  listener(ip: string, port: number): Listener | undefined {
    const sb = [...this.#sandboxes.values()].find((s) => s.ip === ip && s.state === 'ready');
    return sb && this.listenerAt(sb, port);
  }

  listenerAt(sb: Sandbox, port: number): Listener | undefined {
    const c = this.#containers.get(sb.ports.get(port) ?? '');
    const p = c?.program;
    if (!c || c.state !== 'running' || !p?.answer) return undefined;
    const answer = p.answer;
    const log = p.accessLog;
    return (req) => {
      const a = answer(req);
      const now = this.#clock.now();
      (c.requests ??= []).push(now);
      if (c.requests.length > 4096 || c.requests[0]! < now - 60_000) c.requests = c.requests.filter((t) => t > now - 60_000);
      if (a !== 'empty' && log) c.lines.push({ at: now, line: log(req, a, now) });
      return a;
    };
  }

  // ---------- internals ----------

  #find(pod: { namespace: string; name: string }, container: string): RtContainer | undefined {
    const sbs = [...this.#sandboxes.values()].filter((s) => s.name === pod.name && s.namespace === pod.namespace && s.state === 'ready');
    const cs = sbs.flatMap((s) => this.containersIn(s.id)).filter((c) => c.name === container);
    return cs.find((c) => c.state === 'running') ?? cs.at(-1);
  }

  /** What a process or exec in c sees: the pod's network namespace and hostname, its own files. */
  #sys(c: RtContainer, sb: Sandbox, fs = this.#fs(c, sb)): ContainerSys {
    return {
      image: c.config,
      fs,
      hostname: sb.name,
      ip: sb.ip,
      env: { PATH, HOSTNAME: sb.name, ...c.env, HOME: c.env.HOME ?? '/root' },
      workdir: c.config.workdir,
      now: this.#clock.now(),
      net: {
        lookup: (name) => this.network?.lookup(name, sb.namespace),
        connect: (ip, port) => (ip === '127.0.0.1' || ip === sb.ip ? this.listenerAt(sb, port) : this.network?.connect(sb.ip, ip, port)),
      },
    };
  }

  /**
   * The container's files for its program, which keeps them as long as it runs (an nginx reads its pages on each
   * request): each call builds the mount view again, so what is kept is this object, not the view's ~1 KB of closures.
   */
  #liveFs(c: RtContainer, sb: Sandbox): ContainerFs {
    const fs = () => this.#fs(c, sb);
    return { read: (path) => fs().read(path), write: (path, text) => fs().write(path, text), remove: (path) => fs().remove!(path), writeError: (path) => fs().writeError!(path), list: (dir) => fs().list!(dir) };
  }

  #fs(c: RtContainer, sb: Sandbox): ContainerFs {
    const special: Record<string, () => string> = { '/etc/hosts': () => hostsFile(sb.ip, sb.name), '/etc/hostname': () => `${sb.name}\n`, '/etc/resolv.conf': () => resolvConf(sb.namespace) };
    return withMounts(
      {
        read: (path) => {
          const l = c.layer?.get(path);
          if (l !== undefined) return l === WHITEOUT ? undefined : l;
          return special[path]?.() ?? c.config.files[path];
        },
        write: (path, text) => void (c.layer ??= new Map()).set(path, text),
        remove: (path) => void (c.layer ??= new Map()).set(path, WHITEOUT),
        list: (dir) => {
          const prefix = dir === '/' ? '/' : `${dir.replace(/\/$/, '')}/`;
          return [...new Set([...Object.keys(c.config.files), ...(c.layer?.keys() ?? []), ...Object.keys(special)])].filter((p) => p.startsWith(prefix) && c.layer?.get(p) !== WHITEOUT).sort();
        },
      },
      c.mounts,
    );
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
