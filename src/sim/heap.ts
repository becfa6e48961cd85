/**
 * A binary heap kept in a plain array, ordered by `before(a, b)` (a comes out
 * first): push and pop in O(log n). The virtual clock's timers and the
 * scheduler's activeQ both use it.
 */
export function heapPush<T>(h: T[], e: T, before: (a: T, b: T) => boolean): void {
  // Sifted with a hole (parents move down, e is written once): the same places as swapping, without the swaps.
  let i = h.length;
  h.push(e);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = h[parent]!;
    if (!before(e, p)) break;
    h[i] = p;
    i = parent;
  }
  h[i] = e;
}

/** Removes and returns the first element (undefined when empty). */
export function heapPop<T>(h: T[], before: (a: T, b: T) => boolean): T | undefined {
  const top = h[0];
  const last = h.pop();
  const n = h.length;
  if (n && last !== undefined) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      let child = h[l]!;
      if (r < n && before(h[r]!, child)) {
        m = r;
        child = h[r]!;
      }
      if (!before(child, last)) break;
      h[i] = child;
      i = m;
    }
    h[i] = last;
  }
  return top;
}
