import { describe, expect, it } from 'vitest';
import { shortCommand, table } from './render.ts';

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
