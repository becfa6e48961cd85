/**
 * A binary heap kept in a plain array, ordered by `before(a, b)` (a comes out
 * first): push and pop in O(log n). The virtual clock's timers and the
 * scheduler's activeQ both use it.
 */
export function heapPush<T>(h: T[], e: T, before: (a: T, b: T) => boolean): void {
  let i = h.length;
  h.push(e);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(h[i]!, h[parent]!)) break;
    [h[i], h[parent]] = [h[parent]!, h[i]!];
    i = parent;
  }
}

/** Removes and returns the first element (undefined when empty). */
export function heapPop<T>(h: T[], before: (a: T, b: T) => boolean): T | undefined {
  const top = h[0];
  const last = h.pop();
  if (h.length && last !== undefined) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
  return top;
}
