import { simError, type SimError, type SimPosition } from '../../errors.ts';
import type { ComposeProject } from '../types.ts';
import type { Path } from './yaml.ts';

type Where = (path: Path, key?: boolean) => { file?: string; pos?: SimPosition };

const INVALID = 'invalid compose project';

/** Consistency checks compose runs on the whole project after merging. */
export function checkProject(p: Pick<ComposeProject, 'services' | 'networks' | 'volumes'>, where: Where, hasExtends: (service: string) => boolean): SimError[] {
  const errors: SimError[] = [];
  const err = (code: string, message: string, path: Path, key = false) => errors.push(simError(code, message, where(path, key)));
  for (const [name, s] of Object.entries(p.services)) {
    // A service that extends another gets its image from there, which is not simulated.
    if (!s.image && !s.build && !hasExtends(name)) {
      err('NO_IMAGE', `service "${name}" has neither an image nor a build context specified: ${INVALID}`, ['services', name], true);
    }
    for (const dep of Object.keys(s.dependsOn)) {
      if (!p.services[dep] && s.dependsOn[dep]!.required) {
        err('UNDEFINED_SERVICE', `service "${name}" depends on undefined service "${dep}": ${INVALID}`, ['services', name, 'depends_on']);
      }
    }
    s.volumes.forEach((m, i) => {
      if (m.type === 'volume' && m.source !== undefined && !p.volumes[m.source]) {
        err('UNDEFINED_VOLUME', `service "${name}" refers to undefined volume ${m.source}: ${INVALID}`, ['services', name, 'volumes', i]);
      }
    });
    for (const net of Object.keys(s.networks)) {
      if (!p.networks[net]) err('UNDEFINED_NETWORK', `service "${name}" refers to undefined network ${net}: ${INVALID}`, ['services', name, 'networks']);
    }
  }
  const cycle = findCycle(p.services);
  if (cycle) err('DEPENDENCY_CYCLE', `dependency cycle detected: ${cycle.join(' -> ')}`, ['services', cycle[0]!, 'depends_on']);
  return errors;
}

/** The first depends_on cycle met walking services in declaration order, closed (a -> b -> a). */
export function findCycle(services: ComposeProject['services']): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done' || !services[n]) return undefined;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const d of Object.keys(services[n]!.dependsOn)) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of Object.keys(services)) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}
