import type { TimerId } from '../../clock.ts';
import { fail, ok, simError, type Result } from '../../errors.ts';
import type { World } from '../../world.ts';
import type { HealthcheckConfig, PortMapping, RestartPolicy } from '../types.ts';
import { execIn, isInteractiveShell } from '../../containers/exec.ts';
import { hostNet } from '../../hostnet.ts';
import type { ImageConfig } from '../../containers/images.ts';
import { launch, processArgv, type LogLine, type Program } from '../../containers/programs.ts';
import { parseReference } from '../../containers/reference.ts';
import { dockerPullError, resolveImage } from '../../containers/registry.ts';
import type { ContainerFs, ContainerSys, ExecResult, Listener } from '../../containers/types.ts';
import { hexDigest } from './hash.ts';

/**
 * The simulated Docker daemon: one per world, shared by every Compose
 * project, so names and host ports clash across projects as they do on a
 * real host. Every change happens on the world's virtual clock; IDs come from
 * the world's seeded RNG.
 */
/** `nginx:1.27` as `docker images` keys it (familiar repository and tag). */
export function refString(r: { repo: string; tag: string }): string {
  return `${r.repo}:${r.tag}`;
}

export function refOf(written: string): { repo: string; tag: string } {
  const r = parseReference(written);
  return { repo: r.familiar, tag: r.tag };
}

export interface Image {
  id: string;
  repo: string;
  tag: string;
  spec: ImageConfig;
  size: number;
  created: number;
  generic: boolean;
  /** Files the build copied in, by absolute path. */
  files: Record<string, string>;
  labels: Record<string, string>;
}

export interface Network {
  id: string;
  name: string;
  driver: string;
  subnet: string;
  created: number;
  labels: Record<string, string>;
  /** Next host number to hand out (.2, .3, ...). */
  nextHost: number;
}

export interface Volume {
  name: string;
  driver: string;
  created: number;
  labels: Record<string, string>;
  anonymous: boolean;
  /** Contents by path relative to the volume root. */
  files: Map<string, string>;
}

export interface Mount {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name (real) or absolute virtual host path. */
  source: string;
  target: string;
  readOnly: boolean;
}

export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
  entrypoint?: string[];
  env: Record<string, string>;
  ports: PortMapping[];
  mounts: Mount[];
  networks: { name: string; aliases: string[] }[];
  labels: Record<string, string>;
  hostname?: string;
  restart: RestartPolicy;
  maxRetries?: number;
  healthcheck?: HealthcheckConfig;
  stopGracePeriod: number;
  workingDir?: string;
  /** Files the container starts with in its own layer (secrets and configs given by value). */
  files?: Record<string, string>;
  /** `-i` / compose `stdin_open`: the main process has a stdin that stays open, so a shell waits for input instead of exiting. */
  openStdin?: boolean;
  /** `-t` / compose `tty`. */
  tty?: boolean;
}

export type ContainerState = 'created' | 'running' | 'restarting' | 'paused' | 'exited' | 'dead';
export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

