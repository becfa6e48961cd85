import { simError, type SimError, type SimPosition } from '../../errors.ts';
import { Vfs } from '../../vfs.ts';
import type { BuildConfig, DependsOn, FileObject, FileReference, HealthcheckConfig, NetworkConfig, PortMapping, RestartPolicy, ServiceConfig, VolumeConfig, VolumeMount } from '../types.ts';
import { parseDotenv } from './dotenv.ts';
import { durationMs as parseDuration } from '../../duration.ts';
import { isObject, listToMap } from './merge.ts';
import { parsePortObject, parsePortSpec } from './ports.ts';
import { shlexSplit } from './shlex.ts';
import { parseVolumeObject, parseVolumeSpec } from './volumes.ts';
import type { Path } from './yaml.ts';

type Obj = Record<string, unknown>;

export interface NormalizeContext {
  vfs: Vfs;
  workingDir: string;
  projectName: string;
  /** Interpolation variables; also fill `environment` entries given without a value. */
  vars: Record<string, string>;
  /** File and position of the node at path in the file that set it last. */
  where: (path: Path, key?: boolean) => { file?: string; pos?: SimPosition };
  errors: SimError[];
  /** Attributes accepted but not simulated, in first-seen order. */
  notes: Set<string>;
}

/** Service attributes the simulator models; any other valid attribute becomes a note. */
const MODELLED = new Set([
  'image', 'build', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'volumes', 'networks', 'depends_on',
  'healthcheck', 'restart', 'deploy', 'scale', 'container_name', 'hostname', 'working_dir', 'user', 'labels', 'profiles',
  'stop_grace_period', 'secrets', 'configs',
]);

const HEALTH_DEFAULTS = { interval: 30_000, timeout: 30_000, retries: 3, startPeriod: 0 };
const STOP_GRACE_DEFAULT = 10_000;

function fail(ctx: NormalizeContext, code: string, message: string, path: Path): void {
  ctx.errors.push(simError(code, message, ctx.where(path)));
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const m = listToMap('labels', v);
  if (isObject(m)) for (const [k, x] of Object.entries(m)) out[k] = x === null || x === undefined ? '' : String(x);
  return out;
}

function words(ctx: NormalizeContext, v: unknown, path: Path): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map(String);
  const w = shlexSplit(String(v));
  if (!w) fail(ctx, 'INVALID_COMMAND', `${path.join('.')}: No closing quotation`, path);
  return w;
}

function duration(v: unknown, fallback: number): number {
  return typeof v === 'string' ? (parseDuration(v) ?? fallback) : fallback;
}

function build(ctx: NormalizeContext, v: unknown): BuildConfig | undefined {
  if (v === undefined) return undefined;
  const o: Obj = typeof v === 'string' ? { context: v } : (v as Obj);
  const args: Record<string, string> = {};
  const raw = listToMap('args', o.args);
  if (isObject(raw)) {
    for (const [k, x] of Object.entries(raw)) {
      // An arg without a value takes it from the environment, or is left out.
      const val = x === null ? ctx.vars[k] : String(x);
      if (val !== undefined) args[k] = val;
    }
  }
  const b: BuildConfig = { context: Vfs.resolve(ctx.workingDir, String(o.context ?? '.')), dockerfile: String(o.dockerfile ?? 'Dockerfile'), args };
  if (typeof o.target === 'string') b.target = o.target;
  return b;
}

function envFiles(ctx: NormalizeContext, v: unknown, path: Path): Record<string, string> {
  const out: Record<string, string> = {};
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  list.forEach((entry, i) => {
    const o: Obj = isObject(entry) ? entry : { path: entry };
    const abs = Vfs.resolve(ctx.workingDir, String(o.path));
    const required = o.required === undefined ? true : o.required === true || o.required === 'true';
    const text = ctx.vfs.readFile(abs);
    if (text === undefined) {
      if (required) fail(ctx, 'ENV_FILE_NOT_FOUND', `env file ${abs} not found: stat ${abs}: no such file or directory`, Array.isArray(v) ? [...path, i] : path);
      return;
    }
    Object.assign(out, parseDotenv(text, (k) => ctx.vars[k]));
  });
  return out;
}

function environment(ctx: NormalizeContext, s: Obj, path: Path): Record<string, string> {
  const out = envFiles(ctx, s.env_file, [...path, 'env_file']);
  const m = listToMap('environment', s.environment);
  if (isObject(m)) {
    for (const [k, x] of Object.entries(m)) {
      // `- KEY` or `KEY:` without a value takes it from the environment, or is left out.
      const val = x === null || x === undefined ? ctx.vars[k] : String(x);
      if (val !== undefined) out[k] = val;
    }
  }
  return out;
}

