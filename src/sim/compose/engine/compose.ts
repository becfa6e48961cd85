import type { ComposeProject, ServiceConfig } from '../types.ts';
import { composeScaleLimitMessage, MAX_COMPOSE_REPLICAS } from '../../limits.ts';
import { buildImage } from './build.ts';
import type { Container, ContainerSpec, DockerEngine, Mount } from './docker.ts';
import { hexDigest } from './hash.ts';
import { newReport, Progress, type OpReport } from './progress.ts';
import { LABEL } from './labels.ts';

/**
 * Docker Compose's side of things: turns a project into containers,
 * networks and volumes on the shared engine, labelled the way Compose labels
 * them so `ps`, `down` and a later `up` find them again.
 */
export { LABEL };

export interface UpOptions {
  services?: string[];
  detach: boolean;
  build?: boolean;
  forceRecreate?: boolean;
  noDeps?: boolean;
  wait?: boolean;
  scale?: Record<string, number>;
}

/** How long a `depends_on: service_healthy` or `--wait` waits, in virtual time, before giving up. */
const WAIT_LIMIT_MS = 10 * 60_000;
const STEP_MS = 500;

export class ComposeRunner {
  readonly engine: DockerEngine;
  readonly project: ComposeProject;

  constructor(engine: DockerEngine, project: ComposeProject) {
    this.engine = engine;
    this.project = project;
  }

