/**
 * client-go's reflector back-off for a failed list or a watch that ended:
 * 800 ms, doubling, at most 30 s (without the jitter, so runs stay
 * deterministic). Used by the kubelet's and the scheduler's list+watch.
 */
export const REFLECTOR_BACKOFF_INITIAL_MS = 800;
export const REFLECTOR_BACKOFF_MAX_MS = 30_000;

export function reflectorBackoffMs(attempt: number): number {
  return Math.min(REFLECTOR_BACKOFF_MAX_MS, REFLECTOR_BACKOFF_INITIAL_MS * 2 ** Math.max(0, Math.min(attempt, 16)));
}
