import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags.ts';

const spec = { bool: [['-d', '--detach'], ['-v', '--volumes']], value: [['-f', '--file'], ['--tail']] };

describe('parseFlags', () => {
  it.each([
    [['-d', 'web'], { '--detach': ['true'] }, ['web'], undefined],
    [['-f', 'a.yaml', '--file=b.yaml'], { '--file': ['a.yaml', 'b.yaml'] }, [], undefined],
    [['-dv'], { '--detach': ['true'], '--volumes': ['true'] }, [], undefined],
    [['--tail', '5', 'db'], { '--tail': ['5'] }, ['db'], undefined],
    [['--nope'], {}, [], 'unknown flag: --nope'],
    [['-x'], {}, [], "unknown shorthand flag: 'x' in -x"],
    [['--tail'], {}, [], 'flag needs an argument: --tail'],
  ])('%j', (argv, flags, args, error) => {
    const p = parseFlags(argv, spec);
    expect({ flags: Object.fromEntries(p.flags), args: p.args, error: p.error }).toEqual({ flags, args, error });
  });
});
