/**
 * kubectl's command line: cobra/pflag flag parsing (interspersed flags,
 * `--flag=v`, `--flag v`, `-nv`, `-n=v`, `-it`, `--`), the resource arguments
 * (`pods`, `po web`, `pods,svc`, `pod/web deploy/api`, `all`), the errors in
 * kubectl's words, and Tab completion.
 */
import { formatClientError, unknownResourceType } from './errors.ts';
import { ALL_CATEGORY, RESOURCES, resolveResource, type ResourceInfo } from './resources.ts';

type FlagType = 'bool' | 'string' | 'int' | 'strings';
interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Value when given without one (`--dry-run` means `unchanged`). */
  noOptDefVal?: string;
}
const f = (name: string, type: FlagType, short?: string, noOptDefVal?: string): FlagSpec => ({ name, type, ...(short ? { short } : {}), ...(noOptDefVal ? { noOptDefVal } : {}) });

const GLOBAL: FlagSpec[] = [f('namespace', 'string', 'n'), f('kubeconfig', 'string'), f('context', 'string'), f('cluster', 'string'), f('user', 'string'), f('server', 'string', 's'), f('request-timeout', 'string'), f('v', 'int', 'v'), f('help', 'bool', 'h')];
const OUTPUT = f('output', 'string', 'o');
/** --template for -o go-template / -o template (a separate flag on every command that has -o). */
const TEMPLATE = f('template', 'string');
const SELECTOR = f('selector', 'string', 'l');
const FILENAME = f('filename', 'strings', 'f');
const DRY_RUN = f('dry-run', 'string', undefined, 'unchanged');
const ALL_NS = f('all-namespaces', 'bool', 'A');
const RECURSIVE = f('recursive', 'bool', 'R');

