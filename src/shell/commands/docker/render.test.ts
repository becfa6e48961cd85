import { describe, expect, it } from 'vitest';
import { Progress } from '../../../sim/compose/engine/progress.ts';
import { World } from '../../../sim/world.ts';
import { renderProgress, shortCommand, table } from './render.ts';

describe('table (docker tabwriter)', () => {
  it('pads columns to the widest cell plus 3, at least 10, last column unpadded', () => {
    expect(table([['NAME', 'IMAGE', 'STATUS'], ['demo-web-1', 'nginx', 'Up 2 minutes']])).toBe(
      'NAME         IMAGE     STATUS\ndemo-web-1   nginx     Up 2 minutes\n',
    );
  });
});

describe('shortCommand', () => {
  it.each([
    ['docker-entrypoint.sh postgres', '"docker-entrypoint.s…"'],
    ["/docker-entrypoint.sh nginx -g 'daemon off;'", '"/docker-entrypoint.…"'],
    ['redis-server', '"redis-server"'],
  ])('%s', (cmd, want) => {
    expect(shortCommand(cmd)).toBe(want);
  });
});

describe('renderProgress: block on a terminal, plain lines otherwise', () => {
  const progress = (textStatus = false) => {
    const world = new World({ seed: 1 });
    const p = new Progress(world.clock, textStatus ? 'Pulling' : 'Running');
    p.textStatus = textStatus;
    const id = textStatus ? 'db' : 'Container demo-db-1';
    p.event(id, textStatus ? 'Pulling' : 'Creating', 'working');
    world.clock.advance(1200);
    p.event(id, textStatus ? 'Pulled' : 'Created');
    return p;
  };
  it.each([
    ['tty block (lesson terminal)', progress(), { color: true, columns: 40 }, '[+] Running 1/1\n \x1b[32m✔\x1b[0m Container demo-db-1  Created    \x1b[2m1.2s \x1b[0m\n'],
    ['plain status events', progress(), { color: false, columns: 40 }, ' Container demo-db-1  Creating\n Container demo-db-1  Created\n'],
    ['plain pull events (text, then empty status)', progress(true), { color: false, columns: 40 }, ' db Pulling \n db Pulled \n'],
  ])('%s', (_name, p, tty, want) => {
    expect(renderProgress(p, tty)).toBe(want);
  });
});
