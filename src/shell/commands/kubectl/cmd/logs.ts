/**
 * `kubectl logs POD|TYPE/NAME [-c C] [-p] [--tail N] [--timestamps] [-f]`:
 * a GET of the pods/log subresource, which the API server serves from the
 * kubelet of the pod's node. -f keeps that one stream open as a Job that
 * prints new lines as virtual time passes and ends when the container exits.
 */
import type { Pod } from '../../../../sim/k8s/api/types.ts';
import { apiError, clientError, eventJob, type Subcommand } from './context.ts';
import { pickContainer, resolvePod } from './exec.ts';

const inSpec = (pod: Pod, name: string) => [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((c) => c.name === name);

export const logs: Subcommand = (k) => {
  const target = k.args.args[0];
  if (!target) return clientError(k, 'expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.\nPOD or TYPE/NAME is a required argument for the logs command');
  const pod = resolvePod(k, target);
  if (typeof pod === 'number') return pod;
  const container = pickContainer(k, pod);
  // kubectl checks the name against the pod it fetched before asking for logs.
  if (!inSpec(pod, container)) return clientError(k, `container ${container} is not valid for pod ${pod.metadata.name}`);
  const tail = k.args.tail;
  const r = k.api.podLog(pod.metadata.namespace ?? k.ns, pod.metadata.name, {
    container,
    previous: k.args.previous,
    timestamps: k.args.flags['timestamps'] === true,
    follow: k.args.follow,
    ...(tail !== undefined && tail >= 0 ? { tailLines: tail } : {}),
  });
  if (!r.ok) return apiError(k, r.errors[0]);
  k.out(r.value.text);
  const stream = r.value.follow;
  if (!k.args.follow || !stream) return 0;
  return eventJob(k, (done) => {
    const stop = k.ctx.world.clock.every(200, () => {
      k.out(stream.read());
      if (!stream.open()) done(0);
    });
    return stop;
  });
};
