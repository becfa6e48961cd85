/**
 * Where the diagram's arrows run: from a client's box to the API server's
 * box, and from the API server to etcd. Straight lines between the facing
 * edges, computed from the boxes' layout rectangles (pure, so tested).
 */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** A line from the edge of `from` that faces `to`, ending on the facing edge of `to`. */
export function wire(from: Rect, to: Rect, inset = 10): Line {
  const cx = (from.left + from.right) / 2;
  const cy = (from.top + from.bottom) / 2;
  if (from.bottom <= to.top) return { x1: cx, y1: from.bottom, x2: clamp(cx, to.left + inset, to.right - inset), y2: to.top };
  if (from.top >= to.bottom) return { x1: cx, y1: from.top, x2: clamp(cx, to.left + inset, to.right - inset), y2: to.bottom };
  if (from.left >= to.right) return { x1: from.left, y1: cy, x2: to.right, y2: clamp(cy, to.top + inset, to.bottom - inset) };
  return { x1: from.right, y1: cy, x2: to.left, y2: clamp(cy, to.top + inset, to.bottom - inset) };
}
