import type { ConfigMap, Event, KubeObject, Lease, Namespace } from '../../../../sim/k8s/api/types.ts';
import { parseTime, translateTimestampSince } from './age.ts';
import type { ResourcePrinter } from './format.ts';

export const namespacePrinter: ResourcePrinter<Namespace> = {
  columns: ['NAME', 'STATUS', 'AGE'],
  wideColumns: [],
  row: (ns, now) => [ns.metadata.name, ns.status?.phase ?? '', translateTimestampSince(ns.metadata.creationTimestamp, now)],
};

export const configMapPrinter: ResourcePrinter<ConfigMap & { binaryData?: Record<string, string> }> = {
  columns: ['NAME', 'DATA', 'AGE'],
  wideColumns: [],
  row: (cm, now) => [cm.metadata.name, String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), translateTimestampSince(cm.metadata.creationTimestamp, now)],
};

export const secretPrinter: ResourcePrinter<KubeObject & { type?: string; data?: Record<string, string>; stringData?: Record<string, string> }> = {
  columns: ['NAME', 'TYPE', 'DATA', 'AGE'],
  wideColumns: [],
  row: (s, now) => [s.metadata.name, s.type ?? 'Opaque', String(Object.keys(s.data ?? {}).length), translateTimestampSince(s.metadata.creationTimestamp, now)],
};

export const serviceAccountPrinter: ResourcePrinter<KubeObject & { secrets?: unknown[] }> = {
  columns: ['NAME', 'SECRETS', 'AGE'],
  wideColumns: [],
  row: (sa, now) => [sa.metadata.name, String(sa.secrets?.length ?? 0), translateTimestampSince(sa.metadata.creationTimestamp, now)],
};

export const leasePrinter: ResourcePrinter<Lease> = {
  columns: ['NAME', 'HOLDER', 'AGE'],
  wideColumns: [],
  row: (l, now) => [l.metadata.name, l.spec.holderIdentity ?? '', translateTimestampSince(l.metadata.creationTimestamp, now)],
};

type ComponentStatus = KubeObject & { conditions?: { type: string; status: string; message?: string; error?: string }[] };

/** printComponentStatus: Healthy only when the Healthy condition is True; the probe's answer and error as they came. */
export const componentStatusPrinter: ResourcePrinter<ComponentStatus> = {
  columns: ['NAME', 'STATUS', 'MESSAGE', 'ERROR'],
  wideColumns: [],
  row: (cs) => {
    const c = cs.conditions?.find((x) => x.type === 'Healthy');
    return [cs.metadata.name, c ? (c.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown', c?.message ?? '', c?.error ?? ''];
  },
};

/** An event's first and last sighting, with the eventTime fallback of the events.k8s.io API. */
export function eventTimes(e: Event & { eventTime?: string }, now: number): { first: string; last: string } {
  const first = parseTime(e.firstTimestamp) === undefined ? translateTimestampSince(e.eventTime, now) : translateTimestampSince(e.firstTimestamp, now);
  const last = parseTime(e.lastTimestamp) === undefined ? first : translateTimestampSince(e.lastTimestamp, now);
  return { first, last };
}

export const eventPrinter: ResourcePrinter<Event> = {
  columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  // Wide inserts SUBOBJECT and SOURCE before MESSAGE; see row().
  wideColumns: ['FIRST SEEN', 'COUNT', 'NAME'],
  row(e, now, wide) {
    const { first, last } = eventTimes(e, now);
    const io = e.involvedObject;
    const target = io.name ? `${io.kind.toLowerCase()}/${io.name}` : io.kind.toLowerCase();
    if (!wide) return [last, e.type, e.reason, target, e.message.trim()];
    const source = e.source?.component ? (e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component) : e.reportingComponent ?? '';
    return [last, e.type, e.reason, target, io.fieldPath ?? '', source, e.message.trim(), first, String(e.count || 1), e.metadata.name];
  },
};

/** Columns of `get events -o wide`, whose extra columns are not all at the end. */
export const EVENT_WIDE_COLUMNS = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'] as const;

/** What the API server's default table gives kinds without their own printer. */
export const genericPrinter: ResourcePrinter<KubeObject> = {
  columns: ['NAME', 'AGE'],
  wideColumns: [],
  row: (o, now) => [o.metadata.name, translateTimestampSince(o.metadata.creationTimestamp, now)],
};
