/**
 * What every kubectl subcommand gets: the parsed arguments, the cluster's API
 * client bound to the `kubectl` identity, the namespace in effect, output
 * helpers, and the pieces several subcommands share (-f reading, Jobs that
 * wait on watches, API error printing).
 */
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import type { ApiClient, ApiError, ApiResult } from '../../../../sim/k8s/apiserver/index.ts';
import { decodeManifests } from '../../../../sim/k8s/apiserver/decode.ts';
import { Vfs } from '../../../../sim/vfs.ts';
import { JobHandle } from '../../../job.ts';
import type { CommandContext, CommandResult } from '../../../types.ts';
import type { KubectlArgs, ResourceTarget } from '../args.ts';
import { resourceTargets } from '../args.ts';
import { formatApiError, formatClientError, type ErrorContext } from '../errors.ts';
import { kindPrefix, resourceForKind, type ResourceInfo } from '../resources.ts';

/** kubectl sees the cluster only through its API client, as the real one does. */
export interface Kctx {
  ctx: CommandContext;
  api: ApiClient;
  args: KubectlArgs;
  /** -n, else `default`. */
  ns: string;
  now(): number;
  out(s: string): void;
  err(s: string): void;
  /** Lets watch deliveries and controllers react to a write before kubectl returns. */
  flush(): void;
}

export type Subcommand = (k: Kctx) => CommandResult;

export function makeKctx(ctx: CommandContext, api: ApiClient, args: KubectlArgs): Kctx {
  return {
    ctx,
    api,
    args,
    ns: args.namespace || 'default',
    now: () => ctx.world.clock.now(),
    out: (s) => ctx.stdout.write(s),
    err: (s) => ctx.stderr.write(s),
    flush: () => (ctx.shell ? ctx.shell.flush() : ctx.world.clock.flush()),
  };
}

/** Prints a server error the way kubectl does and returns exit code 1. */
export function apiError(k: Kctx, e: ApiError, ec?: ErrorContext): number {
  k.err(formatApiError({ ...e, reason: e.code }, ec));
  return 1;
}

export function clientError(k: Kctx, msg: string): number {
  k.err(formatClientError(msg));
  return 1;
}

/** The namespace a request for this resource goes to: none for cluster-scoped kinds and -A lists. */
export function nsFor(k: Kctx, info: ResourceInfo, listing = false): string | undefined {
  if (!info.namespaced) return undefined;
  if (listing && k.args.allNamespaces) return undefined;
  return k.ns;
}

/** `deployment.apps/web` */
export const objRef = (o: KubeObject): string => `${kindPrefix(o.kind, o.apiVersion)}/${o.metadata.name}`;

/** The resource (plural) of an object, for API calls. */
export const resourceOf = (o: KubeObject): string => resourceForKind(o.kind)?.resource ?? `${o.kind.toLowerCase()}s`;

export function targets(k: Kctx, verb: string, args = k.args.args): ResourceTarget[] | number {
  const t = resourceTargets(args, verb);
  if (!t.ok) {
    k.err(t.error);
    return 1;
  }
  return t.value;
}

export interface LoadedObject {
  obj: KubeObject;
  /** The source as kubectl names it in errors: the path given, or STDIN. */
  file: string;
}

/**
 * Reads every -f source: files, directories (*.yaml, *.yml, *.json, sorted) and
 * `-` for stdin. Decode problems are printed; a YAML syntax error stops
 * everything (nothing is sent), other per-object errors do not.
 */
