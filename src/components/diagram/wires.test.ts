import { describe, expect, it } from 'vitest';
import { wire } from './wires.ts';

describe('diagram wires', () => {
  const api = { left: 100, top: 100, right: 300, bottom: 140 };
  it('a client above the API server points down onto its top edge', () => {
    expect(wire({ left: 0, top: 0, right: 80, bottom: 30 }, api)).toEqual({ x1: 40, y1: 30, x2: 110, y2: 100 });
  });
  it('a kubelet below points up onto its bottom edge', () => {
    expect(wire({ left: 180, top: 200, right: 260, bottom: 230 }, api)).toEqual({ x1: 220, y1: 200, x2: 220, y2: 140 });
  });
  it('etcd beside it is reached sideways', () => {
    expect(wire(api, { left: 340, top: 90, right: 420, bottom: 150 })).toEqual({ x1: 300, y1: 120, x2: 340, y2: 120 });
  });
});
