import { describe, expect, it } from 'vitest';
import { nestingProblem, readerProblem, SIM_MAX_DEPTH } from './yaml-depth.ts';

describe('YAML nesting depth before parsing', () => {
  it('brackets inside quotes, comments and block scalars are text, not nesting', () => {
    const deep = '['.repeat(SIM_MAX_DEPTH + 5);
    const src = `a: "${deep}"\nb: '${deep}'\nc: x # ${deep}\nd: |\n  ${deep}\n  {{{\ne: done\nf: don't[${deep}\n`;
    expect(nestingProblem(src)).toBeUndefined();
  });

  it('nesting past the simulator limit is refused at the bracket that went too deep', () => {
    const src = 'x: 1\ny:\n  z: ' + '{a: '.repeat(SIM_MAX_DEPTH + 1) + '1' + '}'.repeat(SIM_MAX_DEPTH + 1) + '\n';
    const p = nestingProblem(src)!;
    expect(p.line).toBe(3);
    expect(p.message).toBe(`line 3: nesting deeper than ${SIM_MAX_DEPTH} levels is not simulated here (go-yaml accepts up to 10000)`);
  });

  it("past 10,000 levels go-yaml's own scanner error, with no line on the first line", () => {
    expect(nestingProblem('['.repeat(10_001))!.message).toBe('exceeded max depth of 10000');
    expect(nestingProblem('a: 1\nb: ' + '['.repeat(10_001))!.message).toBe('line 2: exceeded max depth of 10000');
  });

  it('block indentation counts as nesting too', () => {
    const src = Array.from({ length: SIM_MAX_DEPTH + 2 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n';
    expect(nestingProblem(src)?.message).toMatch(/nesting deeper than/);
  });

  it('control characters are refused as go-yaml reader errors; tabs, newlines and Unicode are fine', () => {
    expect(readerProblem('a: b\u0000')).toBe('control characters are not allowed');
    expect(readerProblem('a:\tb\r\nc: 한국어 😀\n')).toBeUndefined();
  });
});