export function loadManifests(k: Kctx): { objects: LoadedObject[]; failed: boolean; fatal: boolean } {
  const out = { objects: [] as LoadedObject[], failed: false, fatal: false };
  const { vfs } = k.ctx.world;
  const sources: { text: string; file: string }[] = [];
  for (const f of k.args.filenames) {
    if (f === '-') {
      sources.push({ text: k.ctx.stdin ?? '', file: 'STDIN' });
      continue;
    }
    const path = Vfs.resolve(k.ctx.cwd, f);
    if (vfs.isDir(path)) {
      const entries = (vfs.list(path) ?? []).filter((e) => !e.dir && /\.(ya?ml|json)$/.test(e.name)).map((e) => e.name).sort();
      for (const name of entries) sources.push({ text: vfs.readFile(`${path}/${name}`) ?? '', file: `${f.replace(/\/$/, '')}/${name}` });
      continue;
    }
    const text = vfs.readFile(path);
    if (text === undefined) {
      k.err(`error: the path "${f}" does not exist\n`);
      return { ...out, failed: true, fatal: true };
    }
    sources.push({ text, file: f });
  }
  for (const s of sources) {
    const d = decodeManifests(s.text, s.file);
    for (const e of d.errors) k.err(e.message.endsWith('\n') ? e.message : `${e.message}\n`);
    if (d.fatal) return { objects: [], failed: true, fatal: true };
    if (d.errors.length) out.failed = true;
    for (const obj of d.objects) out.objects.push({ obj, file: s.file });
  }
  return out;
}

/** `Warning: …` lines from the API server, each text once per command. */
export function warningPrinter(k: Kctx): (r: ApiResult<unknown>) => void {
  const seen = new Set<string>();
  return (r) => {
    if (!r.ok) return;
    for (const w of r.warnings ?? []) {
      if (seen.has(w.message)) continue;
      seen.add(w.message);
      k.err(`Warning: ${w.message}\n`);
    }
  };
}

/**
 * A foreground Job driven by simulated events: `start` wires watches or timers
 * and returns a cleanup; it calls `done(code)` to finish. Ctrl-C ends it with
 * 130 as a shell does. If `done` is called during `start`, the command returns
 * at once instead of as a Job.
 */
export function eventJob(k: Kctx, start: (done: (code: number) => void) => () => void, opts: { timeoutMs?: number; onTimeout?: () => number } = {}): CommandResult {
  let syncCode: number | undefined;
  let job: JobHandle | undefined;
  let cleanup: (() => void) | undefined;
  let timer: (() => void) | undefined;
  const finish = (code: number) => {
    cleanup?.();
    timer?.();
    if (job) job.exit(code);
    else syncCode ??= code;
  };
  cleanup = start(finish);
  if (syncCode !== undefined) {
    cleanup();
    return syncCode;
  }
  job = new JobHandle(() => finish(130));
  const { clock } = k.ctx.world;
  if (opts.timeoutMs !== undefined) {
    const id = clock.setTimeout(() => finish(opts.onTimeout?.() ?? 1), opts.timeoutMs);
    timer = () => clock.clearTimeout(id);
  }
  return job;
}

/** Go's time.ParseDuration (kubectl's --timeout and friends); undefined if malformed. */
export { durationMs as parseDuration } from '../../../../sim/duration.ts';

/**
 * The objects named on the command line (`deploy web`, `deploy/web`, -l),
 * for verbs that act on existing objects; errors already printed as a number.
 */
export function fetchNamed(k: Kctx, verb: string, args = k.args.args): { info: ResourceInfo; obj: KubeObject }[] | number {
  const ts = targets(k, verb, args);
  if (typeof ts === 'number') return ts;
  const out: { info: ResourceInfo; obj: KubeObject }[] = [];
  let failed = false;
  for (const t of ts) {
    if (!t.names.length) {
      if (!k.args.selector && k.args.flags['all'] !== true) return clientError(k, 'resource(s) were provided, but no name was specified');
      const r = k.api.list(t.resource.resource, nsFor(k, t.resource, true), { labelSelector: k.args.selector });
      if (!r.ok) return apiError(k, r.errors[0]);
      for (const obj of r.value.items) out.push({ info: t.resource, obj });
      continue;
    }
    for (const name of t.names) {
      const r = k.api.get(t.resource.resource, nsFor(k, t.resource), name);
      if (!r.ok) failed = apiError(k, r.errors[0]) > 0;
      else out.push({ info: t.resource, obj: r.value });
    }
  }
  return failed && !out.length ? 1 : out;
}
