/** `kubectl api-resources`, `cluster-info` and `version`. */
import { KUBERNETES_VERSION } from '../../../../sim/k8s/version.ts';
import { GET_TABWRITER, tabwrite } from '../print/tabwriter.ts';
import { RESOURCES } from '../resources.ts';
import type { Subcommand } from './context.ts';

/** Groups in the order discovery lists them; the core group first. */
const GROUP_ORDER = ['', 'apps', 'events.k8s.io', 'autoscaling', 'batch', 'coordination.k8s.io', 'discovery.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io', 'apiextensions.k8s.io'];

type Row = Pick<(typeof RESOURCES)[number], 'resource' | 'shortNames' | 'group' | 'version' | 'namespaced' | 'kind'>;

/** What an aggregated API server adds to discovery: metrics-server's resource metrics API (no short names). */
const AGGREGATED: Record<string, Row[]> = {
  'metrics.k8s.io': [
    { resource: 'nodes', shortNames: [], group: 'metrics.k8s.io', version: 'v1beta1', namespaced: false, kind: 'NodeMetrics' },
    { resource: 'pods', shortNames: [], group: 'metrics.k8s.io', version: 'v1beta1', namespaced: true, kind: 'PodMetrics' },
  ],
};

export const apiResources: Subcommand = (k) => {
  const namespaced = k.args.flags['namespaced'];
  const group = k.args.flags['api-group'] as string | undefined;
  const rank = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);
  // Aggregated groups come last: their APIService's groupPriorityMinimum (metrics-server's is 100) is below every built-in group's.
  const aggregated = k.api.aggregatedGroups();
  const extra = aggregated.ok ? aggregated.value.flatMap((g) => AGGREGATED[g] ?? []) : [];
  const rows = [...[...RESOURCES].sort((a, b) => rank(a.group) - rank(b.group) || (a.resource < b.resource ? -1 : 1)), ...extra]
    .filter((r) => namespaced === undefined || String(r.namespaced) === String(namespaced))
    .filter((r) => group === undefined || r.group === group);
  if (k.args.output === 'name') {
    k.out(rows.map((r) => `${r.resource}${r.group ? `.${r.group}` : ''}\n`).join(''));
    return 0;
  }
  const lines = k.args.noHeaders ? [] : ['NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND'];
  for (const r of rows) lines.push([r.resource, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind].join('\t'));
  k.out(tabwrite(lines.join('\n') + '\n', GET_TABWRITER));
  return 0;
};

export const clusterInfo: Subcommand = (k) => {
  if (k.args.args[0] === 'dump') {
    k.err('error: cluster-info dump is not available in this simulator\n');
    return 1;
  }
  // kubectl colours the service name green and the URL yellow (ct.ChangeColor), only on a terminal.
  const c = k.ctx.tty.color;
  const green = (s: string) => (c ? `\x1b[0;32m${s}\x1b[0m` : s);
  const yellow = (s: string) => (c ? `\x1b[0;33m${s}\x1b[0m` : s);
  const r = k.api.list('nodes');
  if (!r.ok) {
    k.err(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n${r.errors[0].message}\n`);
    return 1;
  }
  const url = 'https://127.0.0.1:6443';
  k.out(`${green('Kubernetes control plane')} is running at ${yellow(url)}\n`);
  k.out(`${green('CoreDNS')} is running at ${yellow(`${url}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`)}\n`);
  k.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
};

/** kubectl 1.33 bundles kustomize v5.6.0. */
const KUSTOMIZE_VERSION = 'v5.6.0';

export const version: Subcommand = (k) => {
  // The kubectl binary is built at the cluster's version; the server answers GET /version.
  k.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
  if (k.args.flags['client'] === true) return 0;
  const r = k.api.version();
  if (!r.ok) {
    k.err(`${r.errors[0].message}\n`);
    return 1;
  }
  k.out(`Server Version: ${r.value.gitVersion}\n`);
  return 0;
};
