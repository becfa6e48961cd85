import { displayWidth } from './ansi.ts';
import { MAX_LINE } from './parse.ts';

/**
 * Line editing for the browser terminal, kept apart from xterm so it can be
 * tested: keystrokes in, events and escape sequences out. Handles insert,
 * cursor movement, history (↑/↓), Ctrl-C/D/L/U/K/W/A/E, Tab and multi-line paste.
 */
export type EditorEvent =
  | { type: 'output'; text: string }
  | { type: 'submit'; line: string }
  | { type: 'interrupt' }
  | { type: 'clear' }
  | { type: 'complete'; line: string }
  /** Ctrl-D on an empty line: end of input (ends an attached container shell). */
  | { type: 'eof' };

/** A paste longer than this is refused instead of being fed to the shell line by line. */
export const MAX_PASTE = 64 * 1024;

export class LineEditor {
  buffer = '';
  cursor = 0;
  #history: () => readonly string[];
  #histPos = -1;
  #draft = '';
  #prompt = '';
  #columns: number;
  /** Rows above the cursor that belong to the current input (for redraws after wrapping). */
  #cursorRow = 0;

  constructor(history: () => readonly string[], columns = 80) {
    this.#history = history;
    this.#columns = columns;
  }

  setColumns(n: number): void {
    this.#columns = Math.max(10, n);
  }

  /** Starts a new input line after the given prompt. */
  start(prompt: string): string {
    this.#prompt = prompt;
    this.buffer = '';
    this.cursor = 0;
    this.#histPos = -1;
    this.#cursorRow = 0;
    return prompt;
  }

  /** Replaces the input (used by Tab completion) and redraws. */
  replace(line: string): string {
    this.buffer = line;
    this.cursor = line.length;
    return this.#render();
  }

  handle(data: string): EditorEvent[] {
    if (data.length > MAX_PASTE) {
      return [{ type: 'output', text: `\r\n\x1b[31mpaste refused: ${data.length} characters (the limit is ${MAX_PASTE}); put long files in the editor instead\x1b[0m\r\n` }, { type: 'output', text: this.#redrawAll() }];
    }
    const events: EditorEvent[] = [];
    let out = '';
    const flushOut = () => {
      if (out) events.push({ type: 'output', text: out });
      out = '';
    };
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      const seq = rest.match(/^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/);
      if (seq) {
        i += seq[0].length;
        out += this.#escape(seq[0]);
        continue;
      }
      const ch = data[i]!;
      i++;
      switch (ch) {
        case '\r':
        case '\n': {
          if (ch === '\n' && data[i - 2] === '\r') break; // \r\n from a paste counts once
          const line = this.buffer;
          out += this.#moveToEnd() + '\r\n';
          flushOut();
          events.push({ type: 'submit', line });
          this.buffer = '';
          this.cursor = 0;
          this.#histPos = -1;
          this.#cursorRow = 0;
          break;
        }
        case '\x03':
          out += this.#moveToEnd() + '^C\r\n';
          flushOut();
          this.buffer = '';
          this.cursor = 0;
          this.#cursorRow = 0;
          events.push({ type: 'interrupt' });
          break;
        case '\x0c':
          flushOut();
          events.push({ type: 'clear' });
          break;
        case '\t':
          flushOut();
          events.push({ type: 'complete', line: this.buffer.slice(0, this.cursor) });
          break;
        case '\x7f':
        case '\b':
          if (this.cursor > 0) {
            this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
            this.cursor--;
            out += this.#render();
          }
          break;
        case '\x01':
          this.cursor = 0;
          out += this.#render();
          break;
        case '\x05':
          this.cursor = this.buffer.length;
          out += this.#render();
          break;
        case '\x15':
          this.buffer = this.buffer.slice(this.cursor);
          this.cursor = 0;
          out += this.#render();
          break;
        case '\x04':
          // Ctrl-D: end of input on an empty line, else delete the character under the cursor (readline).
          if (this.buffer === '') {
            flushOut();
            events.push({ type: 'eof' });
          } else if (this.cursor < this.buffer.length) {
            this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
            out += this.#render();
          }
          break;
        case '\x0b':
          this.buffer = this.buffer.slice(0, this.cursor);
          out += this.#render();
          break;
        case '\x17': {
          const left = this.buffer.slice(0, this.cursor).replace(/\S+\s*$/, '');
          this.buffer = left + this.buffer.slice(this.cursor);
          this.cursor = left.length;
          out += this.#render();
          break;
        }
        default:
          if (ch >= ' ' || ch === '\u00a0') {
            // Insert the whole printable run at once: a paste redraws once, not per character.
            let run = ch;
            while (i < data.length && data[i]! >= ' ' && data[i] !== '\x7f') run += data[i++];
            const room = MAX_LINE - this.buffer.length;
            run = run.slice(0, Math.max(0, room));
            this.buffer = this.buffer.slice(0, this.cursor) + run + this.buffer.slice(this.cursor);
            this.cursor += run.length;
            out += this.#render();
          }
      }
    }
    flushOut();
    return events;
  }

  #escape(seq: string): string {
    switch (seq) {
      case '\x1b[D':
      case '\x1bOD':
        if (this.cursor > 0) this.cursor--;
        return this.#render();
      case '\x1b[C':
      case '\x1bOC':
        if (this.cursor < this.buffer.length) this.cursor++;
        return this.#render();
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        this.cursor = 0;
        return this.#render();
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        this.cursor = this.buffer.length;
        return this.#render();
      case '\x1b[3~':
        if (this.cursor < this.buffer.length) this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
        return this.#render();
      case '\x1b[A':
      case '\x1bOA':
        return this.#historyStep(-1);
      case '\x1b[B':
      case '\x1bOB':
        return this.#historyStep(1);
      default:
        return '';
    }
  }

