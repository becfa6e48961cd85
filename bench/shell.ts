/** How fast the shell runs plain builtins and how fast the clock replays timers. Prints numbers. */
import { transcript } from '../src/shell/headless.ts';
import { createSession } from '../src/shell/session.ts';

const sh = createSession({ tty: { color: false }, dir: 'b', files: { 'a.txt': 'x\n'.repeat(100) } });
const lines = Array.from({ length: 20_000 }, (_, i) => (i % 4 === 0 ? 'ls -l' : i % 4 === 1 ? 'cat a.txt | wc -l' : i % 4 === 2 ? 'echo "$HOME" > o.txt' : 'pwd'));
let t = performance.now();
transcript(sh, lines, {});
let ms = performance.now() - t;
console.log(`shell: ${lines.length} lines in ${ms.toFixed(0)} ms (${((lines.length / ms) * 1000).toFixed(0)} lines/s)`);

const clock = sh.world.clock;
let fired = 0;
for (let i = 0; i < 100; i++) clock.every(1000 + i, () => fired++);
t = performance.now();
clock.advance(3_600_000);
ms = performance.now() - t;
console.log(`clock: ${fired} timer firings (100 periodic timers, 1 h virtual) in ${ms.toFixed(0)} ms`);
