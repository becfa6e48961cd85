/** `kubectl set image TYPE/NAME CONTAINER=IMAGE…` (`*=IMAGE` for every container): `deployment.apps/web image updated`. */
import type { Container, KubeObject, PodSpec } from '../../../../sim/k8s/api/types.ts';
import { apiError, clientError, fetchNamed, objRef, type Subcommand } from './context.ts';

function podSpecOf(o: KubeObject): PodSpec | undefined {
  if (o.kind === 'Pod') return (o as unknown as { spec: PodSpec }).spec;
  return (o as unknown as { spec?: { template?: { spec?: PodSpec } } }).spec?.template?.spec;
}

export const setCmd: Subcommand = (k) => {
  const [sub, ...rest] = k.args.args;
  if (sub !== 'image') return clientError(k, sub ? `unknown command "${sub}" for "kubectl set"` : 'Required resource not specified.');
  const pairs = rest.filter((a) => a.includes('='));
  const resArgs = rest.filter((a) => !a.includes('='));
  if (!pairs.length) return clientError(k, 'at least one image update is required');
  const objs = fetchNamed(k, 'set image', resArgs);
  if (typeof objs === 'number') return objs;
  let code = 0;
  for (const { info, obj } of objs) {
    const spec = podSpecOf(obj);
    if (!spec) {
      code = clientError(k, `${objRef(obj)} has no pod template`);
      continue;
    }
    const all: Container[] = [...(spec.initContainers ?? []), ...spec.containers];
    let missing: string | undefined;
    for (const p of pairs) {
      const [name, image] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
      const hits = name === '*' ? all : all.filter((c) => c.name === name);
      if (!hits.length) missing = name;
      for (const c of hits) c.image = image;
    }
    if (missing) {
      code = clientError(k, `unable to find container named "${missing}"`);
      continue;
    }
    const r = k.api.update(obj);
    if (!r.ok) code = apiError(k, r.errors[0]);
    else k.out(`${objRef(obj)} image updated${k.dry}\n`);
    void info;
  }
  k.flush();
  return code;
};