const COMMAND_FLAGS: Record<string, FlagSpec[]> = {
  get: [ALL_NS, SELECTOR, f('field-selector', 'string'), OUTPUT, TEMPLATE, f('watch', 'bool', 'w'), f('watch-only', 'bool'), f('show-labels', 'bool'), f('label-columns', 'strings', 'L'), f('no-headers', 'bool'), FILENAME, RECURSIVE, f('show-kind', 'bool'), f('sort-by', 'string'), f('chunk-size', 'int'), f('ignore-not-found', 'bool'), f('raw', 'string')],
  describe: [ALL_NS, SELECTOR, FILENAME, RECURSIVE, f('show-events', 'bool')],
  delete: [ALL_NS, SELECTOR, f('field-selector', 'string'), FILENAME, RECURSIVE, f('all', 'bool'), f('force', 'bool'), f('grace-period', 'int'), f('now', 'bool'), f('wait', 'bool'), f('cascade', 'string', undefined, 'background'), f('ignore-not-found', 'bool'), OUTPUT, TEMPLATE, DRY_RUN],
  apply: [FILENAME, RECURSIVE, OUTPUT, TEMPLATE, DRY_RUN, f('server-side', 'bool'), f('force', 'bool'), f('prune', 'bool'), SELECTOR],
  create: [FILENAME, RECURSIVE, OUTPUT, TEMPLATE, DRY_RUN, f('image', 'strings'), f('replicas', 'int', 'r'), f('port', 'int'), f('from-literal', 'strings'), f('from-file', 'strings'), f('from-env-file', 'strings'), f('tcp', 'strings'), f('schedule', 'string'), f('restart', 'string'), f('save-config', 'bool'), f('type', 'string'), f('cert', 'string'), f('key', 'string'), f('docker-server', 'string'), f('docker-username', 'string'), f('docker-password', 'string'), f('docker-email', 'string'), f('append-hash', 'bool'),
    // flags of the generators answered 'not simulated here' (role, rolebinding, ingress, quota, pdb, priorityclass, token)
    f('verb', 'strings'), f('resource', 'strings'), f('resource-name', 'strings'), f('rule', 'strings'), f('class', 'string'), f('hard', 'string'), f('value', 'int'), f('clusterrole', 'string'), f('role', 'string'), f('serviceaccount', 'strings'), f('user', 'strings'), f('group', 'strings'), f('selector', 'string'), f('min-available', 'string'), f('max-unavailable', 'string'), f('description', 'string'), f('global-default', 'bool'), f('duration', 'string'), f('default-backend', 'string'), f('annotation', 'strings')],
  patch: [f('patch', 'string', 'p'), f('patch-file', 'string'), f('type', 'string'), FILENAME, RECURSIVE, OUTPUT, TEMPLATE, DRY_RUN, SELECTOR, f('local', 'bool'), f('subresource', 'string')],
  auth: [ALL_NS, f('list', 'bool'), f('as', 'string'), f('as-group', 'strings'), f('subresource', 'string'), f('no-headers', 'bool'), f('quiet', 'bool', 'q'), OUTPUT, TEMPLATE],
  run: [f('image', 'string'), f('port', 'string'), f('restart', 'string'), f('labels', 'string', 'l'), f('env', 'strings'), OUTPUT, TEMPLATE, DRY_RUN, f('stdin', 'bool', 'i'), f('tty', 'bool', 't'), f('rm', 'bool'), f('command', 'bool'), f('expose', 'bool'), f('overrides', 'string'), f('image-pull-policy', 'string'), f('attach', 'bool')],
  logs: [f('container', 'string', 'c'), f('previous', 'bool', 'p'), f('tail', 'int'), f('follow', 'bool', 'f'), f('timestamps', 'bool'), f('all-containers', 'bool'), SELECTOR, f('since', 'string'), f('prefix', 'bool')],
  exec: [f('container', 'string', 'c'), f('stdin', 'bool', 'i'), f('tty', 'bool', 't'), f('quiet', 'bool', 'q')],
  scale: [f('replicas', 'int'), FILENAME, SELECTOR, f('current-replicas', 'int'), f('all', 'bool'), OUTPUT, TEMPLATE, DRY_RUN],
  expose: [f('port', 'string'), f('target-port', 'string'), f('type', 'string'), f('name', 'string'), f('selector', 'string'), f('protocol', 'string'), f('labels', 'string', 'l'), FILENAME, OUTPUT, TEMPLATE, DRY_RUN],
  rollout: [f('revision', 'int'), f('to-revision', 'int'), f('watch', 'bool', 'w'), f('timeout', 'string'), FILENAME, SELECTOR, OUTPUT, TEMPLATE, DRY_RUN],
  label: [f('overwrite', 'bool'), f('all', 'bool'), SELECTOR, FILENAME, OUTPUT, TEMPLATE, DRY_RUN, f('list', 'bool')],
  annotate: [f('overwrite', 'bool'), f('all', 'bool'), SELECTOR, FILENAME, OUTPUT, TEMPLATE, DRY_RUN, f('list', 'bool')],
  cordon: [SELECTOR, DRY_RUN],
  uncordon: [SELECTOR, DRY_RUN],
  drain: [SELECTOR, DRY_RUN, f('ignore-daemonsets', 'bool'), f('force', 'bool'), f('delete-emptydir-data', 'bool'), f('grace-period', 'int'), f('timeout', 'string'), f('disable-eviction', 'bool')],
  taint: [SELECTOR, f('overwrite', 'bool'), f('all', 'bool'), OUTPUT, TEMPLATE, DRY_RUN],
  set: [FILENAME, SELECTOR, f('all', 'bool'), OUTPUT, TEMPLATE, DRY_RUN],
  edit: [FILENAME, OUTPUT, TEMPLATE],
  'port-forward': [f('address', 'strings')],
  autoscale: [f('min', 'int'), f('max', 'int'), f('cpu-percent', 'int'), f('name', 'string'), FILENAME, OUTPUT, TEMPLATE, DRY_RUN],
  top: [ALL_NS, SELECTOR, f('containers', 'bool'), f('no-headers', 'bool'), f('sort-by', 'string')],
  events: [ALL_NS, f('for', 'string'), f('types', 'strings'), f('watch', 'bool', 'w'), OUTPUT, TEMPLATE, f('no-headers', 'bool')],
  'api-resources': [f('namespaced', 'bool', undefined, 'true'), OUTPUT, TEMPLATE, f('api-group', 'string'), f('no-headers', 'bool')],
  'cluster-info': [],
  version: [f('client', 'bool'), OUTPUT, TEMPLATE],
  config: [f('minify', 'bool'), f('raw', 'bool'), OUTPUT, TEMPLATE, f('current', 'bool'), f('no-headers', 'bool'), f('token', 'string'), f('username', 'string'), f('password', 'string'), f('client-certificate', 'string'), f('client-key', 'string'), f('certificate-authority', 'string'), f('embed-certs', 'bool'), f('insecure-skip-tls-verify', 'bool')],
  explain: [f('recursive', 'bool')],
  wait: [f('for', 'string'), f('timeout', 'string'), SELECTOR, ALL_NS, f('all', 'bool'), FILENAME],
};

