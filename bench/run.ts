/** `npm run bench`: runs every benchmark in this folder, one after another, each in its own Node process. */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n== bench/${f}`);
  // A heap limit above V8's default (~4.5 GB here), so a run that needs more still finishes and prints its peak beside the target instead of dying of 'heap out of memory'.
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
