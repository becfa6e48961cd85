import { fail, ok, simError, type Result } from '../../errors.ts';
import { Vfs } from '../../vfs.ts';
import type { BuildConfig } from '../types.ts';
import type { DockerEngine, Image } from './docker.ts';
import { argValue, execForm, parseDockerfile, splitStages, substitute, type Stage } from './dockerfile.ts';
import { hexDigest } from './hash.ts';
import { refString } from './registry.ts';

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
  const target = cfg.target === undefined ? stages.at(-1) : stages.find((st) => st.name === cfg.target);
  if (!target) return fail(simError('BUILD', `failed to solve: target stage "${cfg.target}" could not be found`));
  // The target and the stages it is built FROM, root first: only those are built.
  const chain: Stage[] = [target];
  for (let st = target; ; ) {
    const parent = stages.slice(0, stages.indexOf(st)).find((x) => x.name !== undefined && x.name === st.from);
    if (!parent) break;
    chain.unshift(parent);
    st = parent;
  }
  const root = chain[0]!;
  const baseRef = root.from;
  let base = engine.findImage(baseRef);
  if (!base) {
    const pulled = engine.pull(baseRef);
    if (!pulled.ok) {
      const full = refString({ repo: baseRef.includes('/') ? baseRef.split(':')[0]! : `docker.io/library/${baseRef.split(':')[0]!}`, tag: baseRef.split(':')[1] ?? 'latest' });
      return fail(simError('BUILD', `failed to solve: ${baseRef.includes(':') ? baseRef : baseRef + ':latest'}: failed to resolve source metadata for ${full}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`));
    }
    base = pulled.value;
  }
  const contextFiles = vfs.walk(cfg.context).filter((f) => f !== dfPath);
  const contextBytes = contextFiles.reduce((n, f) => n + (vfs.readFile(f)?.length ?? 0), 0);
  const id = hexDigest(['build', text, base.id, JSON.stringify(cfg.args), ...contextFiles.map((f) => `${f.slice(cfg.context.length)}\0${vfs.readFile(f)}`)].join('\n'));
  const cached = [...engine.images.values()].some((i) => i.id === id);

  const spec = { ...base.spec, env: { ...base.spec.env }, files: { ...base.spec.files }, exposed: [...base.spec.exposed] };
  const files: Record<string, string> = { ...base.files };
  let size = base.size;
  const numbered = (st: Stage) => st.ops.filter((o) => ['COPY', 'ADD', 'RUN', 'WORKDIR'].includes(o.keyword)).length;
  const lines = ['#0 building with "default" instance using docker driver', ''];
  let n = 1;
  let ms = 0;
  const block = (title: string, body: string[], took: number, isCached = false) => {
    lines.push(`#${n} ${title}`, ...body.map((b) => `#${n} ${b}`), isCached ? `#${n} CACHED` : `#${n} DONE ${secs(took)}`, '');
    n++;
    ms += took;
  };
  // BuildKit's step label: `[web base 2/4]`, the index padded to the width of the total.
  const label = (st: Stage, i: number, total: number) => `[${service}${st.name ? ` ${st.name}` : ''} ${String(i).padStart(String(total).length)}/${total}]`;
  block(`[${service} internal] load build definition from ${cfg.dockerfile}`, [`transferring dockerfile: ${text.length}B done`], 0);
  const fullBase = base.repo.includes('/') ? refString(base) : `docker.io/library/${refString(base)}`;
  block(`[${service} internal] load metadata for ${fullBase}`, [], 1100);
  block(`[${service} internal] load .dockerignore`, ['transferring context: 2B done'], 0);
  const digest = `sha256:${hexDigest(`digest:${base.id}`)}`;
  block(`${label(root, 1, numbered(root) + 1)} FROM ${fullBase}@${digest}`, [`resolve ${fullBase}@${digest} 0.0s done`], 100);
  if (chain.some((st) => st.ops.some((o) => o.keyword === 'COPY' || o.keyword === 'ADD'))) block(`[${service} internal] load build context`, [`transferring context: ${contextBytes}B done`], 0);
  let workdir = spec.workdir;
  for (const st of chain) {
    const total = numbered(st) + (st === root ? 1 : 0);
    let k = st === root ? 2 : 1;
    // ARG values live for their stage only; ENV ones carry on into later stages.
    const vars: Record<string, string> = {};
    for (const op of st.ops) {
      const args = op.keyword === 'RUN' || op.keyword === 'CMD' || op.keyword === 'ENTRYPOINT' ? op.args : substitute(op.args, { ...spec.env, ...vars });
      switch (op.keyword) {
        case 'ARG': {
          // Redeclared in a stage, an ARG without a default takes the global one.
          const [key, value] = argValue(op.args, cfg.args, globals[op.args.trim()] ?? '');
          vars[key] = value;
          break;
        }
        case 'COPY':
        case 'ADD': {
          const words = args.split(/\s+/).filter((w) => !w.startsWith('--'));
          const dest = words.pop() ?? '.';
          const destAbs = dest.startsWith('/') ? dest : `${workdir}/${dest}`;
          for (const src of words) {
            const srcAbs = Vfs.resolve(cfg.context, src);
            const matches = vfs.isDir(srcAbs) ? contextFiles.filter((f) => f.startsWith(srcAbs === '/' ? '/' : srcAbs + '/')) : contextFiles.filter((f) => f === srcAbs);
            if (matches.length === 0) {
              return fail(simError('BUILD', `failed to solve: failed to compute cache key: failed to calculate checksum of ref ${hexDigest(id).slice(0, 25)}::${hexDigest(id + src).slice(0, 25)}: "/${src.replace(/^\.?\//, '')}": not found`));
            }
            for (const f of matches) {
              const target = vfs.isDir(srcAbs) ? Vfs.normalize(`${destAbs}/${f.slice(srcAbs.length)}`) : dest.endsWith('/') || dest === '.' ? Vfs.normalize(`${destAbs}/${Vfs.basename(f)}`) : Vfs.normalize(destAbs);
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
          block(`${label(st, k++, total)} RUN ${args}`, [], 2400, cached);
          break;
        case 'WORKDIR':
          workdir = args.trim().startsWith('/') ? args.trim() : Vfs.normalize(`${workdir}/${args.trim()}`);
          spec.workdir = workdir;
          block(`${label(st, k++, total)} WORKDIR ${args.trim()}`, [], 0, cached);
          break;
        case 'CMD': {
          spec.cmd = execForm(op.args);
          // A CMD that is not the base image's server replaces its behaviour.
          const bin = spec.cmd[0] ?? '';
          if (!spec.binaries.includes(bin)) spec.serve = undefined;
          break;
        }
        case 'ENTRYPOINT':
          // A new ENTRYPOINT drops the base image's CMD and its script's handling of flags.
          spec.entrypoint = execForm(op.args);
          if (!parsed.value.some((i) => i.keyword === 'CMD' && i.line < op.line)) spec.cmd = [];
          spec.flagsTo = undefined;
          break;
        case 'EXPOSE':
          for (const p of args.split(/\s+/)) spec.exposed.push(p.includes('/') ? p : `${p}/tcp`);
          break;
        case 'ENV': {
          const m = args.match(/^(\S+?)(?:=|\s+)(.*)$/);
          if (m) spec.env[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
          break;
        }
      }
    }
  }
  const name = tag.includes(':') ? tag : `${tag}:latest`;
  block(`[${service}] exporting to image`, ['exporting layers 0.1s done', `writing image sha256:${id} done`, `naming to docker.io/library/${tag} done`], 100);
  const [repo, t] = name.split(':') as [string, string];
  const image: Image = { id, repo, tag: t, spec, size, created: engine.now, generic: base.generic, files, labels: {} };
  const prev = [...engine.images.values()].find((i) => i.id === id);
  if (prev) image.created = prev.created;
  engine.addImage(image);
  return ok({ image, lines, ms });
}
