import type { TraceEntry } from '../../sim/k8s/apiserver/index.ts';

/**
 * Sorting the API server's requests for the diagram's list. The learner's
 * own kubectl requests matter most and stay on top; writes by the control
 * plane and kubelets are the story; lease renewals, status heartbeats and
 * background reads are noise that is only counted unless asked for.
 */
export type RequestKind = 'mine' | 'activity' | 'noise';

/** Watch deliveries are not requests; they are not listed or counted. */
export function classify(e: TraceEntry): RequestKind | undefined {
  if (e.eventType) return undefined;
  if (e.component === 'kubectl') return e.verb === 'watch' ? undefined : 'mine';
  if (e.resource === 'leases' || e.resource === 'events' || e.subresource === 'status') return 'noise';
  if (e.verb === 'get' || e.verb === 'list' || e.verb === 'watch') return 'noise';
  return 'activity';
}

/** A request as the list shows it. */
export interface RequestRow {
  seq: number;
  component: string;
  verb: string;
  target: string;
  code: number;
  failed: boolean;
  /** The etcd revision a write landed at. */
  revision?: number;
}

export function toRow(e: TraceEntry, seq: number): RequestRow {
  const target = [e.resource + (e.subresource ? `/${e.subresource}` : ''), e.namespace && e.name ? `${e.namespace}/${e.name}` : e.name].filter(Boolean).join(' ');
  const write = e.etcd.find((o) => o.op !== 'range' && o.revision > 0);
  return { seq, component: e.component, verb: e.verb, target, code: e.code, failed: failed(e), revision: write?.revision };
}

/**
 * A refused connection (code 0) or an error status. A 404 answering a get is
 * an answer, not a failure: `kubectl apply` asks whether the object exists
 * before it creates it.
 */
export function failed(e: Pick<TraceEntry, 'code' | 'verb'>): boolean {
  if (e.code === 404 && e.verb === 'get') return false;
  return e.code === 0 || e.code >= 400;
}

export class RequestLog {
  readonly mine: RequestRow[] = [];
  readonly activity: RequestRow[] = [];
  readonly noise: RequestRow[] = [];
  noiseCount = 0;
  #seq = 0;
  readonly #keep: { mine: number; activity: number; noise: number };

  constructor(keep = { mine: 5, activity: 6, noise: 12 }) {
    this.#keep = keep;
  }

  /** Files e; returns its kind, or undefined if it is not a request. */
  add(e: TraceEntry): RequestKind | undefined {
    const kind = classify(e);
    if (!kind) return undefined;
    const row = toRow(e, ++this.#seq);
    const list = this[kind];
    list.unshift(row);
    if (list.length > this.#keep[kind]) list.pop();
    if (kind === 'noise') this.noiseCount++;
    return kind;
  }
}
