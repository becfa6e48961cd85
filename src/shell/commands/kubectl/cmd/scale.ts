/** `kubectl scale TYPE NAME --replicas=N`: the scale subresource; `deployment.apps/web scaled`. */
import { kindPrefix } from '../resources.ts';
import { apiError, clientError, fetchNamed, type Subcommand } from './context.ts';

export const scale: Subcommand = (k) => {
  if (k.args.replicas === undefined) return clientError(k, 'required flag(s) "replicas" not set');
  if (k.args.replicas < 0) return clientError(k, 'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const objs = fetchNamed(k, 'scale');
  if (typeof objs === 'number') return objs;
  let code = 0;
  for (const { info, obj } of objs) {
    const r = k.api.updateScale(info.resource, obj.metadata.namespace ?? k.ns, obj.metadata.name, k.args.replicas);
    if (!r.ok) code = apiError(k, r.errors[0]);
    else k.out(`${kindPrefix(obj.kind, obj.apiVersion)}/${obj.metadata.name} scaled${k.dry}\n`);
  }
  k.flush();
  return code;
};
