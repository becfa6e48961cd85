/**
 * `kubectl expose deployment|pod|service|replicaset NAME --port [--target-port]
 * [--type] [--name]`: a Service selecting what the object selects (a pod: its
 * labels), labelled like the object; `service/web exposed`.
 */
import type { Container, KubeObject, LabelSelector } from '../../../../sim/k8s/api/types.ts';
import { asTyped } from './typed.ts';
import { apiError, clientError, fetchNamed, printResult, warningPrinter, type Subcommand } from './context.ts';

function selectorOf(o: KubeObject): Record<string, string> | string {
  const spec = (o as { spec?: { selector?: LabelSelector | Record<string, string> } }).spec;
  if (o.kind === 'Pod') return o.metadata.labels ?? {};
  if (o.kind === 'Service') return (spec?.selector as Record<string, string> | undefined) ?? {};
  const sel = spec?.selector as LabelSelector | undefined;
  if (sel?.matchExpressions?.length) return `couldn't convert expressions - "${sel.matchExpressions.map((e) => `${e.key} ${e.operator.toLowerCase()}`).join(',')}" to map-based selector format`;
  return sel?.matchLabels ?? {};
}

function containersOf(o: KubeObject): Container[] {
  const spec = (o as { spec?: { containers?: Container[]; template?: { spec?: { containers?: Container[] } } } }).spec;
  return spec?.containers ?? spec?.template?.spec?.containers ?? [];
}

export const expose: Subcommand = (k) => {
  const objs = fetchNamed(k, 'expose');
  if (typeof objs === 'number') return objs;
  const item = objs[0];
  if (!item) return 1;
  const { obj } = item;
  if (!['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController'].includes(obj.kind)) return clientError(k, `cannot expose a ${obj.kind}`);
  const selector = selectorOf(obj);
  if (typeof selector === 'string') return clientError(k, `couldn't retrieve selectors via --selector flag or introspection: ${selector}`);
  if (!Object.keys(selector).length) return clientError(k, `the ${obj.kind === 'Pod' ? 'pod' : obj.kind.toLowerCase()} has no labels and cannot be exposed`);
  let port = k.args.port;
  if (!port) {
    const svcPorts = (obj as { spec?: { ports?: { port: number }[] } }).spec?.ports;
    const p = obj.kind === 'Service' ? svcPorts?.[0]?.port : containersOf(obj).flatMap((c) => c.ports ?? [])[0]?.containerPort;
    if (p === undefined) return clientError(k, "couldn't find port via --port flag or introspection");
    port = String(p);
  }
  if (!/^\d+$/.test(port)) return clientError(k, `invalid port: ${port}`);
  const target = k.args.flags['target-port'] as string | undefined;
  const type = k.args.flags['type'] as string | undefined;
  const name = (k.args.flags['name'] as string | undefined) ?? obj.metadata.name;
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(obj.metadata.labels ? { labels: obj.metadata.labels } : {}) },
    spec: {
      ports: [{ port: Number(port), protocol: (k.args.flags['protocol'] as string | undefined) ?? 'TCP', targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : Number(port) }],
      selector,
      ...(type ? { type } : {}),
    },
  } as KubeObject;
  const r = k.api.create(k.args.dryRun === 'client' ? asTyped(svc) : svc, { namespace: obj.metadata.namespace ?? k.ns });
  warningPrinter(k)(r);
  if (!r.ok) return apiError(k, r.errors[0]);
  k.flush();
  return printResult(k, r.value, 'exposed');
};
