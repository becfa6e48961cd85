import type { DockerEngine } from '../../sim/compose/engine/docker.ts';

/**
 * What the Compose picture draws, as plain data: per project its services
 * with their containers (state, health, restarts, ports), and the networks
 * and volumes the project's containers use. Read from the engine, which is
 * what `docker ps`, `network ls` and `volume ls` read too.
 */
export interface ContainerView {
  name: string;
  state: string;
  health?: string;
  exitCode: number;
  restarts: number;
  ports: string[];
  networks: string[];
  volumes: string[];
}

export interface ComposeView {
  projects: {
    name: string;
    services: { name: string; containers: ContainerView[] }[];
    networks: { name: string; subnet: string; containers: string[] }[];
    volumes: { name: string; containers: string[] }[];
  }[];
  /** Containers started with plain `docker run`. */
  loose: ContainerView[];
}

const PROJECT = 'com.docker.compose.project';
const SERVICE = 'com.docker.compose.service';
const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function composeView(engine: DockerEngine): ComposeView {
  const projects = new Map<string, Map<string, ContainerView[]>>();
  const loose: ContainerView[] = [];
  for (const c of engine.containers.values()) {
    const cv: ContainerView = {
      name: c.spec.name,
      state: c.state,
      health: c.health,
      exitCode: c.exitCode,
      restarts: c.restartCount,
      ports: c.state === 'running' ? c.bindings.map((p) => `${p.published !== undefined ? `${p.published}→` : ''}${p.target}/${p.protocol}`) : [],
      networks: c.spec.networks.map((n) => n.name),
      volumes: c.spec.mounts.filter((m) => m.type === 'volume').map((m) => m.source),
    };
    const project = c.spec.labels[PROJECT];
    if (!project) {
      loose.push(cv);
      continue;
    }
    const services = projects.get(project) ?? projects.set(project, new Map()).get(project)!;
    const service = c.spec.labels[SERVICE] ?? c.spec.name;
    (services.get(service) ?? services.set(service, []).get(service)!).push(cv);
  }
  const out: ComposeView = { projects: [], loose: loose.sort(byName) };
  for (const [name, services] of projects) {
    const members = [...services.values()].flat();
    const users = (pick: (c: ContainerView) => string[], key: string) => members.filter((c) => pick(c).includes(key)).map((c) => c.name).sort();
    const netNames = [...new Set(members.flatMap((c) => c.networks))].sort();
    const volNames = [...new Set(members.flatMap((c) => c.volumes))].sort();
    out.projects.push({
      name,
      services: [...services].map(([s, cs]) => ({ name: s, containers: cs.sort(byName) })).sort(byName),
      networks: netNames.map((n) => ({ name: n, subnet: engine.networks.get(n)?.subnet ?? '', containers: users((c) => c.networks, n) })),
      volumes: volNames.map((v) => ({ name: v, containers: users((c) => c.volumes, v) })),
    });
  }
  // Named volumes and networks of a project outlive its containers (down keeps volumes): show them too.
  for (const p of out.projects) {
    for (const v of engine.volumes.values()) if (v.labels[PROJECT] === p.name && !p.volumes.some((x) => x.name === v.name)) p.volumes.push({ name: v.name, containers: [] });
    for (const n of engine.networks.values()) if (n.labels[PROJECT] === p.name && !p.networks.some((x) => x.name === n.name)) p.networks.push({ name: n.name, subnet: n.subnet, containers: [] });
  }
  for (const v of engine.volumes.values()) {
    const project = v.labels[PROJECT];
    if (project && !out.projects.some((p) => p.name === project)) out.projects.push({ name: project, services: [], networks: [], volumes: [{ name: v.name, containers: [] }] });
  }
  out.projects.sort(byName);
  return out;
}
