import { describe, expect, it } from 'vitest';
import { piDigits } from '../../containers/programs.ts';

describe('piDigits', () => {
  it.each([
    [1, '3'],
    [5, '3.1416'],
    [10, '3.141592654'],
    [32, '3.1415926535897932384626433832795'],
  ])('%d significant digits, rounded', (n, want) => expect(piDigits(n)).toBe(want));
});
