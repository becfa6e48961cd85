/**
 * `kubectl autoscale TYPE NAME --max=N [--min=N] [--cpu-percent=N] [--name=…]`
 * (kubectl/pkg/cmd/autoscale): an autoscaling/v2 HorizontalPodAutoscaler for
 * a Deployment, ReplicaSet or StatefulSet, named after it.
 */
import type { HorizontalPodAutoscaler } from '../../../../sim/k8s/api/types.ts';
import { apiError, clientError, fetchNamed, printResult, type Subcommand } from './context.ts';
import { asTyped } from './typed.ts';

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

export const autoscale: Subcommand = (k) => {
  const max = Number(k.args.flags['max'] ?? -1);
  const minFlag = k.args.flags['min'];
  const min = minFlag === undefined ? -1 : Number(minFlag);
  const cpu = Number(k.args.flags['cpu-percent'] ?? -1);
  if (!(max >= 1)) return clientError(k, `--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (min > max) return clientError(k, `--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const objs = fetchNamed(k, 'autoscale');
  if (typeof objs === 'number') return objs;
  let failed = 0;
  for (const { obj } of objs) {
    if (!SCALABLE.includes(obj.kind)) {
      failed = clientError(k, `cannot autoscale a ${obj.kind}: ${obj.kind.toLowerCase()}s is not supported`);
      continue;
    }
    const hpa: HorizontalPodAutoscaler = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: (k.args.flags['name'] as string | undefined) ?? obj.metadata.name },
      spec: {
        scaleTargetRef: { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name },
        ...(min >= 1 ? { minReplicas: min } : {}),
        maxReplicas: max,
        ...(cpu >= 0 ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }] } : {}),
      },
    };
    const r = k.api.create(k.args.dryRun === 'client' ? asTyped(hpa) : hpa, { namespace: k.ns });
    if (!r.ok) {
      failed = apiError(k, r.errors[0]);
      continue;
    }
    k.flush();
    printResult(k, r.value, 'autoscaled');
  }
  return failed;
};
