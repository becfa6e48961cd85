import type { KubeObject } from '../api/types.ts';
import type { ApiClient, ApiResult } from '../apiserver/index.ts';

/** The result as an actor's narrow client returns it: the API server's own, without the warnings meant for kubectl. */
export function toStatus<T>(r: ApiResult<T>): ApiResult<T> {
  return r.ok ? { ok: true, value: r.value } : r;
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
  onError?: () => void,
): () => void {
  const r = api.watch<T>(resource, opts, (e) => onEvent({ type: e.type, object: e.object }), onError);
  return r.ok ? () => r.value.stop() : () => {};
}