function ports(ctx: NormalizeContext, v: unknown, path: Path): PortMapping[] {
  const out: PortMapping[] = [];
  (Array.isArray(v) ? v : []).forEach((p, i) => {
    const r = typeof p === 'number' ? parsePortSpec(String(p)) : typeof p === 'string' ? parsePortSpec(p) : parsePortObject(p as { target: number });
    if (r.ok) out.push(...r.value);
    else fail(ctx, 'INVALID_PORT', r.error, [...path, i]);
  });
  return out;
}

function volumes(ctx: NormalizeContext, v: unknown, path: Path): VolumeMount[] {
  const out: VolumeMount[] = [];
  (Array.isArray(v) ? v : []).forEach((m, i) => {
    const r = typeof m === 'string' ? parseVolumeSpec(m, ctx.workingDir) : parseVolumeObject(m as { type: string }, ctx.workingDir);
    if (r.ok) out.push(r.value);
    else fail(ctx, 'INVALID_VOLUME', r.error, [...path, i]);
  });
  return out;
}

function networks(s: Obj): Record<string, { aliases: string[] }> {
  if (s.network_mode !== undefined) return {};
  const m = listToMap('networks', s.networks);
  const out: Record<string, { aliases: string[] }> = {};
  if (isObject(m)) for (const [k, x] of Object.entries(m)) out[k] = { aliases: isObject(x) && Array.isArray(x.aliases) ? x.aliases.map(String) : [] };
  if (Object.keys(out).length === 0) out.default = { aliases: [] };
  return out;
}

function dependsOn(s: Obj): Record<string, DependsOn> {
  const m = listToMap('depends_on', s.depends_on);
  const out: Record<string, DependsOn> = {};
  if (isObject(m)) {
    for (const [k, x] of Object.entries(m)) {
      const o = (x ?? {}) as Obj;
      out[k] = {
        condition: (o.condition as DependsOn['condition'] | undefined) ?? 'service_started',
        restart: o.restart === true,
        required: o.required !== false,
      };
    }
  }
  return out;
}

function healthcheck(v: unknown): HealthcheckConfig | undefined {
  if (!isObject(v)) return undefined;
  const t = v.test;
  const test = typeof t === 'string' ? ['CMD-SHELL', t] : Array.isArray(t) ? t.map(String) : [];
  return {
    test,
    interval: duration(v.interval, HEALTH_DEFAULTS.interval),
    timeout: duration(v.timeout, HEALTH_DEFAULTS.timeout),
    retries: typeof v.retries === 'number' ? v.retries : HEALTH_DEFAULTS.retries,
    startPeriod: duration(v.start_period, HEALTH_DEFAULTS.startPeriod),
    disable: v.disable === true || test[0] === 'NONE',
    given: Object.keys(v),
  };
}

function restart(ctx: NormalizeContext, v: unknown, path: Path): { restart: RestartPolicy; max?: number } {
  if (v === undefined) return { restart: 'no' };
  const s = String(v);
  const m = /^on-failure(?::(\d+))?$/.exec(s);
  if (m) return m[1] === undefined ? { restart: 'on-failure' } : { restart: 'on-failure', max: Number(m[1]) };
  if (s === 'no' || s === 'always' || s === 'unless-stopped') return { restart: s };
  fail(ctx, 'INVALID_RESTART', `invalid restart policy: unknown policy '${s}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`, path);
  return { restart: 'no' };
}

/** Notes in the order the attributes appear in the file. */
function noteUnmodelled(ctx: NormalizeContext, s: Obj): void {
  for (const k of Object.keys(s)) {
    if (k.startsWith('x-')) continue;
    if (!MODELLED.has(k)) ctx.notes.add(k);
    else if (k === 'deploy' && isObject(s.deploy)) for (const d of Object.keys(s.deploy)) if (d !== 'replicas' && !d.startsWith('x-')) ctx.notes.add(`deploy.${d}`);
  }
}

