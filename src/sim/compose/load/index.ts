import { fail, simError, type Result, type SimError } from '../../errors.ts';
import { Vfs } from '../../vfs.ts';
import type { ComposeProject, LoadOptions, ServiceConfig } from '../types.ts';
import { checkProject } from './check.ts';
import { parseDotenv } from './dotenv.ts';
import { interpolateValue, type InterpolationContext } from './interpolate.ts';
import { isObject, mergeFiles } from './merge.ts';
import { invalidProjectNameMessage, isValidProjectName, normalizeProjectName } from './name.ts';
import { normalizeFileObjects, normalizeNetworks, normalizeService, normalizeVolumes, type NormalizeContext } from './normalize.ts';
import { validateFile } from './schema-check.ts';
import { locate, parseYaml, type ParsedFile, type Path } from './yaml.ts';

export { renderConfig } from './render.ts';

/** Looked up in this order in the working directory, then in its parents, like compose. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export const VERSION_OBSOLETE = 'the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion';

/** Top-level sections that are valid but not simulated. */
const UNSIMULATED_TOP = ['include', 'models'];

/**
 * The line compose prints for a warning: `WARN[0000] <file>: ...` for the
 * obsolete `version`, `WARN[0000] ...` for unset variables, and the note
 * itself for features the simulator accepts without modelling.
 */
export function formatWarning(w: SimError): string {
  if (w.code === 'NOT_SIMULATED') return w.message;
  return w.code === 'OBSOLETE_VERSION' && w.file ? `WARN[0000] ${w.file}: ${w.message}` : `WARN[0000] ${w.message}`;
}

function findFiles(vfs: Vfs, opts: LoadOptions, cwd: string): Result<string[]> {
  if (opts.files?.length) {
    const paths = opts.files.map((f) => Vfs.resolve(cwd, f));
    const missing = paths.find((p) => !vfs.isFile(p));
    return missing ? fail(simError('FILE_NOT_FOUND', `open ${missing}: no such file or directory`, { file: missing })) : { ok: true, value: paths };
  }
  for (let dir = cwd; ; dir = Vfs.dirname(dir)) {
    const hit = COMPOSE_FILE_NAMES.map((n) => Vfs.resolve(dir, n)).find((p) => vfs.isFile(p));
    if (hit) return { ok: true, value: [hit] };
    if (dir === '/') return fail(simError('NO_CONFIG', 'no configuration file provided: not found'));
  }
}

function has(value: unknown, path: Path): boolean {
  let v = value;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isObject(v) && Object.hasOwn(v, String(seg))) v = v[String(seg)];
    else return false;
  }
  return true;
}

function projectName(opts: LoadOptions, vars: Record<string, string>, merged: Record<string, unknown>, workingDir: string, where: NormalizeContext['where']): Result<string> {
  const explicit = opts.projectName ?? vars.COMPOSE_PROJECT_NAME ?? (typeof merged.name === 'string' ? merged.name : undefined);
  if (explicit !== undefined && explicit !== '') {
    if (!isValidProjectName(explicit)) {
      const at = opts.projectName === undefined && vars.COMPOSE_PROJECT_NAME === undefined ? where(['name']) : {};
      return fail(simError('INVALID_PROJECT_NAME', invalidProjectNameMessage(explicit), at));
    }
    return { ok: true, value: explicit };
  }
  const derived = normalizeProjectName(Vfs.basename(workingDir));
  return derived ? { ok: true, value: derived } : fail(simError('INVALID_PROJECT_NAME', 'project name must not be empty'));
}

/**
 * Loads the compose files of a project from the virtual file system into the
 * normalised model: find, parse, interpolate, validate (per file), merge,
 * normalise, drop inactive profiles, check. Every problem is returned.
 */
