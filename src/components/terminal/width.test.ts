import { describe, expect, it } from 'vitest';
import { columnsFor, fontSizeFor, MIN_WIDE_FONT, WIDE_COLUMNS } from './width.ts';

describe('terminal font size', () => {
  it('is 12 px on phones and 13 px on an ordinary desktop column, which scrolls sideways for the widest tables', () => {
    expect(fontSizeFor(360, 0.5)).toBe(12);
    expect(fontSizeFor(740, 0.5)).toBe(13);
  });

  it('shrinks a little on a 1280 px screen column (about 900 px) so that 160 columns show, with a 0.5 em font', () => {
    const px = fontSizeFor(884, 0.5);
    expect(px).toBeGreaterThanOrEqual(MIN_WIDE_FONT);
    expect(px).toBeLessThan(13);
    expect(884 / (px * 0.5)).toBeGreaterThanOrEqual(WIDE_COLUMNS);
    expect(884 / ((px + 0.5) * 0.5)).toBeLessThan(WIDE_COLUMNS); // the largest size that fits
  });

  it('never goes below the readable minimum: a wider font keeps 13 px and scrolls', () => {
    expect(fontSizeFor(884, 0.6)).toBe(13);
  });

  it('stays 13 px where 160 columns fit anyway', () => {
    expect(fontSizeFor(1100, 0.5)).toBe(13);
    expect(columnsFor(169)).toBe(169);
    expect(columnsFor(90)).toBe(WIDE_COLUMNS);
  });
});