export interface LogEntry {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface Container {
  id: string;
  spec: ContainerSpec;
  image: Image;
  state: ContainerState;
  exitCode: number;
  created: number;
  startedAt: number;
  finishedAt: number;
  health?: HealthStatus;
  failingStreak: number;
  restartCount: number;
  /** Set by docker stop: restart policies (except always) stay quiet. */
  stoppedByUser: boolean;
  /** IP per network name. */
  ips: Map<string, string>;
  /** The writable layer. */
  layer: Map<string, string>;
  logs: LogEntry[];
  plan?: Program;
  /** Timers of the current run; cleared when the process ends. */
  timers: TimerId[];
  cancelHealth?: () => void;
  /** Host ports this container holds while it runs ("0.0.0.0:8080/tcp"). */
  boundPorts: string[];
  /** The published ports as bound by the last start: ephemeral host ports filled in. */
  bindings: PortMapping[];
  backoffMs: number;
  /** SIGTERM sent, not yet exited. */
  stopping: boolean;
  /** Called when the process ends (after stop or on its own). */
  exitWaiters: (() => void)[];
}

export type EngineEvent =
  | { type: 'log'; container: Container; entry: LogEntry }
  | { type: 'die'; container: Container }
  | { type: 'start'; container: Container }
  | { type: 'health'; container: Container }
  | { type: 'pause' | 'unpause'; container: Container }
  /** The daemon's other container events (daemon/events): create, destroy, stop after a stop's die, kill with its signal number. */
  | { type: 'create' | 'destroy' | 'stop'; container: Container }
  | { type: 'kill'; container: Container; signal: number };

const GRACE_KILL = 137;

/** The STOPSIGNAL of official images that set one (nginx SIGQUIT, postgres SIGINT, httpd SIGWINCH), else SIGTERM. */
function stopSignal(c: Container): number {
  const repo = c.image.repo.replace(/^(docker\.io\/)?(library\/)?/, '');
  return ({ nginx: 3, postgres: 2, httpd: 28 } as Record<string, number>)[repo] ?? 15;
}
const MAX_BACKOFF = 60_000;

const HEALTH_INTERVAL_DEFAULT_MS = 30_000;

/** dockerd's container-create check of a healthcheck (daemon/container.go): 0 is "default", anything else at least 1ms. */
export function healthcheckError(hc: { interval: number; timeout: number; startPeriod: number; retries: number } | undefined): string | undefined {
  if (!hc) return undefined;
  if (hc.interval !== 0 && hc.interval < 1) return 'Interval in Healthcheck cannot be less than 1ms';
  if (hc.timeout !== 0 && hc.timeout < 1) return 'Timeout in Healthcheck cannot be less than 1ms';
  if (hc.retries < 0) return 'Retries in Healthcheck cannot be negative';
  if (hc.startPeriod !== 0 && hc.startPeriod < 1) return 'StartPeriod in Healthcheck cannot be less than 1ms';
  return undefined;
}

export const daemonError = (message: string) => simError('DAEMON', `Error response from daemon: ${message}`);

export class DockerEngine {
  readonly world: World;
  readonly images = new Map<string, Image>();
  readonly containers = new Map<string, Container>();
  readonly networks = new Map<string, Network>();
  readonly volumes = new Map<string, Volume>();
  readonly #ports = new Map<string, string>();
  readonly #listeners = new Set<(e: EngineEvent) => void>();
  #subnets = 17;
  /** Docker's ephemeral range starts at 32768 and hands ports out in turn. */
  #nextEphemeral = 32768;

  constructor(world: World) {
    this.world = world;
    for (const [name, driver] of [['bridge', 'bridge'], ['host', 'host'], ['none', 'null']] as const) this.createNetwork(name, {}, driver);
    hostNet(world).addPublisher((port) => this.hostListener(port));
  }

  /** What answers on the host's localhost:port: the container publishing it there ('none' when nothing is published on it). */
  hostListener(port: number): Listener | undefined | 'none' {
    const id = this.#ports.get(`0.0.0.0:${port}/tcp`) ?? this.#ports.get(`127.0.0.1:${port}/tcp`);
    const c = id === undefined ? undefined : this.containers.get(id);
    if (!c) return 'none';
    const b = c.bindings.find((x) => x.published === port && x.protocol === 'tcp');
    // docker-proxy accepts the connection even when nothing answers inside: the client sees it closed.
    const l = b && c.state === 'running' ? this.#listener(c, '127.0.0.1', b.target) : undefined;
    return l ?? (() => 'empty');
  }

  get now(): number {
    return this.world.clock.now();
  }