/** Subcommands of the commands that have them, for usage lines and completion. */
const SUBCOMMANDS: Record<string, string[]> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  auth: ['can-i', 'reconcile', 'whoami'],
  create: ['clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'ingress', 'job', 'namespace', 'poddisruptionbudget', 'priorityclass', 'quota', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount', 'token'],
  config: ['current-context', 'delete-cluster', 'delete-context', 'delete-user', 'get-clusters', 'get-contexts', 'get-users', 'rename-context', 'set', 'set-cluster', 'set-context', 'set-credentials', 'unset', 'use-context', 'view'],
  set: ['env', 'image', 'resources'],
  top: ['node', 'pod'],
};

/**
 * The rest of kubectl's commands (kubectl/pkg/cmd/cmd.go NewKubectlCommand):
 * real, but not simulated. They parse (flags unchecked) so the learner hears
 * "not simulated here", never "unknown command".
 */
const NOT_SIMULATED = ['alpha', 'api-versions', 'attach', 'certificate', 'completion', 'cp', 'debug', 'diff', 'kustomize', 'options', 'plugin', 'proxy', 'replace'];

export const KUBECTL_COMMANDS: readonly string[] = [...Object.keys(COMMAND_FLAGS), ...NOT_SIMULATED].sort();

export type FlagValue = string | boolean | number | string[];

export interface KubectlArgs {
  command: string;
  /** The command path for usage lines: `get`, `rollout status`. */
  path: string;
  /** Positional arguments before `--`, in order (a subcommand word included). */
  args: string[];
  /** Everything after `--` (`exec web -- ls /`). */
  dashArgs: string[];
  /** Every flag given, by long name. */
  flags: Record<string, FlagValue>;
  namespace?: string;
  allNamespaces: boolean;
  selector?: string;
  fieldSelector?: string;
  output?: string;
  watch: boolean;
  showLabels: boolean;
  /** -L, split at commas. */
  labelColumns: string[];
  noHeaders: boolean;
  filenames: string[];
  dryRun?: 'none' | 'client' | 'server';
  force: boolean;
  gracePeriod?: number;
  replicas?: number;
  image?: string;
  port?: string;
  container?: string;
  previous: boolean;
  tail?: number;
  follow: boolean;
  stdin: boolean;
  tty: boolean;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const usage = (path: string) => `See 'kubectl ${path} --help' for usage.\n`;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|[1-9][0-9]*)$/;

