import type { KubeObject } from '../api/types.ts';
import type { ApiClient, ApiResult } from '../apiserver/index.ts';

/** The narrow clients' result shape: `{ ok: false, status: { reason, code, message } }`. */
export type StatusResult<T> = { ok: true; value: T } | { ok: false; status: { reason: string; code: number; message: string } };

export function toStatus<T>(r: ApiResult<T>): StatusResult<T> {
  if (r.ok) return { ok: true, value: r.value };
  const e = r.errors[0];
  return { ok: false, status: { reason: e.code, code: e.httpCode, message: e.message } };
}

/** list → { items, resourceVersion } */
export function listOf<T extends KubeObject>(api: ApiClient, resource: string, namespace?: string, opts?: { labelSelector?: string; fieldSelector?: string; resourceVersion?: string }) {
  const r = api.list<T>(resource, namespace, opts);
  return toStatus(r.ok ? { ok: true, value: { items: r.value.items, resourceVersion: r.value.metadata.resourceVersion } } : r);
}

/** watch → a plain stop function (a failed watch stops nothing and retries on the next list). */
export function watchOf<T extends KubeObject>(
  api: ApiClient,
  resource: string,
  opts: { namespace?: string; resourceVersion?: string; labelSelector?: string; fieldSelector?: string },
  onEvent: (e: { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }) => void,
): () => void {
  const r = api.watch<T>(resource, opts, (e) => onEvent({ type: e.type, object: e.object }));
  return r.ok ? () => r.value.stop() : () => {};
}
