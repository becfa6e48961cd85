/**
 * `kubectl events [--for TYPE/NAME] [--types=Normal,Warning] [-A] [-w]`
 * (staging/src/k8s.io/kubectl/pkg/cmd/events): the namespace's events,
 * oldest first by last sighting, with `(xN over T)` for repeated ones and the
 * involved object as `Kind/name`.
 */
import type { Event } from '../../../../sim/k8s/api/types.ts';
import { parseTime, translateTimestampSince } from '../print/age.ts';
import { GET_TABWRITER, tabwrite } from '../print/tabwriter.ts';
import { resolveResource } from '../resources.ts';
import { apiError, clientError, eventJob, type Kctx, type Subcommand } from './context.ts';

type Ev = Event & { eventTime?: string };

/** eventTime for events.k8s.io events, else lastTimestamp (the sort key of SortableEvents). */
const lastSeen = (e: Ev): number => parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? parseTime(e.firstTimestamp) ?? 0;

function interval(e: Ev, now: number): string {
  const first = parseTime(e.firstTimestamp) !== undefined ? translateTimestampSince(e.firstTimestamp, now) : translateTimestampSince(e.eventTime, now);
  if ((e.count ?? 1) > 1) return `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return parseTime(e.lastTimestamp) !== undefined ? translateTimestampSince(e.lastTimestamp, now) : first;
}

function rows(k: Kctx, events: Ev[], header: boolean): string {
  const all = k.args.allNamespaces;
  const lines = header && !k.args.noHeaders ? [`${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`] : [];
  for (const e of events) {
    const io = e.involvedObject;
    lines.push(`${all ? `${e.metadata.namespace ?? ''}\t` : ''}${interval(e, k.now())}\t${e.type}\t${e.reason}\t${io.kind}/${io.name}\t${e.message.trim()}`);
  }
  return lines.length ? tabwrite(lines.join('\n') + '\n', GET_TABWRITER) : '';
}

export const events: Subcommand = (k) => {
  if (k.args.output && k.args.output !== 'wide') return clientError(k, `kubectl events -o ${k.args.output} is not simulated here; use kubectl get events -o ${k.args.output}`);
  const types = ((k.args.flags['types'] as string[] | undefined) ?? []).flatMap((t) => t.split(',')).filter(Boolean);
  for (const t of types) if (t !== 'Normal' && t !== 'Warning') return clientError(k, `valid --types are Normal or Warning`);
  let forKind: string | undefined;
  let forName: string | undefined;
  const f = k.args.flags['for'] as string | undefined;
  if (f) {
    const [type, name] = f.includes('/') ? f.split('/', 2) : ['', f];
    const info = type ? resolveResource(type) : undefined;
    if (type && !info) return clientError(k, `the server doesn't have a resource type "${type}"`);
    forKind = info?.kind;
    forName = name;
  }
  const ns = k.args.allNamespaces ? undefined : k.ns;
  // --for narrows the list on the server with a field selector, as kubectl does.
  const fieldSelector = forName ? [`involvedObject.name=${forName}`, ...(forKind ? [`involvedObject.kind=${forKind}`] : [])].join(',') : undefined;
  const keep = (e: Ev) => (!types.length || types.includes(e.type)) && (!forName || (e.involvedObject.name === forName && (!forKind || e.involvedObject.kind === forKind)));
  const r = k.api.list<Ev>('events', ns, fieldSelector ? { fieldSelector } : {});
  if (!r.ok) return apiError(k, r.errors[0]);
  const list = r.value.items.filter(keep).sort((a, b) => lastSeen(a) - lastSeen(b));
  if (list.length) k.out(rows(k, list, true));
  else if (!k.args.watch) k.err(k.args.allNamespaces ? 'No events found.\n' : `No events found in ${k.ns} namespace.\n`);
  if (!k.args.watch) return 0;
  let header = list.length === 0;
  return eventJob(k, () => {
    const w = k.api.watch<Ev>('events', { namespace: ns, resourceVersion: r.value.metadata.resourceVersion, ...(fieldSelector ? { fieldSelector } : {}) }, (e) => {
      if (e.type === 'DELETED' || !keep(e.object)) return;
      k.out(rows(k, [e.object], header));
      header = false;
    });
    return w.ok ? () => w.value.stop() : () => {};
  });
};
