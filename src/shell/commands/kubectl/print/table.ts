import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import { kindPrefix } from '../resources.ts';
import { componentStatusPrinter, configMapPrinter, eventPrinter, EVENT_WIDE_COLUMNS, genericPrinter, leasePrinter, namespacePrinter, secretPrinter, serviceAccountPrinter } from './cluster.ts';
import { formatLabels, type ResourcePrinter } from './format.ts';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './network.ts';
import { nodePrinter } from './nodes.ts';
import { podPrinter } from './pods.ts';
import { GET_TABWRITER, tabwrite, tabwriteCells } from './tabwriter.ts';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage.ts';
import { controllerRevisionPrinter, cronJobPrinter, hpaPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, statefulSetPrinter } from './workloads.ts';

const PRINTERS: Record<string, ResourcePrinter<never>> = {
  Pod: podPrinter,
  Node: nodePrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  DaemonSet: daemonSetPrinter,
  StatefulSet: statefulSetPrinter,
  ControllerRevision: controllerRevisionPrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  PersistentVolume: persistentVolumePrinter,
  StorageClass: storageClassPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  HorizontalPodAutoscaler: hpaPrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  EndpointSlice: endpointSlicePrinter,
  Event: eventPrinter,
  Namespace: namespacePrinter,
  ConfigMap: configMapPrinter,
  Lease: leasePrinter,
  ComponentStatus: componentStatusPrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
};

export function printerFor(kind: string): ResourcePrinter {
  return (PRINTERS[kind] ?? genericPrinter) as ResourcePrinter;
}

export interface TableOptions {
  /** `-o wide` */
  wide?: boolean;
  /** `--no-headers` */
  noHeaders?: boolean;
  /** `-A`: a NAMESPACE column first. */
  withNamespace?: boolean;
  /** `--show-labels`: a LABELS column last. */
  showLabels?: boolean;
  /** `-L key,...`: one column per key, headed by the key's last path segment. */
  labelColumns?: string[];
  /** Prefix names with `pod/`, `deployment.apps/` (`get all`, several types, `--show-kind`). */
  withKind?: boolean;
}

/** The header and row cells of one kind, before alignment. */
function tableRows(objs: KubeObject[], now: number, opts: TableOptions): string[][] {
  const first = objs[0];
  if (!first) return [];
  const printer = printerFor(first.kind);
  const wide = opts.wide === true;
  const columns = wide ? (first.kind === 'Event' ? [...EVENT_WIDE_COLUMNS] : [...printer.columns, ...printer.wideColumns]) : [...printer.columns];
  const labelKeys = opts.labelColumns ?? [];
  const header = [
    ...(opts.withNamespace ? ['NAMESPACE'] : []),
    ...columns,
    ...labelKeys.map((k) => k.split('/').pop()!.toUpperCase()),
    ...(opts.showLabels ? ['LABELS'] : []),
  ];
  const rows: string[][] = [];
  if (!opts.noHeaders) rows.push(header);
  // The NAME column is the one named so; events have theirs last.
  const nameIdx = columns.indexOf('NAME');
  for (const o of objs) {
    const cells = printer.row(o, now, wide);
    if (opts.withKind && nameIdx >= 0) cells[nameIdx] = `${kindPrefix(o.kind, o.apiVersion)}/${cells[nameIdx]}`;
    const row = opts.withNamespace ? [o.metadata.namespace ?? ''] : [];
    for (const c of cells) row.push(c);
    if (labelKeys.length || opts.showLabels) {
      const labels = o.metadata.labels ?? {};
      for (const k of labelKeys) row.push(labels[k] ?? '');
      if (opts.showLabels) row.push(formatLabels(labels));
    }
    rows.push(row);
  }
  return rows;
}

/** `kubectl get` output for objects of one kind, aligned like kubectl's tabwriter. '' when there are none. */
export function printTable(objs: KubeObject[], now: number, opts: TableOptions = {}): string {
  const rows = tableRows(objs, now, opts);
  if (!rows.length) return '';
  // A value holding a tab or newline splits its cell or line, as it does in kubectl's tabwriter: go through the text.
  if (rows.some((r) => r.some((c) => c.includes('\t') || c.includes('\n')))) return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', GET_TABWRITER);
  rows.push(['']);
  return tabwriteCells(rows, GET_TABWRITER);
}

/** stderr text when a get finds nothing: namespaced lists name the namespace, `-A` and cluster scope do not. */
export function noResourcesFound(namespace?: string): string {
  return namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
}

export interface GetOutput {
  stdout: string;
  stderr: string;
}

/**
 * Several kinds at once (`get all`, `get pods,svc`): one table per kind in the
 * order given, kind-prefixed names, a blank line between tables, empty kinds
 * left out. `namespace` is what the "No resources found" line names (omit for
 * `-A` or cluster-scoped kinds).
 */
export function printGroups(groups: KubeObject[][], now: number, opts: TableOptions & { namespace?: string }): GetOutput {
  const nonEmpty = groups.filter((g) => g.length > 0);
  if (nonEmpty.length === 0) return { stdout: '', stderr: noResourcesFound(opts.namespace) };
  const withKind = opts.withKind ?? groups.length > 1;
  // kubectl prints the blank separator with each new header, so --no-headers drops it too.
  return { stdout: nonEmpty.map((g) => printTable(g, now, { ...opts, withKind })).join(opts.noHeaders ? '' : '\n'), stderr: '' };
}