function emptyArgs(command: string): KubectlArgs {
  return { command, path: command, args: [], dashArgs: [], flags: {}, allNamespaces: false, watch: false, showLabels: false, labelColumns: [], noHeaders: false, filenames: [], force: false, previous: false, follow: false, stdin: false, tty: false };
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** Parses everything after `kubectl`. */
export function parseKubectl(argv: string[]): ParseResult<KubectlArgs> {
  // The command is the first word that is neither a flag nor a global flag's value.
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      const spec = a.startsWith('--') ? GLOBAL.find((g) => g.name === a.slice(2)) : GLOBAL.find((g) => g.short === a.slice(1));
      if (spec && spec.type !== 'bool' && !a.includes('=')) i++;
      continue;
    }
    command = a;
    break;
  }
  if (command === undefined) return { ok: false, error: formatClientError('You must specify a command. See \'kubectl --help\'.') };
  if (NOT_SIMULATED.includes(command)) return { ok: true, value: { ...emptyArgs(command), args: argv.filter((a) => a !== command && !a.startsWith('-')) } };
  const specs = COMMAND_FLAGS[command];
  if (!specs) {
    const near = KUBECTL_COMMANDS.filter((c) => levenshtein(c, command!) <= 2 || c.startsWith(command!));
    return { ok: false, error: `error: unknown command "${command}" for "kubectl"${near.length ? `\n\nDid you mean this?\n${near.map((c) => `\t${c}\n`).join('')}` : '\n'}` };
  }
  const all = [...GLOBAL, ...specs];
  const flags: Record<string, FlagValue> = {};
  const positionals: string[] = [];
  const dashArgs: string[] = [];
  let seenCommand = false;
  let path = command;
  const fail = (msg: string): ParseResult<KubectlArgs> => ({ ok: false, error: `error: ${msg}\n${usage(path)}` });

  const set = (spec: FlagSpec, raw: string, label: string): string | undefined => {
    switch (spec.type) {
      case 'bool': {
        const v = { true: true, false: false, '1': true, '0': false, t: true, f: false, T: true, F: false, TRUE: true, FALSE: false, True: true, False: false }[raw];
        if (v === undefined) return `invalid argument "${raw}" for "${label}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`;
        flags[spec.name] = v;
        return undefined;
      }
      case 'int': {
        if (!GO_INT.test(raw)) return `invalid argument "${raw}" for "${label}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`;
        flags[spec.name] = Number.parseInt(raw, raw.toLowerCase().includes('x') ? 16 : 10);
        return undefined;
      }
      case 'strings': {
        const prev = (flags[spec.name] as string[] | undefined) ?? [];
        flags[spec.name] = [...prev, ...(spec.name === 'label-columns' ? raw.split(',') : [raw])];
        return undefined;
      }
      default:
        flags[spec.name] = raw;
        return undefined;
    }
  };
  const labelOf = (s: FlagSpec) => (s.short ? `-${s.short}, --${s.name}` : `--${s.name}`);

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      dashArgs.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = all.find((s) => s.name === name);
      if (!spec) return fail(`unknown flag: --${name}`);
      let raw: string;
      if (eq >= 0) raw = a.slice(eq + 1);
      else if (spec.type === 'bool') raw = 'true';
      else if (spec.noOptDefVal !== undefined) raw = spec.noOptDefVal;
      else if (i + 1 < argv.length) raw = argv[++i]!;
      else return fail(`flag needs an argument: --${name}`);
      const err = set(spec, raw, labelOf(spec));
      if (err) return fail(err);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Shorthands: bools combine (-it); a value-taking one eats the rest (-nkube-system, -n=x) or the next word.
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = all.find((s) => s.short === c);
        if (!spec) return fail(`unknown shorthand flag: '${c}' in ${a}`);
        if (spec.type === 'bool') {
          let raw = 'true';
          if (a[j + 1] === '=') {
            raw = a.slice(j + 2);
            j = a.length;
          }
          const err = set(spec, raw, labelOf(spec));
          if (err) return fail(err);
          continue;
        }
        let raw: string;
        if (j + 1 < a.length) raw = a[j + 1] === '=' ? a.slice(j + 2) : a.slice(j + 1);
        else if (spec.noOptDefVal !== undefined) raw = spec.noOptDefVal;
        else if (i + 1 < argv.length) raw = argv[++i]!;
        else return fail(`flag needs an argument: '${c}' in ${a}`);
        const err = set(spec, raw, labelOf(spec));
        if (err) return fail(err);
        break;
      }
      continue;
    }
    if (!seenCommand && a === command) {
      seenCommand = true;
      continue;
    }
    if (positionals.length === 0 && SUBCOMMANDS[command]?.includes(a)) path = `${command} ${a}`;
    positionals.push(a);
  }

  let dryRun: KubectlArgs['dryRun'];
  if (flags['dry-run'] !== undefined) {
    const v = String(flags['dry-run']);
    if (v !== 'none' && v !== 'client' && v !== 'server') return { ok: false, error: `error: Invalid dry-run value (${v}). Must be "none", "server", or "client".\n` };
    dryRun = v;
  }
  const str = (k: string) => (flags[k] === undefined ? undefined : String(flags[k]));
  const num = (k: string) => (typeof flags[k] === 'number' ? (flags[k] as number) : undefined);
  const bool = (k: string) => flags[k] === true;
  const list = (k: string) => (flags[k] as string[] | undefined) ?? [];
  const image = flags['image'];
  return {
    ok: true,
    value: {
      command,
      path,
      args: positionals,
      dashArgs,
      flags,
      namespace: str('namespace'),
      allNamespaces: bool('all-namespaces'),
      selector: command === 'run' || command === 'expose' ? undefined : str('selector'),
      fieldSelector: str('field-selector'),
      output: str('output'),
      watch: bool('watch'),
      showLabels: bool('show-labels'),
      labelColumns: list('label-columns'),
      noHeaders: bool('no-headers'),
      filenames: list('filename'),
      dryRun,
      force: bool('force'),
      gracePeriod: num('grace-period'),
      replicas: num('replicas'),
      image: Array.isArray(image) ? image[0] : (image as string | undefined),
      port: str('port'),
      container: str('container'),
      previous: bool('previous'),
      tail: num('tail'),
      follow: bool('follow'),
      stdin: bool('stdin'),
      tty: bool('tty'),
    },
  };
}

