import { describe, expect, it } from 'vitest';
import { logTimestamp } from './server.ts';

describe('kubelet server', () => {
  // The kubelet writes RFC3339Nano stamps (time.RFC3339Nano trims trailing zeros).
  it.each([
    [0, '1970-01-01T00:00:00Z'],
    [1500, '1970-01-01T00:00:01.5Z'],
    [1234, '1970-01-01T00:00:01.234Z'],
  ])('stamps %d ms as %s', (ms, want) => expect(logTimestamp(ms)).toBe(want));
});
