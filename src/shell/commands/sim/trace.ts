import type { TraceEntry } from '../../../sim/k8s/apiserver/index.ts';
import { GET_TABWRITER, tabwrite } from '../kubectl/print/tabwriter.ts';

/**
 * `sim trace`: the API server's request log as a table. By default the
 * steady background chatter (node heartbeats, status refreshes, reads and
 * watch deliveries) is hidden so the requests a learner caused stand out.
 */
export function isChatter(e: TraceEntry): boolean {
  if (e.resource === 'leases') return true;
  if (e.resource === 'events') return true;
  if (e.verb === 'get' || e.verb === 'list' || e.verb === 'watch' || e.eventType) return true;
  if (e.resource === 'nodes' && e.subresource === 'status') return true;
  return false;
}

const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export function formatTrace(entries: TraceEntry[], opts: { limit: number; all: boolean }): string {
  const shown = (opts.all ? entries : entries.filter((e) => !isChatter(e))).slice(-opts.limit);
  if (shown.length === 0) return 'No API requests yet.\n';
  const rows = ['TIME\tCOMPONENT\tVERB\tRESOURCE\tCODE\tETCD'];
  for (const e of shown) {
    const res = [e.resource + (e.subresource ? `/${e.subresource}` : ''), e.namespace, e.name].filter(Boolean).join(' ');
    const etcd = e.etcd.filter((o) => o.op !== 'range').map((o) => `${o.op} ${o.key}${o.revision ? ` @${o.revision}` : ''}`).join(', ') || '-';
    rows.push([hhmmss(e.time), e.component, e.verb, res, String(e.code), etcd].join('\t'));
  }
  return tabwrite(rows.join('\n') + '\n', GET_TABWRITER);
}
