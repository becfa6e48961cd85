/**
 * Values for `<pod name>`-style placeholders from a session's world: the
 * first running pod (preferring one that shares a word with the placeholder),
 * a worker node, the first deployment, service or running container. Pure;
 * reads through the API server like kubectl's completion does.
 */
import type { Cluster } from '../sim/k8s/cluster.ts';
import type { DockerEngine } from '../sim/compose/engine/docker.ts';
import type { World } from '../sim/world.ts';

const WORDS: [RegExp, 'pods' | 'nodes' | 'deployments' | 'services' | 'replicasets' | 'container' | 'namespace'][] = [
  [/\b(pod|pods)\b|파드/i, 'pods'],
  [/\bnode\b|노드/i, 'nodes'],
  [/\b(deployment|deploy)\b|디플로이먼트/i, 'deployments'],
  [/\b(replicaset|rs)\b|레플리카셋/i, 'replicasets'],
  [/\b(service|svc)\b|서비스/i, 'services'],
  [/\bcontainer\b|컨테이너/i, 'container'],
  [/\bnamespace\b|네임스페이스/i, 'namespace'],
];

/** A value for one placeholder from the world, or undefined when nothing fits. */
export function liveValue(world: World, placeholder: string): string | undefined {
  const inner = placeholder.slice(1, -1);
  const kind = WORDS.find(([re]) => re.test(inner))?.[1];
  if (!kind) return undefined;
  if (kind === 'namespace') return 'default';
  if (kind === 'container') {
    const docker = world.peek<DockerEngine>('docker');
    const names = [...(docker?.containers.values() ?? [])].filter((c) => c.state === 'running').map((c) => c.spec.name);
    return preferred(names, inner);
  }
  const cluster = world.peek<Cluster>('k8s.cluster');
  if (!cluster) return undefined;
  const r = cluster.api.as('kubectl').list(kind, kind === 'nodes' ? undefined : 'default');
  if (!r.ok) return undefined;
  let items = r.value.items;
  if (kind === 'pods') items = items.filter((p) => (p as { status?: { phase?: string } }).status?.phase === 'Running').concat(items);
  const names = items.map((o) => o.metadata.name);
  // Nodes: a worker, where pods run, unless the placeholder names the control plane.
  if (kind === 'nodes' && !/control|컨트롤/i.test(inner)) return preferred(names.filter((n) => !n.includes('control-plane')), inner) ?? names[0];
  return preferred(names, inner);
}

/** The first name sharing a word with the placeholder (`<web pod>` → web-…), else the first. */
function preferred(names: string[], inner: string): string | undefined {
  const words = inner.toLowerCase().split(/[\s_-]+/).filter((w) => w.length > 2 && !/^(pod|pods|name|node|service|container|deployment|이름)$/.test(w));
  return names.find((n) => words.some((w) => n.toLowerCase().includes(w))) ?? names[0];
}
