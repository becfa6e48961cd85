/**
 * What kubectl's generators print under --dry-run=client -o yaml: they build
 * a typed Go object, so its zero values are serialized too
 * (`creationTimestamp: null`, `resources: {}`, `strategy: {}`, `status: {}`),
 * which a learner sees in every manifest generated this way (kubectl v1.33;
 * v1.34 stopped writing `creationTimestamp: null`).
 */
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

function meta(o: Obj): void {
  o['metadata'] = { creationTimestamp: null, ...obj(o['metadata']) };
}

function podTemplate(t: Obj): void {
  meta(t);
  podSpec(obj(t['spec']));
}

function podSpec(spec: Obj): void {
  for (const c of [...((spec['initContainers'] as Obj[] | undefined) ?? []), ...((spec['containers'] as Obj[] | undefined) ?? [])]) c['resources'] ??= {};
}

export function asTyped<T extends KubeObject>(input: T): T {
  const o = structuredClone(input) as unknown as Obj;
  meta(o);
  const spec = obj(o['spec']);
  switch (o['kind']) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      if (o['kind'] === 'Deployment') spec['strategy'] ??= {};
      podTemplate(obj(spec['template']));
      o['status'] = {};
      break;
    case 'Pod':
      podSpec(spec);
      o['status'] = {};
      break;
    case 'Job':
      podTemplate(obj(spec['template']));
      o['status'] = {};
      break;
    case 'CronJob': {
      const jt = obj(spec['jobTemplate']);
      meta(jt);
      podTemplate(obj(obj(jt['spec'])['template']));
      o['status'] = {};
      break;
    }
    case 'Service':
      o['status'] = { loadBalancer: {} };
      break;
    case 'Namespace':
      o['spec'] = {};
      o['status'] = {};
      break;
  }
  return o as unknown as T;
}
