import { namespaceKind } from './kinds/namespace.ts';
import { nodeKind } from './kinds/node.ts';
import { podKind } from './kinds/pod.ts';
import { groupOf, type KindDef } from './kinds/types.ts';

/** Every kind the API server serves, in discovery order. */
export const KINDS: readonly KindDef[] = [namespaceKind, nodeKind, podKind];

const byResource = new Map(KINDS.map((k) => [k.resource, k]));

/** The kind for a manifest's apiVersion and kind, or undefined (kubectl's "no matches for kind"). */
export function kindFor(apiVersion: string, kind: string): KindDef | undefined {
  return KINDS.find((k) => k.kind === kind && k.apiVersion === apiVersion);
}

/**
 * What kubectl accepts as a resource type: plural, singular, short name or
 * kind, any case, optionally with a group (`deployments.apps`).
 */
export function resolveResource(name: string): KindDef | undefined {
  const n = name.toLowerCase();
  const [base, ...rest] = n.split('.');
  const group = rest.join('.');
  return KINDS.find(
    (k) =>
      (!group || groupOf(k.apiVersion) === group) &&
      (k.resource === base || k.singular === base || k.kind.toLowerCase() === base || k.shortNames.includes(base!)),
  );
}

export function kindByResource(resource: string): KindDef | undefined {
  return byResource.get(resource);
}
