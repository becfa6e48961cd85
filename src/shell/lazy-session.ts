import { builtinCommands } from './builtins/index.ts';
import { installPack, loadPack, stubCommands, type PackName } from './packs/index.ts';
import { tagCatalogueLoaded } from '../sim/containers/tag-catalogue.ts';
import { schemaCheckLoaded } from '../sim/compose/load/schema-check.ts';
import { containerToolsLoaded } from '../sim/containers/container-tools.ts';
import { sessionShell, type SessionOptions } from './session-shell.ts';
import type { Shell } from './shell.ts';

/** Lets the browser paint and handle input between slices of work (a macrotask, not a microtask). */
const yieldToHost = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A slice of the cluster's boot: 12 ms of work, well under a 50 ms long task. */
const bootBudget = () => {
  const end = performance.now() + 12;
  return () => performance.now() >= end;
};

/**
 * A session for a page: the builtins plus the packs it asks for, and stubs
 * that load the other packs when first typed. The result behaves exactly like
 * createSession()'s once those packs are in.
 */
export async function createLazySession(opts: SessionOptions, packs: PackName[]): Promise<Shell> {
  const want = new Set(packs);
  if (opts.boot?.includes('k8s')) want.add('k8s');
  const loaded = await Promise.all([...want].map(loadPack));
  const shell = sessionShell(opts, [...builtinCommands(), ...stubCommands([...want])]);
  for (const p of loaded) installPack(shell, p);
  if (opts.boot?.includes('k8s'))
    for (const p of loaded) {
      if (p.bootSliced) await p.bootSliced(shell.world, yieldToHost, bootBudget);
      else p.boot?.(shell.world);
    }
  return shell;
}

/**
 * Packs a session will soon want that its terminal does not need to start:
 * a Kubernetes page's commands (the cluster is already up), the registry's
 * tag history and the container shell and utilities for docker and kubectl,
 * and the Compose schema for docker. A page fetches these once its terminal
 * is ready; a line that needs one first still waits for it.
 */
export function packsAfterStart(packs: PackName[]): PackName[] {
  const later: PackName[] = [];
  if (packs.includes('k8s') && !packs.includes('kubectl')) later.push('kubectl');
  if (!tagCatalogueLoaded() && (later.length || packs.includes('compose') || packs.includes('kubectl'))) later.push('tags');
  if (!schemaCheckLoaded() && packs.includes('compose')) later.push('schema');
  if (!containerToolsLoaded() && packs.some((p) => p === 'k8s' || p === 'compose' || p === 'kubectl')) later.push('tools');
  return later;
}