export interface ResourceTarget {
  resource: ResourceInfo;
  /** Empty: every object of the type. */
  names: string[];
}

/**
 * The resource arguments of get/describe/delete…: `TYPE[,TYPE…] [NAME…]` or
 * `TYPE/NAME…`. `all` expands to the "all" category.
 */
export function resourceTargets(args: string[], verb: string): ParseResult<ResourceTarget[]> {
  if (args.length === 0) {
    const suggest = `You must specify the type of resource to ${verb}. Use "kubectl api-resources" for a complete list of supported resources.`;
    // get prints the hint, then a usage error; the other verbs fold it into one error line.
    if (verb === 'get') {
      return {
        ok: false,
        error: `${suggest}\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n`,
      };
    }
    return { ok: false, error: `error: ${suggest}\n` };
  }
  const resolve = (word: string): ParseResult<ResourceInfo[]> => {
    if (word.toLowerCase() === 'all') return { ok: true, value: ALL_CATEGORY.map((r) => resolveResource(r)!) };
    const info = resolveResource(word);
    return info ? { ok: true, value: [info] } : { ok: false, error: unknownResourceType(word) };
  };
  if (args[0]!.includes('/')) {
    const targets: ResourceTarget[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash <= 0 || slash === a.length - 1) return { ok: false, error: 'error: arguments in resource/name form must have a single resource and name\n' };
      const r = resolve(a.slice(0, slash));
      if (!r.ok) return r;
      const info = r.value[0]!;
      const existing = targets.find((t) => t.resource === info);
      if (existing) existing.names.push(a.slice(slash + 1));
      else targets.push({ resource: info, names: [a.slice(slash + 1)] });
    }
    return { ok: true, value: targets };
  }
  if (args.slice(1).some((a) => a.includes('/'))) {
    return {
      ok: false,
      error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${verb} resource/<resource_name>' instead of 'kubectl ${verb} resource resource/<resource_name>'\n`,
    };
  }
  const targets: ResourceTarget[] = [];
  for (const word of args[0]!.split(',').filter(Boolean)) {
    const r = resolve(word);
    if (!r.ok) return r;
    for (const info of r.value) if (!targets.some((t) => t.resource === info)) targets.push({ resource: info, names: args.slice(1) });
  }
  return { ok: true, value: targets };
}