  #historyStep(dir: -1 | 1): string {
    const h = this.#history();
    if (h.length === 0) return '';
    if (this.#histPos === -1) {
      if (dir === 1) return '';
      this.#draft = this.buffer;
      this.#histPos = h.length - 1;
    } else {
      const next = this.#histPos + dir;
      if (next < 0) return '';
      if (next >= h.length) {
        this.#histPos = -1;
        this.buffer = this.#draft;
        this.cursor = this.buffer.length;
        return this.#render();
      }
      this.#histPos = next;
    }
    this.buffer = h[this.#histPos]!;
    this.cursor = this.buffer.length;
    return this.#render();
  }

  /** Row and column (0-based) of a text offset, counting the prompt and wide characters. */
  #position(offset: number): { row: number; col: number } {
    const w = displayWidth(this.#prompt) + displayWidth(this.buffer.slice(0, offset));
    return { row: Math.floor(w / this.#columns), col: w % this.#columns };
  }

  #moveToEnd(): string {
    const end = this.#position(this.buffer.length);
    const down = end.row - this.#cursorRow;
    this.#cursorRow = end.row;
    return (down > 0 ? `\x1b[${down}B` : '') + `\r${end.col ? `\x1b[${end.col}C` : ''}`;
  }

  /** Redraws prompt and input from the first row of the input, then puts the cursor back. */
  #render(): string {
    let s = (this.#cursorRow > 0 ? `\x1b[${this.#cursorRow}A` : '') + '\r\x1b[J' + this.#prompt + this.buffer;
    const end = this.#position(this.buffer.length);
    // At an exact multiple of the width the terminal waits to wrap; force the wrap so rows stay countable.
    if (end.col === 0 && end.row > 0) s += ' \r';
    const cur = this.#position(this.cursor);
    const up = end.row - cur.row;
    if (up > 0) s += `\x1b[${up}A`;
    s += `\r${cur.col ? `\x1b[${cur.col}C` : ''}`;
    this.#cursorRow = cur.row;
    return s;
  }

  #redrawAll(): string {
    this.#cursorRow = 0;
    return this.#render();
  }
}