export function normalizeService(ctx: NormalizeContext, name: string, s: Obj): ServiceConfig {
  const path = ['services', name];
  noteUnmodelled(ctx, s);
  const r = restart(ctx, s.restart, [...path, 'restart']);
  const deploy = isObject(s.deploy) ? s.deploy : {};
  const out: ServiceConfig = {
    name,
    environment: environment(ctx, s, path),
    ports: ports(ctx, s.ports, [...path, 'ports']),
    volumes: volumes(ctx, s.volumes, [...path, 'volumes']),
    networks: networks(s),
    dependsOn: dependsOn(s),
    restart: r.restart,
    replicas: typeof deploy.replicas === 'number' ? deploy.replicas : typeof s.scale === 'number' ? s.scale : 1,
    labels: stringMap(s.labels),
    profiles: Array.isArray(s.profiles) ? s.profiles.map(String) : [],
    stopGracePeriod: duration(s.stop_grace_period, STOP_GRACE_DEFAULT),
  };
  const opt = {
    image: typeof s.image === 'string' ? s.image : undefined,
    build: build(ctx, s.build),
    command: words(ctx, s.command, [...path, 'command']),
    entrypoint: words(ctx, s.entrypoint, [...path, 'entrypoint']),
    healthcheck: healthcheck(s.healthcheck),
    restartMaxRetries: r.max,
    containerName: s.container_name as string | undefined,
    hostname: s.hostname as string | undefined,
    workingDir: s.working_dir as string | undefined,
    user: s.user as string | undefined,
    secrets: fileRefs(s.secrets, '/run/secrets/'),
    configs: fileRefs(s.configs, '/'),
    unmodelled: unmodelled(s),
  };
  // Optional fields are left out rather than set to undefined, so the model compares and prints cleanly.
  for (const [k, v] of Object.entries(opt)) if (v !== undefined) (out as unknown as Obj)[k] = v;
  return out;
}

/**
 * The valid attributes outside MODELLED, kept as written for `docker compose config`. compose-go
 * normalises `expose` to strings (types.StringOrNumberList), so `3000` prints as "3000".
 */
function unmodelled(s: Obj): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-') || MODELLED.has(k) || v === undefined || v === null) continue;
    out[k] = k === 'expose' && Array.isArray(v) ? v.map(String) : v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** A service's `secrets:`/`configs:` list: names, or {source, target}; a relative target is under `dir`. */
function fileRefs(v: unknown, dir: string): FileReference[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  return v.map((x) => {
    const o = isObject(x) ? x : { source: String(x) };
    const source = String(o.source ?? '');
    const target = typeof o.target === 'string' ? o.target : source;
    return { source, target: target.startsWith('/') ? target : `${dir}${target}`, ...(typeof o.target === 'string' ? { givenTarget: o.target } : {}) };
  });
}

/** Top-level `secrets:` or `configs:`. */
export function normalizeFileObjects(ctx: NormalizeContext, raw: unknown): Record<string, FileObject> | undefined {
  if (!isObject(raw)) return undefined;
  const out: Record<string, FileObject> = {};
  for (const [k, v] of Object.entries(raw)) {
    const o = isObject(v) ? v : {};
    const ext = o.external === true || isObject(o.external);
    out[k] = { external: ext, ...(typeof o.file === 'string' ? { file: Vfs.resolve(ctx.workingDir, o.file) } : {}), ...(typeof o.environment === 'string' ? { environment: o.environment } : {}), ...(typeof o.content === 'string' ? { content: o.content } : {}) };
  }
  return out;
}

function resource<T extends NetworkConfig | VolumeConfig>(project: string, key: string, v: unknown, driver: string): T {
  const o = isObject(v) ? v : {};
  const ext = o.external;
  const external = ext === true || isObject(ext);
  const legacyName = isObject(ext) && typeof ext.name === 'string' ? ext.name : undefined;
  const name = typeof o.name === 'string' ? o.name : (legacyName ?? (external ? key : `${project}_${key}`));
  return { name, driver: typeof o.driver === 'string' ? o.driver : driver, external, labels: stringMap(o.labels) } as T;
}

export function normalizeNetworks(ctx: NormalizeContext, raw: unknown): Record<string, NetworkConfig> {
  const out: Record<string, NetworkConfig> = {};
  for (const [k, v] of Object.entries(isObject(raw) ? raw : {})) out[k] = resource(ctx.projectName, k, v, 'bridge');
  out.default ??= resource(ctx.projectName, 'default', undefined, 'bridge');
  return out;
}

export function normalizeVolumes(ctx: NormalizeContext, raw: unknown): Record<string, VolumeConfig> {
  const out: Record<string, VolumeConfig> = {};
  for (const [k, v] of Object.entries(isObject(raw) ? raw : {})) out[k] = resource(ctx.projectName, k, v, 'local');
  return out;
}
