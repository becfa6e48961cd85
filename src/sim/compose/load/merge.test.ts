import { describe, expect, it } from 'vitest';
import { mergeFiles } from './merge.ts';

const base = {
  services: {
    web: {
      image: 'shop:1.0',
      command: ['npm', 'start'],
      ports: ['8080:80'],
      volumes: ['./src:/app/src', 'cache:/cache'],
      environment: ['NODE_ENV=production', 'LOG=info'],
      depends_on: ['db'],
      build: './web',
    },
  },
  volumes: { cache: null },
};

describe('mergeFiles', () => {
  it.each([
    ['a scalar is replaced', { services: { web: { image: 'shop:dev' } } }, ['services', 'web', 'image'], 'shop:dev'],
    ['command is replaced, not appended', { services: { web: { command: 'npm run dev' } } }, ['services', 'web', 'command'], 'npm run dev'],
    ['ports are appended without duplicates', { services: { web: { ports: ['8080:80', '9229:9229'] } } }, ['services', 'web', 'ports'], ['8080:80', '9229:9229']],
    [
      'volumes merge by container path',
      { services: { web: { volumes: ['./other:/app/src:ro', 'node_modules:/app/node_modules'] } } },
      ['services', 'web', 'volumes'],
      ['./other:/app/src:ro', 'cache:/cache', 'node_modules:/app/node_modules'],
    ],
    [
      'environment lists merge as mappings',
      { services: { web: { environment: { LOG: 'debug', DEBUG: '1' } } } },
      ['services', 'web', 'environment'],
      { NODE_ENV: 'production', LOG: 'debug', DEBUG: '1' },
    ],
    [
      'depends_on lists merge as mappings',
      { services: { web: { depends_on: { cache: { condition: 'service_healthy' } } } } },
      ['services', 'web', 'depends_on'],
      { db: { condition: 'service_started' }, cache: { condition: 'service_healthy' } },
    ],
    ['build string merges with a build object', { services: { web: { build: { target: 'dev' } } } }, ['services', 'web', 'build'], { context: './web', target: 'dev' }],
    ['new services are added', { services: { db: { image: 'postgres:16' } } }, ['services', 'db'], { image: 'postgres:16' }],
    ['top-level sections merge', { volumes: { data: null } }, ['volumes'], { cache: null, data: null }],
  ])('%s', (_, override, path, want) => {
    let v: unknown = mergeFiles([base, override]);
    for (const p of path) v = (v as Record<string, unknown>)[p];
    expect(v).toEqual(want);
  });

  it('leaves the inputs untouched and keeps untouched attributes', () => {
    const copy = structuredClone(base);
    const m = mergeFiles([base, { services: { web: { image: 'x' } } }]) as typeof base;
    expect(base).toEqual(copy);
    expect(m.services.web.ports).toEqual(['8080:80']);
  });
});