  get #clock() {
    return this.engine.world.clock;
  }

  /** `no such service: wbe`, or undefined when every name is a service. */
  checkServices(names: string[]): string | undefined {
    const bad = names.find((n) => !(n in this.project.services));
    return bad === undefined ? undefined : `no such service: ${bad}`;
  }

  /** Project containers (all projects' containers carry the label), sorted by name like `compose ps`. */
  containers(opts: { all?: boolean; services?: string[]; orphans?: boolean } = {}): Container[] {
    return [...this.engine.containers.values()]
      .filter((c) => c.spec.labels[LABEL.project] === this.project.name)
      .filter((c) => opts.orphans || c.spec.labels[LABEL.service]! in this.project.services)
      .filter((c) => !opts.services?.length || opts.services.includes(c.spec.labels[LABEL.service]!))
      .filter((c) => opts.all || c.state === 'running' || c.state === 'restarting' || c.state === 'paused')
      .sort((a, b) => (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0));
  }

  /**
   * Containers of services the file no longer declares. A service only disabled by its profile is
   * not an orphan (docker/compose pkg/compose isOrphaned counts project.DisabledServiceNames() as
   * known), so `up`/`down` without `--profile` neither warn about nor remove its containers.
   */
  orphans(): Container[] {
    const known = (s: string) => s in this.project.services || (this.project.disabledServices ?? []).includes(s);
    return this.containers({ all: true, orphans: true }).filter((c) => !known(c.spec.labels[LABEL.service]!));
  }

  serviceContainers(service: string): Container[] {
    return this.containers({ all: true, services: [service] }).sort((a, b) => Number(a.spec.labels[LABEL.number]) - Number(b.spec.labels[LABEL.number]));
  }

  imageRef(svc: ServiceConfig): string {
    return svc.image ?? `${this.project.name}-${svc.name}`;
  }

  /** Services in dependency order (dependencies first), optionally with their dependencies added. */
  order(services: string[] = Object.keys(this.project.services), withDeps = true): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const visit = (name: string, chain: Set<string>) => {
      if (seen.has(name) || chain.has(name)) return;
      const svc = this.project.services[name];
      if (!svc) return;
      chain.add(name);
      for (const dep of Object.keys(svc.dependsOn)) if (withDeps || services.includes(dep)) visit(dep, chain);
      chain.delete(name);
      seen.add(name);
      out.push(name);
    };
    for (const s of Object.keys(this.project.services)) if (services.includes(s)) visit(s, new Set());
    return out;
  }

  configHash(svc: ServiceConfig): string {
    const { replicas: _r, ...rest } = svc;
    return hexDigest(JSON.stringify(rest));
  }

  #networkName(key: string): string {
    return this.project.networks[key]?.name ?? `${this.project.name}_${key}`;
  }

  #volumeName(key: string): string {
    return this.project.volumes[key]?.name ?? `${this.project.name}_${key}`;
  }

  containerSpec(svc: ServiceConfig, n: number, inherited: Mount[]): ContainerSpec {
    const p = this.project;
    const name = svc.containerName ?? `${p.name}-${svc.name}-${n}`;
    const mounts: Mount[] = svc.volumes.map((v) => ({
      type: v.type,
      source: v.type === 'volume' ? (v.source === undefined ? (inherited.find((m) => m.target === v.target)?.source ?? this.engine.createVolume(undefined).name) : this.#volumeName(v.source)) : (v.source ?? ''),
      target: v.target,
      readOnly: v.readOnly,
    }));
    // Anonymous volumes (the image's VOLUME paths) survive a recreate, as Compose copies them over.
    for (const m of inherited) if (!mounts.some((x) => x.target === m.target)) mounts.push(m);
    // Secrets and configs: a file is bind-mounted read-only; an environment variable or inline content is written in.
    const files: Record<string, string> = {};
    for (const [refs, decl] of [[svc.secrets, p.secrets], [svc.configs, p.configs]] as const) {
      for (const r of refs ?? []) {
        const d = decl?.[r.source];
        if (d?.file) mounts.push({ type: 'bind', source: d.file, target: r.target, readOnly: true });
        else if (d?.environment !== undefined) files[r.target] = p.environment[d.environment] ?? '';
        else if (d?.content !== undefined) files[r.target] = d.content;
      }
    }
    const nets = Object.keys(svc.networks).length ? svc.networks : { default: { aliases: [] } };
    return {
      name,
      image: this.imageRef(svc),
      command: svc.command,
      entrypoint: svc.entrypoint,
      env: svc.environment,
      ports: svc.ports,
      mounts,
      networks: Object.entries(nets).map(([k, v]) => ({ name: this.#networkName(k), aliases: [svc.name, name, ...v.aliases] })),
      labels: {
        ...svc.labels,
        [LABEL.project]: p.name,
        [LABEL.service]: svc.name,
        [LABEL.number]: String(n),
        [LABEL.hash]: this.configHash(svc),
        [LABEL.image]: this.engine.findImage(this.imageRef(svc))?.id ?? '',
        [LABEL.workdir]: p.workingDir,
        [LABEL.files]: p.composeFiles.join(','),
        [LABEL.oneoff]: 'False',
      },
      hostname: svc.hostname,
      restart: svc.restart,
      maxRetries: svc.restartMaxRetries,
      healthcheck: svc.healthcheck,
      stopGracePeriod: svc.stopGracePeriod,
      workingDir: svc.workingDir,
      ...(Object.keys(files).length ? { files } : {}),
    };
  }

  /** Pulls images that are missing (or all, for `pull`). */
  pull(services: string[], report: OpReport, always = false): boolean {
    const todo = services.map((s) => this.project.services[s]!).filter((s) => s.image && !this.#builtHere(s) && (always || !this.engine.findImage(s.image)));
    if (todo.length === 0) return true;
    const prog = new Progress(this.#clock, 'Pulling');
    prog.textStatus = true;
    report.sections.push({ kind: 'progress', progress: prog });
    for (const svc of todo) {
      prog.event(svc.name, 'Pulling', 'working');
      const r = this.engine.pull(svc.image!);
      if (!r.ok) {
        this.#clock.advance(1500);
        const msg = r.errors[0]!.message;
        prog.event(svc.name, `Error ${msg.replace(/^Error response from daemon: /, '')}`, 'error');
        report.errors.push(msg);
        return false;
      }
      if (r.value.generic && !report.warnings.some((w) => w.startsWith(`note: ${svc.image} `))) {
        report.warnings.push(`note: ${svc.image} is not modelled by the simulator; its container starts and stays up without logs`);
      }
      this.#clock.advance(1500 + Math.round(r.value.size / 40_000));
      prog.event(svc.name, 'Pulled');
    }
    return true;
  }

  /** Compose never pulls an image the project builds: this service's own `build:`, or another service's with the same `image:`. */
  #builtHere(svc: ServiceConfig): boolean {
    return svc.build !== undefined || Object.values(this.project.services).some((o) => o.build !== undefined && o.image === svc.image);
  }

  build(services: string[], report: OpReport, force: boolean): boolean {
    const todo = services.map((s) => this.project.services[s]!).filter((s) => s.build && (force || !this.engine.findImage(this.imageRef(s))));
    if (todo.length === 0) return true;
    const prog = new Progress(this.#clock, 'Building');
    const text: string[] = [];
    report.sections.push({ kind: 'text', lines: text });
    for (const svc of todo) {
      const r = buildImage(this.engine, svc.name, svc.build!, this.imageRef(svc));
      if (!r.ok) {
        report.errors.push(r.errors[0]!.message);
        return false;
      }
      text.push(...r.value.lines);
      for (const note of r.value.notes) if (!report.warnings.includes(note)) report.warnings.push(note);
      prog.event(`Service ${svc.name}`, 'Building', 'working');
      this.#clock.advance(r.value.ms);
      prog.event(`Service ${svc.name}`, 'Built');
    }
    report.sections.push({ kind: 'progress', progress: prog });
    return true;
  }

  #ensureNetworks(services: string[], prog: Progress, report: OpReport): boolean {
    const keys = new Set<string>();
    for (const s of services) {
      const nets = this.project.services[s]!.networks;
      for (const k of Object.keys(nets).length ? Object.keys(nets) : ['default']) keys.add(k);
    }
    for (const k of keys) {
      const cfg = this.project.networks[k];
      const name = this.#networkName(k);
      if (this.engine.networks.has(name)) continue;
      if (cfg?.external) {
        report.errors.push(`network ${name} declared as external, but could not be found`);
        return false;
      }
      prog.event(`Network ${name}`, 'Creating', 'working');
      this.#clock.advance(100);
      this.engine.createNetwork(name, { [LABEL.project]: this.project.name, [LABEL.network]: k, ...cfg?.labels }, cfg?.driver ?? 'bridge');
      prog.event(`Network ${name}`, 'Created');
    }
    return true;
  }

  #ensureVolumes(services: string[], prog: Progress, report: OpReport): boolean {
    const keys = new Set<string>();
    for (const s of services) for (const v of this.project.services[s]!.volumes) if (v.type === 'volume' && v.source !== undefined) keys.add(v.source);
    for (const k of keys) {
      const cfg = this.project.volumes[k];
      const name = this.#volumeName(k);
      if (this.engine.volumes.has(name)) continue;
      if (cfg?.external) {
        report.errors.push(`external volume "${name}" not found`);
        return false;
      }
      prog.event(`Volume "${name}"`, 'Creating', 'working');
      this.engine.createVolume(name, { [LABEL.project]: this.project.name, [LABEL.volume]: k, ...cfg?.labels });
      prog.event(`Volume "${name}"`, 'Created');
    }
    return true;
  }

  /** What `run` needs before its one-off container: the service's image (pulled or built), its networks and volumes. */
  prepareRun(service: string): OpReport {
    const report = newReport();
    if (!this.pull([service], report) || !this.build([service], report, false)) return report;
    const prog = new Progress(this.#clock);
    report.sections.push({ kind: 'progress', progress: prog });
    if (this.#ensureNetworks([service], prog, report)) this.#ensureVolumes([service], prog, report);
    return report;
  }

  up(opts: UpOptions): OpReport {
    const report = newReport();
    const selected = opts.services?.length ? opts.services : Object.keys(this.project.services);
    const services = this.order(selected, !opts.noDeps);
    const orphans = this.orphans();
    if (orphans.length) {
      report.warnings.push(`WARN[0000] Found orphan containers ([${orphans.map((c) => c.spec.name).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`);
    }
    // Checked before anything is pulled or created: a size the simulator cannot run is refused whole.
    for (const s of services) {
      const want = opts.scale?.[s] ?? this.project.services[s]!.replicas;
      if (want > MAX_COMPOSE_REPLICAS) {
        report.errors.push(composeScaleLimitMessage(s, want));
        return report;
      }
    }
    if (!this.pull(services, report)) return report;
    if (!this.build(services, report, opts.build ?? false)) return report;
    const prog = new Progress(this.#clock);
    report.sections.push({ kind: 'progress', progress: prog });
    if (!this.#ensureNetworks(services, prog, report) || !this.#ensureVolumes(services, prog, report)) return report;
    const toStart: Container[] = [];
    for (const s of services) {
      const svc = this.project.services[s]!;
      const want = opts.scale?.[s] ?? svc.replicas;
      const existing = this.serviceContainers(s);
      const imageId = this.engine.findImage(this.imageRef(svc))?.id ?? '';
      for (const c of existing) {
        const n = Number(c.spec.labels[LABEL.number]);
        const row = `Container ${c.spec.name}`;
        if (n > want) {
          prog.event(row, 'Stopping', 'working');
          this.engine.stopAndWait(c);
          this.engine.remove(c, true);
          prog.event(row, 'Removed');
          continue;
        }
        const changed = opts.forceRecreate || c.spec.labels[LABEL.hash] !== this.configHash(svc) || c.image.id !== imageId;
        if (changed) {
          prog.event(row, 'Recreate', 'working');
          this.engine.stopAndWait(c);
          this.engine.remove(c, true);
          const inherited = c.spec.mounts.filter((m) => m.type === 'volume' && this.engine.volumes.get(m.source)?.anonymous);
          const r = this.engine.create(this.containerSpec(svc, n, inherited));
          if (!r.ok) {
            report.errors.push(r.errors[0]!.message);
            return report;
          }
          this.#clock.advance(100);
          prog.event(`Container ${r.value.spec.name}`, 'Recreated');
          toStart.push(r.value);
        } else if (c.state === 'running') {
          prog.event(row, 'Running');
        } else toStart.push(c);
      }
      for (let n = 1; n <= want; n++) {
        if (existing.some((c) => Number(c.spec.labels[LABEL.number]) === n)) continue;
        const spec = this.containerSpec(svc, n, []);
        prog.event(`Container ${spec.name}`, 'Creating', 'working');
        const r = this.engine.create(spec);
        if (!r.ok) {
          prog.event(`Container ${spec.name}`, 'Error', 'error');
          report.errors.push(r.errors[0]!.message);
          return report;
        }
        this.#clock.advance(100);
        prog.event(`Container ${spec.name}`, 'Created');
        toStart.push(r.value);
      }
    }
    if (!this.startContainers(toStart, prog, report, opts.detach)) return report;
    if (opts.wait) this.#waitAll(services, prog, report);
    return report;
  }

  /**
   * Starts containers in dependency order, waiting for each dependency's
   * condition first. `record` false keeps the block showing Created (attached up).
   */
  startContainers(list: Container[], prog: Progress, report: OpReport, record = true): boolean {
    // docker/compose InDependencyOrder starts every service whose dependencies are already met at
    // once, concurrently, and a service waits only for its own dependencies' conditions. So services
    // that wait for nothing (no condition but service_started, all the way down) start first here, and
    // a dependency that fails its condition (exited, unhealthy) keeps only its dependents at Created;
    // the failure then cancels what is still waiting, as the errgroup's context does upstream.
    const waitsFor = (name: string, seen = new Set<string>()): boolean => {
      if (seen.has(name)) return false;
      seen.add(name);
      const svc = this.project.services[name];
      return !!svc && Object.entries(svc.dependsOn).some(([dep, d]) => d.condition !== 'service_started' || waitsFor(dep, seen));
    };
    const waiting = (c: Container) => waitsFor(c.spec.labels[LABEL.service]!);
    for (const c of [...list.filter((c) => !waiting(c)), ...list.filter(waiting)]) {
      const svc = this.project.services[c.spec.labels[LABEL.service]!];
      if (svc && !this.#waitDeps(svc, prog, report)) return false;
      const row = `Container ${c.spec.name}`;
      if (record) prog.event(row, 'Starting', 'working');
      const r = this.engine.start(c);
      if (!r.ok) {
        report.errors.push(r.errors[0]!.message);
        return false;
      }
      this.#clock.advance(250);
      if (record) prog.event(row, 'Started');
    }
    return true;
  }

  #waitDeps(svc: ServiceConfig, prog: Progress, report: OpReport): boolean {
    for (const [dep, d] of Object.entries(svc.dependsOn)) {
      if (d.condition === 'service_started') continue;
      for (const c of this.serviceContainers(dep)) {
        const row = `Container ${c.spec.name}`;
        prog.event(row, 'Waiting', 'working');
        const healthy = d.condition === 'service_healthy';
        const done = () => (healthy ? c.health === 'healthy' || c.health === 'unhealthy' || c.state === 'exited' : c.state === 'exited');
        for (let t = 0; t < WAIT_LIMIT_MS && !done(); t += STEP_MS) this.#clock.advance(STEP_MS);
        if (healthy) {
          if (c.health !== 'healthy') {
            prog.event(row, 'Error', 'error');
            report.errors.push(c.health === 'unhealthy' ? `dependency failed to start: container ${c.spec.name} is unhealthy` : `dependency failed to start: container ${c.spec.name} exited (${c.exitCode})`);
            return false;
          }
          prog.event(row, 'Healthy');
        } else {
          if (c.exitCode !== 0) {
            // pkg/compose/convergence.go waitDependencies: containerReasonEvents(waitingFor, progress.ErrorMessageEvent, msg),
            // so the row carries the message itself (an unhealthy dependency gets ErrorEvent's plain "Error").
            const msg = `service "${dep}" didn't complete successfully: exit ${c.exitCode}`;
            prog.event(row, msg, 'error');
            report.errors.push(msg);
            return false;
          }
          prog.event(row, 'Exited');
        }
      }
    }
    return true;
  }

  #waitAll(services: string[], prog: Progress, report: OpReport): void {
    for (const s of services) {
      for (const c of this.serviceContainers(s)) {
        const row = `Container ${c.spec.name}`;
        prog.event(row, 'Waiting', 'working');
        const done = () => c.state !== 'running' || !c.spec.healthcheck || c.health !== 'starting';
        for (let t = 0; t < WAIT_LIMIT_MS && !done(); t += STEP_MS) this.#clock.advance(STEP_MS);
        if (c.state === 'running' && (c.health === undefined || c.health === 'healthy')) prog.event(row, 'Healthy');
        else {
          prog.event(row, 'Error', 'error');
          report.errors.push(c.health === 'unhealthy' ? `container ${c.spec.name} is unhealthy` : `container ${c.spec.name} exited (${c.exitCode})`);
        }
      }
    }
  }

  /** Containers of the given services (all when empty), dependents first: the order to stop in. */
  #stopOrder(services: string[] = [], all = false): Container[] {
    const order = this.order(services.length ? services : Object.keys(this.project.services), false).reverse();
    return order.flatMap((s) => this.serviceContainers(s)).filter((c) => all || c.state === 'running' || c.state === 'restarting' || c.state === 'paused');
  }

  stop(services: string[] = []): OpReport {
    const report = newReport();
    const prog = new Progress(this.#clock, 'Stopping');
    report.sections.push({ kind: 'progress', progress: prog });
    for (const c of this.#stopOrder(services)) {
      prog.event(`Container ${c.spec.name}`, 'Stopping', 'working');
      this.engine.stopAndWait(c);
      prog.event(`Container ${c.spec.name}`, 'Stopped');
    }
    return report;
  }

  start(services: string[] = []): OpReport {
    const report = newReport();
    const prog = new Progress(this.#clock);
    report.sections.push({ kind: 'progress', progress: prog });
    const list = this.order(services.length ? services : Object.keys(this.project.services), false)
      .flatMap((s) => this.serviceContainers(s))
      .filter((c) => c.state !== 'running' && c.state !== 'restarting');
    this.startContainers(list, prog, report);
    return report;
  }

  restart(services: string[] = []): OpReport {
    const report = newReport();
    const prog = new Progress(this.#clock, 'Restarting');
    report.sections.push({ kind: 'progress', progress: prog });
    const list = this.order(services.length ? services : Object.keys(this.project.services), false).flatMap((s) => this.serviceContainers(s));
    for (const c of list) {
      const row = `Container ${c.spec.name}`;
      prog.event(row, 'Restarting', 'working');
      this.engine.stopAndWait(c);
      const r = this.engine.start(c);
      if (!r.ok) {
        report.errors.push(r.errors[0]!.message);
        return report;
      }
      this.#clock.advance(250);
      prog.event(row, 'Started');
    }
    return report;
  }

  down(opts: { services?: string[]; volumes?: boolean; rmi?: 'local' | 'all'; removeOrphans?: boolean } = {}): OpReport {
    const report = newReport();
    const prog = new Progress(this.#clock);
    report.sections.push({ kind: 'progress', progress: prog });
    const orphans = this.orphans();
    if (orphans.length && !opts.removeOrphans) {
      report.warnings.push(`WARN[0000] Found orphan containers ([${orphans.map((c) => c.spec.name).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`);
    }
    const only = opts.services ?? [];
    const list = [...(opts.removeOrphans ? orphans : []), ...this.#stopOrder(only, true)];
    for (const c of list) {
      const row = `Container ${c.spec.name}`;
      prog.event(row, 'Stopping', 'working');
      this.engine.stopAndWait(c);
      prog.event(row, 'Stopped', 'working');
      prog.event(row, 'Removing', 'working');
      this.engine.remove(c, true);
      // Anonymous volumes go with the container only on down -v (docker rm -v).
      if (opts.volumes) for (const m of c.spec.mounts) if (m.type === 'volume' && this.engine.volumes.get(m.source)?.anonymous) this.engine.removeVolume(m.source);
      this.#clock.advance(50);
      prog.event(row, 'Removed');
    }
    // `down SERVICE...` takes only those services' containers; networks and volumes stay for the rest.
    if (only.length) return report;
    if (opts.volumes) {
      for (const [k, cfg] of Object.entries(this.project.volumes)) {
        const name = this.#volumeName(k);
        if (cfg.external || !this.engine.volumes.has(name)) continue;
        const r = this.engine.removeVolume(name);
        if (r.ok) prog.event(`Volume ${name}`, 'Removed');
        else report.errors.push(r.errors[0]!.message);
      }
    }
    for (const [k, cfg] of Object.entries(this.project.networks)) {
      const name = this.#networkName(k);
      if (cfg.external || !this.engine.networks.has(name)) continue;
      prog.event(`Network ${name}`, 'Removing', 'working');
      this.#clock.advance(100);
      // docker/compose pkg/compose/down.go removeNetwork: a network that still has containers (a profile's
      // service that this `down` did not select, a `docker run --network`) is left with a warning, and down
      // still succeeds.
      if (this.engine.containersOn(name).length > 0) {
        prog.event(`Network ${name}`, 'Resource is still in use', 'warning');
        continue;
      }
      const r = this.engine.removeNetwork(name);
      if (r.ok) prog.event(`Network ${name}`, 'Removed');
      else report.errors.push(r.errors[0]!.message);
    }
    if (opts.rmi) {
      for (const svc of Object.values(this.project.services)) {
        if (opts.rmi === 'local' && svc.image) continue;
        const img = this.engine.findImage(this.imageRef(svc));
        if (!img) continue;
        const r = this.engine.removeImage(this.imageRef(svc));
        if (r.ok) prog.event(`Image ${this.imageRef(svc)}`, 'Removed');
      }
    }
    return report;
  }
}
