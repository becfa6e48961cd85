import type { TraceEntry } from '../../../sim/k8s/apiserver/index.ts';
import { isActivity } from '../../../sim/k8s/view.ts';
import { GET_TABWRITER, tabwrite } from '../kubectl/print/tabwriter.ts';

/**
 * `sim trace`: the API server's request log. By default the steady background
 * chatter (node heartbeats, status refreshes, reads, watch deliveries) is
 * hidden so the requests a learner caused stand out; the diagram animates
 * the same selection.
 */
export const isChatter = (e: TraceEntry): boolean => !isActivity(e);

const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * A wide terminal gets one table row per request; a narrow one (the lesson
 * terminal) gets the request on one line and the etcd write under it.
 */
export function formatTrace(entries: TraceEntry[], opts: { limit: number; all: boolean; columns?: number }): string {
  const shown = (opts.all ? entries : entries.filter((e) => !isChatter(e))).slice(-opts.limit);
  if (shown.length === 0) return 'No API requests yet.\n';
  const what = (e: TraceEntry) => `${e.resource}${e.subresource ? `/${e.subresource}` : ''}${e.name ? ` ${e.namespace ? `${e.namespace}/` : ''}${e.name}` : e.namespace ? ` -n ${e.namespace}` : ''}`;
  const writes = (e: TraceEntry) => e.etcd.filter((o) => o.op !== 'range').map((o) => `${o.op} ${o.key}${o.revision ? ` @${o.revision}` : ''}`).join(', ');
  if ((opts.columns ?? 80) >= 140) {
    const rows = ['TIME\tCOMPONENT\tVERB\tRESOURCE\tCODE\tETCD'];
    for (const e of shown) rows.push([hhmmss(e.time), e.component, e.verb, what(e), String(e.code), writes(e) || '-'].join('\t'));
    return tabwrite(rows.join('\n') + '\n', GET_TABWRITER);
  }
  let out = '';
  for (const e of shown) {
    out += `${hhmmss(e.time)}  ${e.component} → ${e.verb} ${what(e)} (${e.code})\n`;
    const w = writes(e);
    if (w) out += `          etcd: ${w}\n`;
  }
  return out;
}