export function loadProject(vfs: Vfs, opts: LoadOptions): Result<ComposeProject> {
  const cwd = Vfs.normalize(opts.cwd);
  const found = findFiles(vfs, opts, cwd);
  if (!found.ok) return found;
  const files = found.value;
  const workingDir = Vfs.dirname(files[0]!);

  const dotenv = vfs.readFile(Vfs.resolve(workingDir, '.env'));
  const vars: Record<string, string> = { ...(dotenv === undefined ? {} : parseDotenv(dotenv)), ...opts.env };
  const ictx: InterpolationContext = { vars, warned: new Set(), warnings: [] };

  const errors: SimError[] = [];
  const warnings: SimError[] = [];
  const parsed: ParsedFile[] = [];
  const values: unknown[] = [];
  for (const file of files) {
    const p = parseYaml(file, vfs.readFile(file) ?? '');
    if (!p.ok) {
      errors.push(...p.errors);
      continue;
    }
    const pf = p.value;
    if (pf.value === null || pf.value === undefined) {
      errors.push(simError('EMPTY_FILE', 'empty compose file', { file }));
      continue;
    }
    if (!isObject(pf.value)) {
      errors.push(simError('NOT_A_MAPPING', 'top-level object must be a mapping', { file, pos: locate(pf, []) }));
      continue;
    }
    if (pf.value.version !== undefined) {
      warnings.push(simError('OBSOLETE_VERSION', VERSION_OBSOLETE, { file, pos: locate(pf, ['version'], true), severity: 'warning' }));
    }
    const interpolated = interpolateValue(pf.value, ictx);
    for (const e of interpolated.errors) errors.push(simError(e.code, e.message, { file, pos: locate(pf, e.path) }));
    if (interpolated.errors.length) continue;
    errors.push(...validateFile(pf, interpolated.value));
    parsed.push(pf);
    values.push(interpolated.value);
  }
  if (errors.length) return fail(errors[0]!, ...errors.slice(1));

  const where: NormalizeContext['where'] = (path, key) => {
    for (let i = values.length - 1; i >= 0; i--) if (has(values[i], path)) return { file: parsed[i]!.file, pos: locate(parsed[i]!, path, key) };
    return { file: parsed[0]?.file };
  };
  const merged = mergeFiles(values);
  const name = projectName(opts, vars, merged, workingDir, where);
  if (!name.ok) return name;

  const ctx: NormalizeContext = { vfs, workingDir, projectName: name.value, vars, where, errors, notes: new Set() };
  for (const k of UNSIMULATED_TOP) if (merged[k] !== undefined) ctx.notes.add(k);

  const cycle = extendsCycle(isObject(merged.services) ? merged.services : {}, files[0]!);
  if (cycle) return fail(simError('EXTENDS_CYCLE', cycle, where(['services', cycle.split('\n')[1]!.trim().split(' ')[0]!, 'extends'])));

  const active = new Set(opts.profiles ?? []);
  const services: Record<string, ServiceConfig> = {};
  const disabled: string[] = [];
  const rawServices = isObject(merged.services) ? merged.services : {};
  for (const [sname, raw] of Object.entries(rawServices)) {
    const s = normalizeService(ctx, sname, isObject(raw) ? raw : {});
    // A service with profiles runs only when one of them is active (`*` activates all).
    if (s.profiles.length === 0 || active.has('*') || s.profiles.some((p) => active.has(p))) services[sname] = s;
    else disabled.push(sname);
  }
  const networks = normalizeNetworks(ctx, merged.networks);
  const volumes = normalizeVolumes(ctx, merged.volumes);
  const secrets = normalizeFileObjects(ctx, merged.secrets);
  const configs = normalizeFileObjects(ctx, merged.configs);
  // A service may only use secrets and configs the project declares (compose-go's checks).
  for (const s of Object.values(services)) {
    for (const [kind, refs, decl] of [['secret', s.secrets, secrets], ['config', s.configs, configs]] as const) {
      for (const r of refs ?? []) if (!decl?.[r.source]) errors.push(simError('UNDEFINED_REF', `service "${s.name}" refers to undefined ${kind} ${r.source}: invalid compose project`, where(['services', s.name, `${kind}s`])));
    }
  }
  const extendsOf = (s: string) => isObject(rawServices[s]) && (rawServices[s] as Record<string, unknown>).extends !== undefined;
  errors.push(...checkProject({ services, networks, volumes }, where, extendsOf));
  if (errors.length) return fail(errors[0]!, ...errors.slice(1));

  for (const n of ctx.notes) {
    const verb = n.endsWith('s') ? 'are' : 'is';
    warnings.push(simError('NOT_SIMULATED', `note: '${n}' ${verb} not simulated`, { severity: 'warning', file: files[0] }));
  }
  const all = [...warnings.filter((w) => w.code === 'OBSOLETE_VERSION'), ...ictx.warnings, ...warnings.filter((w) => w.code !== 'OBSOLETE_VERSION')];
  const project: ComposeProject = { name: name.value, workingDir, composeFiles: files, services, ...(disabled.length ? { disabledServices: disabled } : {}), networks, volumes, ...(secrets ? { secrets } : {}), ...(configs ? { configs } : {}), environment: vars, warnings: all };
  return all.length ? { ok: true, value: project, warnings: all } : { ok: true, value: project };
}

/**
 * compose-go's cycle tracker for `extends` within the project's file: the
 * first loop found, in its words ("Circular reference:", then the chain).
 * Extending a service in another file is not followed here.
 */
function extendsCycle(services: Record<string, unknown>, file: string): string | undefined {
  const target = (name: string): string | undefined => {
    const raw = services[name];
    if (!isObject(raw)) return undefined;
    const e = raw.extends;
    if (typeof e === 'string') return e;
    if (isObject(e) && typeof e.service === 'string' && e.file === undefined) return e.service;
    return undefined;
  };
  for (const start of Object.keys(services)) {
    const chain = [start];
    for (let next = target(start); next !== undefined; next = target(next)) {
      if (chain.includes(next)) {
        return ['Circular reference:', `  ${chain[0]} in ${file}`, ...[...chain.slice(1), next].map((s) => `  extends ${s} in ${file}`)].join('\n');
      }
      chain.push(next);
    }
  }
  return undefined;
}
