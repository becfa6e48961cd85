import { describe, expect, it } from 'vitest';
import { parseRef, resolveImage } from './registry.ts';

describe('parseRef', () => {
  it.each([
    ['nginx', 'nginx', 'latest', true],
    ['nginx:1.27-alpine', 'nginx', '1.27-alpine', true],
    ['docker.io/library/redis:7', 'redis', '7', true],
    ['pihole/pihole', 'pihole/pihole', 'latest', false],
    ['ghcr.io/org/app:1.0', 'ghcr.io/org/app', '1.0', false],
    ['localhost:5000/app', 'localhost:5000/app', 'latest', false],
  ])('%s', (ref, repo, tag, library) => {
    expect(parseRef(ref)).toEqual({ repo, tag, library });
  });
});

describe('resolveImage', () => {
  it.each([
    ['postgres:16', 'postgres', false],
    ['nginx:1.27.3-alpine', 'nginx', false],
    ['haproxy:3', 'haproxy', true],
    ['pihole/pihole', 'pihole/pihole', true],
    ['ghcr.io/org/app:1.0', 'ghcr.io/org/app', true],
  ])('%s resolves (generic=%s)', (ref, repo, generic) => {
    const r = resolveImage(ref);
    expect(r.ok && { repo: r.value.ref.repo, generic: r.value.generic }).toEqual({ repo, generic });
  });

  it.each([
    ['ngnix', "Error response from daemon: pull access denied for ngnix, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"],
    ['postgres:99', 'Error response from daemon: manifest for postgres:99 not found: manifest unknown: manifest unknown'],
  ])('%s fails like the daemon', (ref, message) => {
    const r = resolveImage(ref);
    expect(r.ok ? 'resolved' : r.errors[0]!.message).toBe(message);
  });
});
