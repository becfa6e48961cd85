import { fail, ok, simError, type Result } from '../../errors.ts';
import { Vfs } from '../../vfs.ts';
import type { BuildConfig } from '../types.ts';
import type { ImageConfig } from '../../containers/images.ts';
import { buildkitPullError, resolveImage } from '../../containers/registry.ts';
import { refString, type DockerEngine, type Image } from './docker.ts';
import { argValue, execForm, parseDockerfile, splitStages, substitute, type Stage } from './dockerfile.ts';
import { hexDigest } from './hash.ts';

/**
 * `docker compose build`: reads the Dockerfile and context from the virtual
 * files and prints BuildKit's plain progress. The image ID is a digest of the
 * Dockerfile, the context files and the base image, so editing any of them
 * gives a new image and an unchanged build is CACHED.
 */
export interface BuildResult {
  image: Image;
  lines: string[];
  /** Virtual time the build took. */
  ms: number;
  /** Instructions accepted but not simulated. */
  notes: string[];
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export function buildImage(engine: DockerEngine, service: string, cfg: BuildConfig, tag: string): Result<BuildResult> {
  const vfs = engine.world.vfs;
  if (!vfs.isDir(cfg.context)) return fail(simError('BUILD', `unable to prepare context: path "${cfg.context}" not found`));
  const dfPath = Vfs.resolve(cfg.context, cfg.dockerfile);
  const text = vfs.readFile(dfPath);
  if (text === undefined) {
    return fail(simError('BUILD', `failed to solve: failed to read dockerfile: open ${cfg.dockerfile}: no such file or directory`));
  }
  const parsed = parseDockerfile(text);
  if (!parsed.ok) return parsed;
  const { stages, globals } = splitStages(parsed.value, cfg.args);
  const target = cfg.target === undefined ? stages.at(-1) : stages.find((st) => st.name === cfg.target!.toLowerCase());
  if (!target) return fail(simError('BUILD', `failed to solve: target stage "${cfg.target}" could not be found`));
  const stageOf = (ref: string, before: number) => stages.slice(0, before).find((x, i) => (x.name !== undefined && x.name === ref.toLowerCase()) || String(i) === ref);
  // Only the target and the stages it needs (FROM a stage, COPY --from=stage) are built, in file order.
  const needed = new Set<Stage>();
  const need = (st: Stage) => {
    if (needed.has(st)) return;
    needed.add(st);
    const i = stages.indexOf(st);
    const parent = stageOf(st.from, i);
    if (parent) need(parent);
    for (const op of st.ops) {
      const from = /--from=(\S+)/.exec(op.keyword === 'COPY' ? op.args : '')?.[1];
      const dep = from && stageOf(substitute(from, globals), i);
      if (dep) need(dep);
    }
  };
  need(target);
  const chain = stages.filter((st) => needed.has(st));
  // External bases: pulled (or found) before anything runs; `scratch` is the empty image.
  const bases = new Map<string, Image | undefined>();
  for (const st of chain) {
    if (stageOf(st.from, stages.indexOf(st)) || st.from === 'scratch' || bases.has(st.from)) continue;
    let base = engine.findImage(st.from);
    if (!base) {
      const res = resolveImage(st.from);
      if (!res.ok) return fail(simError('BUILD', buildkitPullError(res)));
      const pulled = engine.pull(st.from);
      if (!pulled.ok) return pulled;
      base = pulled.value;
    }
    bases.set(st.from, base);
  }
  const contextFiles = vfs.walk(cfg.context).filter((f) => f !== dfPath);
  const contextBytes = contextFiles.reduce((n, f) => n + (vfs.readFile(f)?.length ?? 0), 0);
  const baseIds = [...bases.values()].map((b) => b?.id ?? 'scratch');
  const id = hexDigest(['build', text, ...baseIds, JSON.stringify(cfg.args), cfg.target ?? '', ...contextFiles.map((f) => `${f.slice(cfg.context.length)}\0${vfs.readFile(f)}`)].join('\n'));
  const cached = [...engine.images.values()].some((i) => i.id === id);

  const numbered = (st: Stage) => st.ops.filter((o) => ['COPY', 'ADD', 'RUN', 'WORKDIR'].includes(o.keyword)).length;
  const lines = ['#0 building with "default" instance using docker driver', ''];
  const notes: string[] = [];
  let n = 1;
  let ms = 0;
  const block = (title: string, body: string[], took: number, isCached = false) => {
    lines.push(`#${n} ${title}`, ...body.map((b) => `#${n} ${b}`), isCached ? `#${n} CACHED` : `#${n} DONE ${secs(took)}`, '');
    n++;
    ms += took;
  };
  // BuildKit's step label: `[web base 2/4]`, the index padded to the width of the total.
  const label = (st: Stage, i: number, total: number) => `[${service}${st.name ? ` ${st.name}` : ''} ${String(i).padStart(String(total).length)}/${total}]`;
  const fullName = (b: Image) => (b.repo.includes('/') && b.repo.split('/')[0]!.includes('.') ? refString(b) : `docker.io/${b.repo.includes('/') ? '' : 'library/'}${refString(b)}`);
  block(`[${service} internal] load build definition from ${cfg.dockerfile}`, [`transferring dockerfile: ${text.length}B done`], 0);
  for (const [from, b] of bases) {
    const platform = chain.find((st) => st.from === from)?.platform;
    block(`[${service} internal] load metadata for ${b ? fullName(b) : from}`, platform ? [] : [], 1100);
  }
  block(`[${service} internal] load .dockerignore`, ['transferring context: 2B done'], 0);
  // Each stage that starts from an image resolves it first (BuildKit prints these before the context upload).
  for (const st of chain) {
    const ext = bases.get(st.from);
    if (!ext) continue;
    const digest = `sha256:${hexDigest(`digest:${ext.id}`)}`;
    block(`${label(st, 1, numbered(st) + 1)} FROM ${fullName(ext)}@${digest}`, [`resolve ${fullName(ext)}@${digest} 0.0s done`], 100, cached);
  }
  if (chain.some((st) => st.ops.some((o) => (o.keyword === 'COPY' && !/--from=/.test(o.args)) || o.keyword === 'ADD'))) block(`[${service} internal] load build context`, [`transferring context: ${contextBytes}B done`], 0);

  interface Built { spec: ImageConfig; files: Record<string, string>; size: number; generic: boolean; labels: Record<string, string> }
  const built = new Map<Stage, Built>();
  const SCRATCH: ImageConfig = { repo: 'scratch', variant: '', distro: { id: 'distroless', release: '' }, entrypoint: [], cmd: [], env: {}, workdir: '/', user: '', exposed: [], volumes: [], binaries: [], files: {}, size: 0, generic: false };
  for (const st of chain) {
    const i = stages.indexOf(st);
    const parent = stageOf(st.from, i);
    const ext = bases.get(st.from);
    const from: Built = parent ? built.get(parent)! : ext ? { spec: ext.spec, files: ext.files, size: ext.size, generic: ext.generic, labels: ext.labels } : { spec: SCRATCH, files: {}, size: 0, generic: false, labels: {} };
    const spec: ImageConfig = { ...from.spec, env: { ...from.spec.env }, files: { ...from.spec.files }, exposed: [...from.spec.exposed], volumes: [...from.spec.volumes], binaries: [...from.spec.binaries] };
    const files: Record<string, string> = { ...from.files };
    const labels: Record<string, string> = { ...from.labels };
    let size = from.size;
    const total = numbered(st) + (parent ? 0 : 1);
    let k = parent ? 1 : 2;
    let workdir = spec.workdir;
    // ARG values live for their stage only; ENV ones carry on into later stages.
    const vars: Record<string, string> = {};
    for (const op of st.ops) {
      const args = op.keyword === 'RUN' || op.keyword === 'CMD' || op.keyword === 'ENTRYPOINT' || op.keyword === 'HEALTHCHECK' || op.keyword === 'ONBUILD' ? op.args : substitute(op.args, { ...spec.env, ...vars });
      switch (op.keyword) {
        case 'ARG': {
          // Redeclared in a stage, an ARG without a default takes the global one.
          for (const a of args.trim().split(/\s+/)) {
            const [key, value] = argValue(a, cfg.args, globals[a.split('=')[0]!] ?? '');
            vars[key] = value;
          }
          break;
        }
        case 'COPY':
        case 'ADD': {
          const words = args.split(/\s+/).filter(Boolean);
          const flags = words.filter((w) => w.startsWith('--'));
          const paths = words.filter((w) => !w.startsWith('--'));
          const dest = paths.pop() ?? '.';
          const destAbs = dest.startsWith('/') ? dest : `${workdir}/${dest}`;
          const fromFlag = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
          if (fromFlag !== undefined) {
            // COPY --from=<stage|image>: files out of another stage's (or image's) filesystem.
            const src = stageOf(fromFlag, i);
            let srcFiles: Record<string, string> = {};
            if (src) srcFiles = { ...built.get(src)?.spec.files, ...built.get(src)?.files };
            else {
              const img = engine.findImage(fromFlag) ?? (() => {
                const r = engine.pull(fromFlag);
                return r.ok ? r.value : undefined;
              })();
              if (!img) {
                const res = resolveImage(fromFlag);
                return fail(simError('BUILD', res.ok ? `failed to solve: ${fromFlag}: not found` : buildkitPullError(res)));
              }
              srcFiles = { ...img.spec.files, ...img.files };
            }
            for (const p of paths) {
              const srcAbs = Vfs.normalize(p.startsWith('/') ? p : `/${p}`);
              const matches = Object.keys(srcFiles).filter((f) => f === srcAbs || f.startsWith(`${srcAbs}/`));
              // What the stage's RUN steps produced is not simulated: the path is copied as an empty file.
              if (matches.length === 0) files[dest.endsWith('/') ? Vfs.normalize(`${destAbs}/${Vfs.basename(srcAbs)}`) : Vfs.normalize(destAbs)] = '';
              for (const f of matches) {
                const t = f === srcAbs ? (dest.endsWith('/') ? Vfs.normalize(`${destAbs}/${Vfs.basename(f)}`) : Vfs.normalize(destAbs)) : Vfs.normalize(`${destAbs}/${f.slice(srcAbs.length)}`);
                files[t] = srcFiles[f]!;
                size += srcFiles[f]!.length;
              }
            }
            block(`${label(st, k++, total)} ${op.keyword} ${args}`, [], 100, cached);
            break;
          }
          for (const src of paths) {
            if (/^https?:\/\//.test(src)) {
              files[dest.endsWith('/') ? Vfs.normalize(`${destAbs}/${Vfs.basename(src)}`) : Vfs.normalize(destAbs)] = '';
              notes.push(`note: ${op.keyword} ${src}: remote sources are not downloaded in the simulator (an empty file stands in)`);
              continue;
            }
            const srcAbs = Vfs.resolve(cfg.context, src);
            const glob = /[*?]/.test(src) ? new RegExp(`^${srcAbs.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`) : undefined;
            const matches = glob ? contextFiles.filter((f) => glob.test(f)) : vfs.isDir(srcAbs) ? contextFiles.filter((f) => f.startsWith(srcAbs === '/' ? '/' : srcAbs + '/')) : contextFiles.filter((f) => f === srcAbs);
            if (matches.length === 0) {
              return fail(simError('BUILD', `failed to solve: failed to compute cache key: failed to calculate checksum of ref ${hexDigest(id).slice(0, 25)}::${hexDigest(id + src).slice(0, 25)}: "/${src.replace(/^\.?\//, '')}": not found`));
            }
            for (const f of matches) {
              const target = !glob && vfs.isDir(srcAbs) ? Vfs.normalize(`${destAbs}/${f.slice(srcAbs.length)}`) : dest.endsWith('/') || dest === '.' || glob ? Vfs.normalize(`${destAbs}/${Vfs.basename(f)}`) : Vfs.normalize(destAbs);
              const content = vfs.readFile(f) ?? '';
              files[target] = content;
              size += content.length;
            }
          }
          block(`${label(st, k++, total)} ${op.keyword} ${args}`, [], 100, cached);
          break;
        }
        case 'RUN':
          size += 12_000_000;
          spec.openPath = true;
          block(`${label(st, k++, total)} RUN ${args}`, [], 2400, cached);
          break;
        case 'WORKDIR':
          workdir = args.trim().startsWith('/') ? Vfs.normalize(args.trim()) : Vfs.normalize(`${workdir}/${args.trim()}`);
          spec.workdir = workdir;
          block(`${label(st, k++, total)} WORKDIR ${args.trim()}`, [], 0, cached);
          break;
        case 'CMD':
          spec.cmd = execForm(op.args);
          break;
        case 'ENTRYPOINT':
          // A new ENTRYPOINT drops the base image's CMD and its script's handling of flags.
          spec.entrypoint = execForm(op.args);
          if (!st.ops.some((o) => o.keyword === 'CMD' && o.line < op.line)) spec.cmd = [];
          delete spec.flagsTo;
          break;
        case 'EXPOSE':
          for (const p of args.split(/\s+/).filter(Boolean)) spec.exposed.push(p.includes('/') ? p : `${p}/tcp`);
          break;
        case 'ENV':
          Object.assign(spec.env, keyValues(args));
          break;
        case 'LABEL':
          Object.assign(labels, keyValues(args));
          break;
        case 'MAINTAINER':
          labels.maintainer = args.trim();
          break;
        case 'USER':
          spec.user = args.trim().split(':')[0]!;
          break;
        case 'VOLUME': {
          const v = execForm(args);
          spec.volumes.push(...(v[0] === '/bin/sh' ? args.trim().split(/\s+/) : v));
          break;
        }
        case 'STOPSIGNAL':
        case 'HEALTHCHECK':
        case 'SHELL':
        case 'ONBUILD':
          notes.push(`note: ${op.keyword} (line ${op.line}) is recorded but not simulated here`);
          break;
      }
    }
    built.set(st, { spec, files, size, generic: from.generic, labels });
  }
  const result = built.get(target)!;
  const spec = result.spec;
  const files = result.files;
  const size = result.size;
  const name = tag.includes(':') ? tag : `${tag}:latest`;
  block(`[${service}] exporting to image`, ['exporting layers 0.1s done', `writing image sha256:${id} done`, `naming to docker.io/library/${tag} done`], 100);
  const [repo, t] = name.split(':') as [string, string];
  const image: Image = { id, repo, tag: t, spec, size, created: engine.now, generic: result.generic, files, labels: result.labels };
  const prev = [...engine.images.values()].find((i) => i.id === id);
  if (prev) image.created = prev.created;
  engine.addImage(image);
  return ok({ image, lines, ms, notes });
}

/** `KEY=value KEY2="two words"` (or the legacy `KEY value`), as ENV and LABEL take them. */
function keyValues(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  const t = args.trim();
  if (!/^[^\s=]+=/.test(t)) {
    const m = /^(\S+)\s+(.*)$/s.exec(t);
    if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/s, '$1');
    return out;
  }
  const re = /([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) out[m[1]!.replace(/^"(.*)"$/, '$1')] = m[2]!.replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1').replace(/\\"/g, '"');
  return out;
}
