import { describe, expect, it } from 'vitest';
import { LineEditor, MAX_PASTE, type EditorEvent } from './line-editor.ts';

const submits = (evs: EditorEvent[]) => evs.filter((e) => e.type === 'submit').map((e) => (e as { line: string }).line);

function editor(history: string[] = []) {
  const ed = new LineEditor(() => history, 80);
  ed.start('$ ');
  return ed;
}

describe('LineEditor', () => {
  it('types, moves the cursor and edits in the middle', () => {
    const ed = editor();
    ed.handle('helo');
    ed.handle('\x1b[D'); // ←
    ed.handle('l');
    expect(ed.buffer).toBe('hello');
    ed.handle('\x01X\x05Y'); // Ctrl-A, X, Ctrl-E, Y
    expect(ed.buffer).toBe('XhelloY');
    ed.handle('\x7f\x7f'); // two backspaces
    expect(ed.buffer).toBe('Xhell');
    expect(submits(ed.handle('\r'))).toEqual(['Xhell']);
    expect(ed.buffer).toBe('');
  });

  it('walks history with the arrows and restores the draft', () => {
    const ed = editor(['ls', 'pwd']);
    ed.handle('dra');
    ed.handle('\x1b[A');
    expect(ed.buffer).toBe('pwd');
    ed.handle('\x1b[A');
    expect(ed.buffer).toBe('ls');
    ed.handle('\x1b[A');
    expect(ed.buffer).toBe('ls');
    ed.handle('\x1b[B');
    ed.handle('\x1b[B');
    expect(ed.buffer).toBe('dra');
  });

  it('Ctrl-U, Ctrl-K and Ctrl-W delete like readline', () => {
    const ed = editor();
    ed.handle('kubectl get pods');
    ed.handle('\x17');
    expect(ed.buffer).toBe('kubectl get ');
    ed.handle('\x01\x1b[C\x1b[C\x0b');
    expect(ed.buffer).toBe('ku');
    ed.handle('\x15');
    expect(ed.buffer).toBe('');
  });

  it('a multi-line paste submits each line in order', () => {
    const ed = editor();
    expect(submits(ed.handle('echo 1\r\necho 2\necho 3\r'))).toEqual(['echo 1', 'echo 2', 'echo 3']);
  });

  it('Ctrl-C drops the line and reports an interrupt', () => {
    const ed = editor();
    const evs = ed.handle('abc\x03');
    expect(evs.some((e) => e.type === 'interrupt')).toBe(true);
    expect(ed.buffer).toBe('');
  });

  it('Tab asks for completion of the text before the cursor', () => {
    const ed = editor();
    ed.handle('cat comp');
    expect(ed.handle('\t')).toEqual([{ type: 'complete', line: 'cat comp' }]);
  });

  it('refuses a paste over the limit and keeps the current line', () => {
    const ed = editor();
    ed.handle('keep');
    const evs = ed.handle('x'.repeat(MAX_PASTE + 1));
    expect(evs[0]).toMatchObject({ type: 'output' });
    expect((evs[0] as { text: string }).text).toContain('paste refused');
    expect(ed.buffer).toBe('keep');
  });

  it('redraws a wrapped line from its first row', () => {
    const ed = new LineEditor(() => [], 10);
    ed.start('$ ');
    ed.handle('abcdefghijkl'); // 14 cells: wraps onto a second row
    const out = ed.handle('\x7f').map((e) => (e as { text: string }).text).join('');
    expect(out.startsWith('\x1b[1A\r\x1b[J$ abcdefghijk')).toBe(true);
  });
});