  on(fn: (e: EngineEvent) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(e: EngineEvent): void {
    for (const l of [...this.#listeners]) l(e);
  }

  // ---- images ----

  findImage(ref: string): Image | undefined {
    const r = refOf(ref);
    const byRef = this.images.get(refString(r));
    if (byRef) return byRef;
    for (const img of this.images.values()) if (img.id.startsWith(ref.replace(/^sha256:/, '')) && ref.length >= 4) return img;
    return undefined;
  }

  /** Pulls an image from the (simulated) registry; time is the caller's to spend. */
  pull(ref: string): Result<Image> {
    const res = resolveImage(ref);
    if (!res.ok) return fail(simError(res.reason === 'not-found' ? 'MANIFEST_UNKNOWN' : 'PULL_DENIED', dockerPullError(res)));
    const { image } = res;
    const key = refString({ repo: image.ref.familiar, tag: image.ref.tag });
    const digest = hexDigest(`image:${image.digest}`);
    // Official images were built a week or few before "now"; deterministic per tag.
    const created = this.now - (7 + (parseInt(digest.slice(0, 4), 16) % 35)) * 86_400_000;
    const img: Image = { id: digest, repo: image.ref.familiar, tag: image.ref.tag, spec: image.config, size: image.size, created, generic: image.generic, files: {}, labels: {} };
    this.images.set(key, img);
    return ok(img);
  }

  addImage(img: Image): void {
    const key = refString(img);
    this.images.set(key, img);
  }

  removeImage(ref: string, force = false): Result<Image> {
    const img = this.findImage(ref);
    if (!img) return fail(daemonError(`No such image: ${ref}`));
    const user = [...this.containers.values()].find((c) => c.image === img);
    if (user && !force) {
      return fail(daemonError(`conflict: unable to remove repository reference "${ref}" (must force) - container ${user.id.slice(0, 12)} is using its referenced image ${img.id.slice(0, 12)}`));
    }
    this.images.delete(refString(img));
    return ok(img);
  }

  // ---- networks and volumes ----

  createNetwork(name: string, labels: Record<string, string> = {}, driver = 'bridge'): Result<Network> {
    if (this.networks.has(name)) return fail(daemonError(`network with name ${name} already exists`));
    const n: Network = { id: this.world.rng.hex(64), name, driver, subnet: driver === 'bridge' ? `172.${this.#subnets++}.0.0/16` : '', created: this.now, labels, nextHost: 2 };
    this.networks.set(name, n);
    return ok(n);
  }

  removeNetwork(name: string): Result<Network> {
    const n = this.findNetwork(name);
    if (!n) return fail(daemonError(`network ${name} not found`));
    if (n.name === 'bridge' || n.name === 'host' || n.name === 'none') return fail(daemonError(`${n.name} is a pre-defined network and cannot be removed`));
    if (this.containersOn(n.name).length > 0) return fail(daemonError(`error while removing network: network ${n.name} id ${n.id} has active endpoints`));
    this.networks.delete(n.name);
    return ok(n);
  }

  findNetwork(nameOrId: string): Network | undefined {
    return this.networks.get(nameOrId) ?? [...this.networks.values()].find((n) => nameOrId.length >= 3 && n.id.startsWith(nameOrId));
  }

  /** Containers attached to a network (created ones count: their endpoint is reserved). */
  containersOn(network: string): Container[] {
    return [...this.containers.values()].filter((c) => c.spec.networks.some((n) => n.name === network));
  }

  createVolume(name: string | undefined, labels: Record<string, string> = {}): Volume {
    const real = name ?? this.world.rng.hex(64);
    const existing = this.volumes.get(real);
    if (existing) return existing;
    const v: Volume = { name: real, driver: 'local', created: this.now, labels, anonymous: name === undefined, files: new Map() };
    this.volumes.set(real, v);
    return v;
  }

  removeVolume(name: string, force = false): Result<Volume> {
    const v = this.volumes.get(name);
    if (!v) return fail(daemonError(`get ${name}: no such volume`));
    const users = this.volumeUsers(name);
    if (users.length > 0 && !force) return fail(daemonError(`remove ${name}: volume is in use - [${users.map((c) => c.id).join(', ')}]`));
    this.volumes.delete(name);
    return ok(v);
  }

  volumeUsers(name: string): Container[] {
    return [...this.containers.values()].filter((c) => c.spec.mounts.some((m) => m.type === 'volume' && m.source === name));
  }

  // ---- containers ----

  findContainer(nameOrId: string): Container | undefined {
    const name = nameOrId.replace(/^\//, '');
    for (const c of this.containers.values()) if (c.spec.name === name) return c;
    if (nameOrId.length < 1) return undefined;
    return [...this.containers.values()].find((c) => c.id.startsWith(nameOrId));
  }

  create(spec: ContainerSpec): Result<Container> {
    const clash = this.findContainer(spec.name);
    if (clash && clash.spec.name === spec.name) {
      return fail(daemonError(`Conflict. The container name "/${spec.name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`));
    }
    const image = this.findImage(spec.image);
    if (!image) return fail(daemonError(`No such image: ${spec.image}`));
    const hcErr = healthcheckError(spec.healthcheck);
    if (hcErr) return fail(daemonError(hcErr));
    for (const n of spec.networks) if (!this.networks.has(n.name)) return fail(daemonError(`network ${n.name} not found`));
    const mounts = [...spec.mounts];
    // VOLUME paths of the image that nothing is mounted on get anonymous volumes.
    for (const path of image.spec.volumes ?? []) {
      if (!mounts.some((m) => m.target === path)) mounts.push({ type: 'volume', source: this.createVolume(undefined).name, target: path, readOnly: false });
    }
    for (const m of mounts) if (m.type === 'volume' && !this.volumes.has(m.source)) this.createVolume(m.source);
    const c: Container = {
      id: this.world.rng.hex(64),
      spec: { ...spec, mounts },
      image,
      state: 'created',
      exitCode: 0,
      created: this.now,
      startedAt: 0,
      finishedAt: 0,
      failingStreak: 0,
      restartCount: 0,
      stoppedByUser: false,
      ips: new Map(),
      layer: new Map(Object.entries(spec.files ?? {})),
      logs: [],
      timers: [],
      boundPorts: [],
      bindings: [],
      backoffMs: 100,
      stopping: false,
      exitWaiters: [],
    };
    this.containers.set(c.id, c);
    this.#emit({ type: 'create', container: c });
    return ok(c);
  }

  hostname(c: Container): string {
    return c.spec.hostname ?? c.id.slice(0, 12);
  }

  /** The command as `docker ps` shows it: entrypoint plus command. */
  commandLine(c: Container): string {
    const ep = c.spec.entrypoint ?? c.image.spec.entrypoint;
    const cmd = c.spec.command ?? (c.spec.entrypoint ? [] : c.image.spec.cmd);
    return [...ep, ...cmd].join(' ');
  }

  env(c: Container): Record<string, string> {
    return { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: this.hostname(c), ...c.image.spec.env, ...c.spec.env };
  }

  /** What a process or exec in c sees of its world. */
  sys(c: Container): ContainerSys {
    return {
      image: c.image.spec,
      fs: this.fs(c),
      hostname: this.hostname(c),
      ip: [...c.ips.values()][0] ?? '172.17.0.2',
      env: this.env(c),
      workdir: c.spec.workingDir ?? c.image.spec.workdir,
      now: this.now,
      net: {
        lookup: (name) => this.resolveName(c, name)?.ip,
        connect: (ip, port) => this.#listener(c, ip, port),
      },
    };
  }

  /** `docker exec`: argv in the running container (HOME is set for the exec'd process). */
  exec(c: Container, argv: string[]): ExecResult {
    const sys = this.sys(c);
    return execIn({ ...sys, env: { ...sys.env, HOME: sys.env.HOME ?? '/root' } }, argv);
  }

  /** What answers on ip:port from inside `from`: its own ports on localhost, other containers on shared networks. */
  #listener(from: Container, ip: string, port: number): Listener | undefined {
    const target = ip === '127.0.0.1' ? from : [...this.containers.values()].find((o) => [...o.ips.values()].includes(ip));
    if (!target || target.state !== 'running' || !target.plan) return undefined;
    const plan = target.plan;
    if (this.now - target.startedAt < plan.readyAt || !plan.listens.includes(port) || !plan.answer) return undefined;
    const answer = plan.answer;
    return (req) => {
      const a = answer(req);
      if (a !== 'empty' && plan.accessLog) this.#log(target, plan.accessLog(req, a, this.now));
      return a;
    };
  }

  start(c: Container): Result<Container> {
    if (c.state === 'running' || c.state === 'restarting') return ok(c);
    if (c.state === 'paused') return fail(daemonError(`cannot start a paused container, try unpause instead`));
    const bound: string[] = [];
    const bindings: PortMapping[] = [];
    for (const spec of c.spec.ports) {
      const p = spec.published === undefined ? { ...spec, published: this.#ephemeral(spec) } : spec;
      bindings.push(p);
      const key = `${p.hostIp ?? '0.0.0.0'}:${p.published}/${p.protocol}`;
      const holder = this.#ports.get(key) ?? this.#ports.get(`0.0.0.0:${p.published}/${p.protocol}`);
      // Another program on the host (kubectl port-forward) holding the port: the proxy cannot listen.
      if (!holder && p.protocol === 'tcp' && hostNet(this.world).inUse(p.published!)) {
        for (const k of bound) this.#ports.delete(k);
        return fail(daemonError(`driver failed programming external connectivity on endpoint ${c.spec.name} (${hexDigest(`endpoint:${c.id}`)}): Error starting userland proxy: listen tcp4 ${p.hostIp ?? '0.0.0.0'}:${p.published}: bind: address already in use`));
      }
      if (holder && holder !== c.id) {
        for (const k of bound) this.#ports.delete(k);
        return fail(daemonError(`driver failed programming external connectivity on endpoint ${c.spec.name} (${hexDigest(`endpoint:${c.id}`)}): Bind for ${p.hostIp ?? '0.0.0.0'}:${p.published} failed: port is already allocated`));
      }
      this.#ports.set(key, c.id);
      bound.push(key);
    }
    c.boundPorts = bound;
    c.bindings = bindings;
    c.stoppedByUser = false;
    return this.#run(c);
  }

  #ephemeral(p: PortMapping): number {
    const free = (port: number) => !this.#ports.has(`${p.hostIp ?? '0.0.0.0'}:${port}/${p.protocol}`) && !this.#ports.has(`0.0.0.0:${port}/${p.protocol}`);
    while (!free(this.#nextEphemeral)) this.#nextEphemeral++;
    const port = this.#nextEphemeral;
    this.#nextEphemeral = port >= 60999 ? 32768 : port + 1;
    return port;
  }

  #run(c: Container): Result<Container> {
    const clock = this.world.clock;
    for (const n of c.spec.networks) {
      if (!c.ips.has(n.name)) {
        const net = this.networks.get(n.name);
        if (net) c.ips.set(n.name, `${net.subnet.split('.').slice(0, 2).join('.')}.0.${net.nextHost++}`);
      }
    }
    const sys = this.sys(c);
    const outcome = launch(c.image.spec, processArgv(c.image.spec, c.spec.entrypoint, c.spec.command), { ...sys, starts: c.restartCount });
    if (!outcome.ok) {
      this.#releasePorts(c);
      c.state = 'created';
      c.exitCode = 127;
      return fail(daemonError(`failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${outcome.error}: unknown`));
    }
    // A shell with an open stdin waits at its prompt instead of reading EOF and exiting (docker run -it IMAGE sh).
    const argv = processArgv(c.image.spec, c.spec.entrypoint, c.spec.command);
    const plan = c.spec.openStdin && isInteractiveShell(sys, argv) ? { ...outcome.program, exit: undefined, logs: [] } : outcome.program;
    c.plan = plan;
    c.state = 'running';
    c.startedAt = this.now;
    c.exitCode = 0;
    const started = this.now;
    for (const line of plan.logs) c.timers.push(clock.setTimeout(() => this.#log(c, line.text, line.stream), line.at));
    for (const f of plan.fsLater ?? []) c.timers.push(clock.setTimeout(f.apply, f.at));
    if (plan.repeat) {
      const { every, lines, from } = plan.repeat;
      const tick = () => {
        for (const l of lines) c.timers.push(clock.setTimeout(() => this.#log(c, l.text, l.stream), l.at));
        c.timers.push(clock.setTimeout(tick, every));
      };
      c.timers.push(clock.setTimeout(tick, from));
    }
    if (plan.exit) {
      const code = plan.exit.code;
      c.timers.push(clock.setTimeout(() => this.#exited(c, code), plan.exit.at));
    }
    const hc = c.spec.healthcheck;
    if (hc && !hc.disable && hc.test[0] !== 'NONE') {
      c.health = 'starting';
      c.failingStreak = 0;
      // 0 means "the daemon's default" (30s) in the engine API, as for docker run --health-interval 0s.
      c.cancelHealth = clock.every(hc.interval > 0 ? hc.interval : HEALTH_INTERVAL_DEFAULT_MS, () => this.#probe(c, hc, started));
    } else c.health = undefined;
    this.#emit({ type: 'start', container: c });
    return ok(c);
  }

  /** Runs one health probe: passes once the server is ready, unless the test can never pass. */
  #probe(c: Container, hc: HealthcheckConfig, started: number): void {
    if (c.state !== 'running') return;
    const test = hc.test.slice(1).join(' ');
    // Only what runs unconditionally counts: `curl ... || exit 1` fails only when curl does.
    const doomed = /(^|[;&\s])(false|exit [1-9]\d*)(\s|$|;)/.test(test.split('||')[0]!);
    const pass = !doomed && c.plan !== undefined && this.now - started >= c.plan.readyAt;
    const before = c.health;
    if (pass) {
      c.health = 'healthy';
      c.failingStreak = 0;
    } else if (this.now - started > hc.startPeriod) {
      c.failingStreak++;
      if (c.failingStreak >= hc.retries) c.health = 'unhealthy';
    }
    if (c.health !== before) this.#emit({ type: 'health', container: c });
  }

  #log(c: Container, text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    const entry: LogEntry = { at: this.now, stream, text };
    c.logs.push(entry);
    this.#emit({ type: 'log', container: c, entry });
  }

  #clearTimers(c: Container): void {
    for (const t of c.timers) this.world.clock.clearTimeout(t);
    c.timers = [];
    c.cancelHealth?.();
    c.cancelHealth = undefined;
  }

  #releasePorts(c: Container): void {
    for (const k of c.boundPorts) if (this.#ports.get(k) === c.id) this.#ports.delete(k);
    c.boundPorts = [];
  }

  /** The main process ended. Applies the restart policy with Docker's doubling back-off. */
  /** docker pause: the cgroup freezer stops every process in it (nothing answers); the daemon's errors otherwise. */
  pause(c: Container): string | undefined {
    if (c.state === 'paused') return `Error response from daemon: Container ${c.id} is already paused`;
    if (c.state !== 'running') return `Error response from daemon: Container ${c.id} is not running`;
    c.state = 'paused';
    this.#emit({ type: 'pause', container: c });
    return undefined;
  }

  unpause(c: Container): string | undefined {
    if (c.state !== 'paused') return `Error response from daemon: Container ${c.id} is not paused`;
    c.state = 'running';
    this.#emit({ type: 'unpause', container: c });
    return undefined;
  }

  /** The main process ended by itself with code (an attached shell's `exit`). */
  mainExited(c: Container, code: number): void {
    if (c.state === 'running') this.#exited(c, code);
  }

  #exited(c: Container, code: number): void {
    this.#clearTimers(c);
    c.exitCode = code;
    c.finishedAt = this.now;
    c.state = 'exited';
    c.stopping = false;
    const ranMs = this.now - c.startedAt;
    const waiters = c.exitWaiters;
    c.exitWaiters = [];
    this.#emit({ type: 'die', container: c });
    for (const w of waiters) w();
    const p = c.spec.restart;
    const wants =
      !c.stoppedByUser &&
      (p === 'always' || p === 'unless-stopped' || (p === 'on-failure' && code !== 0 && (c.spec.maxRetries === undefined || c.restartCount < c.spec.maxRetries)));
    if (!wants) {
      this.#releasePorts(c);
      return;
    }
    // A container that ran for 10 s or more starts over from the shortest delay.
    if (ranMs >= 10_000) c.backoffMs = 100;
    const delay = c.backoffMs;
    c.backoffMs = Math.min(c.backoffMs * 2, MAX_BACKOFF);
    c.state = 'restarting';
    c.timers.push(
      this.world.clock.setTimeout(() => {
        c.timers = [];
        if (c.state !== 'restarting') return;
        c.restartCount++;
        this.#run(c);
      }, delay),
    );
  }

  /**
   * Sends SIGTERM and, after the grace period, SIGKILL. Returns how long the
   * container takes to exit, in virtual ms; onExit runs when it has.
   */
  stop(c: Container, graceMs = c.spec.stopGracePeriod, onExit?: () => void): number {
    // A negative grace period (stop_grace_period: -5s) would mean "wait forever" to dockerd; here it is an immediate SIGKILL, never a hang.
    if (!(graceMs >= 0)) graceMs = 0;
    c.stoppedByUser = true;
    if (c.state === 'restarting') {
      this.#clearTimers(c);
      c.state = 'exited';
      this.#releasePorts(c);
      onExit?.();
      return 0;
    }
    if (c.state !== 'running' && c.state !== 'paused') {
      onExit?.();
      return 0;
    }
    if (c.stopping) {
      if (onExit) c.exitWaiters.push(onExit);
      return graceMs;
    }
    // ContainerStop: kill (SIGTERM, 15), then once the container has died, stop.
    c.exitWaiters.push(() => this.#emit({ type: 'stop', container: c }));
    if (onExit) c.exitWaiters.push(onExit);
    c.stopping = true;
    this.#clearTimers(c);
    this.#emit({ type: 'kill', container: c, signal: stopSignal(c) });
    const plan = c.plan?.stop ?? 'ignore';
    const clock = this.world.clock;
    // A process that ignores SIGTERM, or needs longer than the grace period, gets SIGKILL (137).
    if (plan === 'ignore' || plan.after > graceMs) {
      c.timers.push(
        clock.setTimeout(() => {
          this.#emit({ type: 'kill', container: c, signal: 9 });
          this.#exited(c, GRACE_KILL);
        }, graceMs),
      );
      return graceMs;
    }
    for (const l of plan.logs(this.now)) c.timers.push(clock.setTimeout(() => this.#log(c, l.text, l.stream), l.at));
    c.timers.push(clock.setTimeout(() => this.#exited(c, plan.code), plan.after + 1));
    return plan.after + 1;
  }

  /** Stops and waits in virtual time (for commands that block until done). */
  stopAndWait(c: Container, graceMs?: number): void {
    let done = false;
    const ms = this.stop(c, graceMs, () => (done = true));
    if (!done) this.world.clock.advance(ms);
  }

  kill(c: Container): void {
    if (c.state !== 'running' && c.state !== 'restarting' && c.state !== 'paused') return;
    c.stoppedByUser = true;
    this.#emit({ type: 'kill', container: c, signal: 9 });
    this.#exited(c, GRACE_KILL);
  }

  remove(c: Container, force = false): Result<Container> {
    if ((c.state === 'running' || c.state === 'restarting' || c.state === 'paused') && !force) {
      return fail(daemonError(`cannot remove container "/${c.spec.name}": container is running: stop the container before removing or force remove`));
    }
    if (c.state === 'running' || c.state === 'restarting' || c.state === 'paused') this.kill(c);
    this.#clearTimers(c);
    this.#releasePorts(c);
    this.containers.delete(c.id);
    this.#emit({ type: 'destroy', container: c });
    return ok(c);
  }

  // ---- files ----

  /** The container's view of files: mounts (longest target first), its layer, the build, the image. */
  fs(c: Container): ContainerFs {
    const mountFor = (path: string) =>
      [...c.spec.mounts].sort((a, b) => b.target.length - a.target.length).find((m) => path === m.target || path.startsWith(m.target + '/'));
    const rel = (m: Mount, path: string) => path.slice(m.target.length).replace(/^\//, '');
    return {
      read: (path) => {
        const m = mountFor(path);
        if (m?.type === 'volume') return this.volumes.get(m.source)?.files.get(rel(m, path));
        // A bind of a single file (./nginx.conf:/etc/nginx/nginx.conf) is the file itself.
        if (m?.type === 'bind') return this.world.vfs.readFile(rel(m, path) ? `${m.source}/${rel(m, path)}` : m.source);
        if (path === '/etc/hostname') return `${this.hostname(c)}\n`;
        if (path === '/etc/hosts') return hostsFile([...c.ips.values()][0] ?? '172.17.0.2', this.hostname(c));
        if (path === '/etc/resolv.conf') return c.spec.networks.some((n) => n.name !== 'bridge') ? 'nameserver 127.0.0.11\noptions ndots:0\n' : 'nameserver 10.0.2.3\n';
        return c.layer.get(path) ?? c.image.files[path] ?? c.image.spec.files[path];
      },
      write: (path, text) => {
        const m = mountFor(path);
        if (m?.type === 'volume') this.volumes.get(m.source)?.files.set(rel(m, path), text);
        else if (m?.type === 'bind') this.world.vfs.writeFile(rel(m, path) ? `${m.source}/${rel(m, path)}` : m.source, text);
        else c.layer.set(path, text);
      },
      list: (dir) => {
        const prefix = dir === '/' ? '/' : `${dir.replace(/\/$/, '')}/`;
        const out = new Set<string>();
        for (const p of [...Object.keys(c.image.spec.files), ...Object.keys(c.image.files), ...c.layer.keys()]) if (p.startsWith(prefix)) out.add(p);
        for (const m of c.spec.mounts) {
          if (m.type === 'volume') for (const k of this.volumes.get(m.source)?.files.keys() ?? []) out.add(`${m.target}/${k}`);
          if (m.type === 'bind') for (const f of this.world.vfs.isDir(m.source) ? this.world.vfs.walk(m.source) : []) out.add(`${m.target}${f.slice(m.source.length)}`);
        }
        return [...out].filter((p) => p.startsWith(prefix)).sort();
      },
    };
  }

  /** Finds the container a name resolves to from c: service name, alias or container name on a shared network. */
  resolveName(from: Container, host: string): { container: Container; ip: string } | undefined {
    for (const n of from.spec.networks) {
      for (const other of this.containersOn(n.name)) {
        if (other.state !== 'running') continue;
        const names = [other.spec.name, other.id.slice(0, 12), ...(other.spec.networks.find((x) => x.name === n.name)?.aliases ?? [])];
        if (names.includes(host)) return { container: other, ip: other.ips.get(n.name) ?? '' };
      }
    }
    return undefined;
  }
}

export const dockerEngine = (world: World): DockerEngine => world.engine('docker', (w) => new DockerEngine(w));

/** Docker's /etc/hosts for a container on a bridge network. */
function hostsFile(ip: string, hostname: string): string {
  return `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${ip}\t${hostname}\n`;
}

export type { LogLine };
