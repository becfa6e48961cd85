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
import { printObjects } from '../print/output.ts';
import { kubeConfig } from './kubeconfig.ts';

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
  /** What a success line ends with under --dry-run: ' (dry run)' (client), ' (server dry run)', else ''. */
  dry: string;
  /** Objects printed so far with -o: the YAML printer separates documents with ---. */
  printed: number;
}

export type Subcommand = (k: Kctx) => CommandResult;

export function makeKctx(ctx: CommandContext, api: ApiClient, args: KubectlArgs): Kctx {
  const mode = args.dryRun === 'client' || args.dryRun === 'server' ? args.dryRun : undefined;
  return {
    ctx,
    api: mode ? dryRunClient(api, mode) : api,
    args,
    dry: mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '',
    printed: 0,
    // -n, else the kubeconfig context's namespace (kubectl config set-context --current --namespace=…), else default.
    ns: args.namespace || kubeConfig(ctx.world).namespace || 'default',
    now: () => ctx.world.clock.now(),
    out: (s) => ctx.stdout.write(s),
    err: (s) => ctx.stderr.write(s),
    flush: () => (ctx.shell ? ctx.shell.flush() : ctx.world.clock.flush()),
  };
}

/**
 * kubectl under --dry-run: reads go to the server as usual; writes do not
 * change anything. With `client` a write is never sent (kubectl prints what
 * it would send, or the object it read); with `server` creates, updates and
 * patches are sent with dryRun=All, so the server validates and defaults
 * them without storing. Deletes and scale updates are answered from a read.
 */
/** An answer kubectl makes up itself (a client dry run sends nothing). */
const apiOk = <T>(value: T): ApiResult<T> => ({ ok: true, value });

export function dryRunClient(api: ApiClient, mode: 'client' | 'server'): ApiClient {
  const server = mode === 'server';
  const resourceOfObj = (o: KubeObject) => resourceForKind(o.kind)?.resource ?? `${String(o.kind).toLowerCase()}s`;
  return {
    ...api,
    create: (obj, opts) => (server ? api.create(obj, { ...opts, dryRun: true }) : apiOk(obj)),
    update: (obj, opts) => (server ? api.update(obj, { ...opts, dryRun: true }) : apiOk(obj)),
    updateStatus: (obj) => (server ? api.get(resourceOfObj(obj), obj.metadata.namespace, obj.metadata.name) : apiOk(obj)) as never,
    patch: (resource, ns, name, p, type, opts) => (server ? api.patch(resource, ns, name, p, type, { ...opts, dryRun: true }) : api.get(resource, ns, name)) as never,
    delete: (resource, ns, name) => api.get(resource, ns, name) as never,
    updateScale: (resource, ns, name, replicas) => {
      const r = api.getScale(resource, ns, name);
      return r.ok ? apiOk({ ...r.value, spec: { replicas } }) : r;
    },
    bind: (ns, pod) => api.get('pods', ns, pod) as never,
  };
}

/**
 * A write's result as kubectl prints it: with -o, the object in that format
 * (what was sent under --dry-run=client, the server's answer otherwise); else
 * `deployment.apps/web created`, with the dry-run suffix.
 */
export function printResult(k: Kctx, obj: KubeObject, verb: string): number {
  const fmt = k.args.output;
  if (fmt) {
    const r = printObjects(fmt, [obj], true, { noHeaders: k.args.noHeaders, template: k.args.flags['template'] as string | undefined });
    if (!r.ok) {
      k.err(r.error);
      return 1;
    }
    k.out(fmt === 'yaml' && k.printed > 0 ? `---\n${r.stdout}` : r.stdout);
    k.printed++;
    return 0;
  }
  k.out(`${objRef(obj)} ${verb}${k.dry}\n`);
  return 0;
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
