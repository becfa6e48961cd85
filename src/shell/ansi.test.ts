import { describe, expect, it } from 'vitest';
import { escapeControls, styler } from './ansi.ts';

describe('escapeControls', () => {
  it("keeps the simulator's own colours when colour is on, and text, tabs and newlines", () => {
    const s = styler({ color: true }).red('err') + '\tok\r\n';
    expect(escapeControls(s, true)).toBe(s);
  });
  it('shows every other control the way cat -v does', () => {
    expect(escapeControls('\x1b]52;c;aGk=\x07', true)).toBe('^[]52;c;aGk=^G');
    expect(escapeControls('\x1b[2J\x1b[H', true)).toBe('^[[2J^[[H');
    expect(escapeControls('\x9b31m\x00\x7f', true)).toBe('M-^[31m^@^?');
    expect(escapeControls('\x1b[31mred\x1b[0m', false)).toBe('^[[31mred^[[0m');
  });
});