// ---------- completion ----------

/** Object names for completion, supplied by the caller from the simulated cluster. */
export type NameSource = (resource: string, namespace: string | undefined) => string[];

const OUTPUT_FORMATS = ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml'];
const POD_COMMANDS = new Set(['logs', 'exec', 'port-forward', 'attach']);
const NODE_COMMANDS = new Set(['cordon', 'uncordon', 'drain', 'taint']);
const RESOURCE_COMMANDS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'rollout', 'expose', 'wait', 'explain', 'set']);

/**
 * Completions for the word being typed: subcommands, flags, `-o` formats,
 * namespaces after `-n`, resource types, `TYPE/NAME` and object names.
 * `words` are the arguments after `kubectl` before the current word.
 */
export function completeKubectl(words: string[], current: string, names: NameSource): string[] {
  const match = (xs: Iterable<string>) => [...new Set(xs)].filter((x) => x.startsWith(current)).sort();
  let ns: string | undefined;
  const positionals: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-n' || w === '--namespace') ns = words[++i];
    else if (w.startsWith('--namespace=')) ns = w.slice('--namespace='.length);
    else if (w.startsWith('-')) {
      const spec = [...GLOBAL, ...(command ? COMMAND_FLAGS[command] ?? [] : [])].find((s) => (w.startsWith('--') ? s.name === w.slice(2) : s.short === w.slice(1)));
      if (spec && spec.type !== 'bool' && !w.includes('=') && spec.noOptDefVal === undefined && i + 1 < words.length) i++;
    } else if (!command) command = w;
    else positionals.push(w);
  }
  const prev = words[words.length - 1];
  if (prev === '-n' || prev === '--namespace') return match(names('namespaces', undefined));
  if (prev === '-o' || prev === '--output') return match(OUTPUT_FORMATS);
  if (!command) return current.startsWith('-') ? match(GLOBAL.map((g) => `--${g.name}`)) : match(KUBECTL_COMMANDS);
  if (current.startsWith('-')) return match([...GLOBAL, ...(COMMAND_FLAGS[command] ?? [])].map((s) => `--${s.name}`));
  if (SUBCOMMANDS[command] && positionals.length === 0 && command !== 'set') return match(SUBCOMMANDS[command]!);
  if (POD_COMMANDS.has(command)) return positionals.length === 0 ? match(names('pods', ns)) : [];
  if (NODE_COMMANDS.has(command)) return match(names('nodes', undefined));
  if (!RESOURCE_COMMANDS.has(command)) return [];
  const rest = command === 'rollout' || command === 'set' ? positionals.slice(1) : positionals;
  if (current.includes('/')) {
    const type = current.slice(0, current.indexOf('/'));
    const info = resolveResource(type);
    return info ? match(names(info.resource, ns).map((n) => `${type}/${n}`)) : [];
  }
  if (rest.length === 0) return match([...RESOURCES.map((r) => r.resource), ...(command === 'get' ? ['all'] : [])]);
  if (rest[0]!.includes('/')) return [];
  const info = resolveResource(rest[0]!.split(',')[0]!);
  return info ? match(names(info.resource, ns)).filter((n) => !rest.slice(1).includes(n)) : [];
}
