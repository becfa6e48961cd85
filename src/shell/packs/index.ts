import type { World } from '../../sim/world.ts';
import { SUMMARY } from '../commands/summaries.ts';
import type { Shell } from '../shell.ts';
import type { Command } from '../types.ts';
import { installTagCatalogue, tagCatalogueLoaded } from '../../sim/containers/tag-catalogue.ts';
import { installSchemaCheck, schemaCheckLoaded } from '../../sim/compose/load/schema-check.ts';
import { containerToolsLoaded, installContainerTools } from '../../sim/containers/container-tools.ts';

/**
 * The tool commands come in packs, each its own chunk: a Compose lesson loads
 * Docker and Compose, a Kubernetes lesson loads the cluster, and neither pays
 * for the other. A command whose pack is not loaded yet is a stub that the
 * shell awaits (Command.load) before it runs the line, so `kubectl` typed on
 * a Compose page works, just a moment later.
 */
export type PackName = 'compose' | 'k8s' | 'kubectl' | 'grep' | 'tags' | 'schema' | 'tools';

type DataPack = 'tags' | 'schema' | 'tools';

export interface Pack {
  commands: Command[];
  /**
   * Data packs its commands read, so they run only once these are in: the registry's tag history ("tags", to resolve
   * images), the Compose schema validator ("schema", zod) and the container shell, utilities and exec ("tools", which a
   * container's command line or an exec runs).
   */
  needs?: DataPack[];
  boot?(world: World): void;
  /** boot() in slices, awaiting between() before each (a page yields to the browser there). */
  bootSliced?(world: World, between: () => Promise<void>, budget?: () => () => boolean): Promise<void>;
}

const loaders: Record<PackName, () => Promise<Pack>> = {
  compose: () => import('./compose.ts').then((m) => ({ commands: m.composeCommands(), needs: ['tags', 'schema', 'tools'] })),
  // The cluster alone: what a Kubernetes page needs to boot before its terminal is up.
  k8s: () => import('./k8s.ts').then((m) => ({ commands: [], boot: m.bootK8s, bootSliced: m.bootK8sSliced })),
  kubectl: () => import('./kubectl.ts').then((m) => ({ commands: m.k8sCommands(), needs: ['tags', 'tools'] })),
  grep: () => import('../builtins/grep.ts').then((m) => ({ commands: [m.grep] })),
  tags: () =>
    import('../../sim/containers/tags.data.ts').then((m) => {
      installTagCatalogue(m.TAGS);
      return { commands: [] };
    }),
  schema: () =>
    import('../../sim/compose/load/validate.ts').then((m) => {
      installSchemaCheck(m.validateFile);
      return { commands: [] };
    }),
  tools: () =>
    import('../../sim/containers/tools.ts').then((m) => {
      installContainerTools(m.CONTAINER_TOOLS);
      return { commands: [] };
    }),
};

/** Whether a data pack is in (always, headless: the modules import their data directly). */
const dataLoaded: Record<DataPack, () => boolean> = { tags: tagCatalogueLoaded, schema: schemaCheckLoaded, tools: containerToolsLoaded };

/** The data packs a pack's commands need that have not loaded yet. */
const missing = (pack: Pack) => (pack.needs ?? []).filter((n) => !dataLoaded[n]());

/** Which pack each tool command comes from. */
export const PACK_OF: Record<keyof typeof SUMMARY, PackName> = { grep: 'grep', docker: 'compose', 'docker-compose': 'compose', curl: 'compose', kubectl: 'kubectl', etcdctl: 'kubectl', sim: 'kubectl' };

/** Lets the browser paint and take input between slices (a macrotask). */
const yieldToHost = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** 12 ms of work per slice, well under a 50 ms long task. */
export const sliceBudget = () => {
  const end = performance.now() + 12;
  return () => performance.now() >= end;
};

const cache = new Map<PackName, Promise<Pack>>();
const done = new Map<PackName, Pack>();

export function loadPack(name: PackName): Promise<Pack> {
  let p = cache.get(name);
  if (!p) {
    p = loaders[name]().then((pack) => (done.set(name, pack), pack));
    // A failed download (offline) may be retried by the next command.
    p.catch(() => cache.delete(name));
    cache.set(name, p);
  }
  return p;
}

/** The pack if it has already loaded. */
export function loadedPack(name: PackName): Pack | undefined {
  return done.get(name);
}

/**
 * Puts a loaded pack's real commands into the shell in place of its stubs.
 * Until the data it needs (tag history, Compose schema, container tools) is in, a command
 * stands in with a load that fetches it (the shell awaits that before the
 * line, as for a stub).
 */
export function installPack(shell: Shell, pack: Pack): void {
  const need = missing(pack);
  for (const c of pack.commands) {
    if (!need.length) {
      shell.commands.set(c.name, c);
      continue;
    }
    const load = (sh: Shell) => Promise.all(need.map(loadPack)).then(() => installPack(sh, { ...pack, commands: [c] }));
    const complete: Command['complete'] = (words, current, ctx) => {
      // Completing `docker compose up <TAB>` loads the project, which needs the schema: start the load, offer nothing yet.
      void load(ctx.shell).catch(() => {});
      try {
        return c.complete?.(words, current, ctx) ?? [];
      } catch {
        return [];
      }
    };
    shell.commands.set(c.name, { ...c, load, ...(c.complete ? { complete } : {}) });
  }
}

/** Stand-ins for the tool commands of packs that are not loaded: named and summarised for `help`, loaded on first use. */
export function stubCommands(skip: PackName[] = []): Command[] {
  return (Object.keys(PACK_OF) as (keyof typeof SUMMARY)[])
    .filter((name) => !skip.includes(PACK_OF[name]))
    .map((name) => {
      const pack = PACK_OF[name];
      const load = (shell: Shell) =>
        loadPack(pack).then(async (p) => {
          await Promise.all(missing(p).map(loadPack));
          // kubectl on a Compose page: boot the cluster in slices first, as a Kubernetes page does, not inside the command's task.
          if (pack === 'kubectl' && !shell.world.peek('k8s.cluster')) {
            const k8s = await loadPack('k8s');
            await k8s.bootSliced?.(shell.world, yieldToHost, sliceBudget);
          }
          installPack(shell, p);
        });
      return {
        name,
        summary: SUMMARY[name],
        load,
        run({ stderr }) {
          // The shell loads a stub's pack before running the line; reaching this means that was skipped.
          stderr.write(`${name}: the simulator is still loading; try again\n`);
          return 1;
        },
        complete(_words, _current, { shell }) {
          void load(shell).catch(() => {});
          return [];
        },
      } satisfies Command;
    });
}

/** Packs a line needs, judged by its command names: a restored session loads them before it replays. */
export function packsForLine(line: string): PackName[] {
  const out = new Set<PackName>();
  for (const m of line.matchAll(/(?:^|[|;&]\s*|\s)(docker-compose|docker|curl|kubectl|etcdctl|sim|grep)(?=\s|$)/g)) out.add(PACK_OF[m[1] as keyof typeof PACK_OF]);
  if (out.has('compose') || out.has('kubectl')) out.add('tags');
  if (out.has('compose')) out.add('schema');
  if (out.has('compose') || out.has('kubectl')) out.add('tools');
  return [...out];
}
