import { describe, expect, it } from 'vitest';
import { parseReference } from './reference.ts';
import { containerdPullError, dockerPullError, resolveImage } from './registry.ts';

/**
 * Image references as they appear in popular public compose files,
 * Dockerfiles and the Kubernetes documentation, and what Docker Hub (through
 * docker and through containerd) makes of them: the release and variant a tag
 * names, or the exact error. Versions are those of the Hub's tag history
 * (docker-library/official-images) at the time tags.data.ts was generated.
 */
type Want = { version: string | undefined; variant: string; generic?: boolean } | { error: 'not-found' | 'denied' };

const REFS: [string, string, Want][] = [
  // The Kubernetes documentation.
  ['k8s docs Deployment', 'nginx:1.14.2', { version: '1.14.2', variant: '' }],
  ['k8s docs Pod', 'nginx:1.14.2', { version: '1.14.2', variant: '' }],
  ['k8s docs Job (perl)', 'perl:5.34.0', { version: '5.34.0', variant: '' }],
  ['k8s docs busybox', 'busybox:1.28', { version: '1.28.4', variant: '' }],
  ['k8s docs redis', 'redis', { version: '8.10.1', variant: '' }],
  ['k8s docs pause', 'registry.k8s.io/pause:3.9', { version: '3.9', variant: '' }],
  ['k8s docs curl', 'curlimages/curl:8.5.0', { version: '8.5.0', variant: '' }],
  // latest and channel tags.
  ['latest', 'nginx', { version: '1.31.4', variant: '' }],
  ['explicit latest', 'nginx:latest', { version: '1.31.4', variant: '' }],
  ['stable channel', 'nginx:stable', { version: '1.30.4', variant: '' }],
  ['mainline channel', 'nginx:mainline', { version: '1.31.4', variant: '' }],
  ['stable-alpine channel', 'nginx:stable-alpine', { version: '1.30.4', variant: '-alpine' }],
  ['alpine channel', 'redis:alpine', { version: '8.10.1', variant: '-alpine' }],
  ['lts channel', 'node:lts', { version: '24.19.0', variant: '' }],
  ['lts-alpine channel', 'node:lts-alpine', { version: '24.19.0', variant: '-alpine' }],
  ['slim channel', 'python:slim', { version: '3.14.7', variant: '-slim' }],
  ['mariadb lts', 'mariadb:lts', { version: '12.3.2', variant: '' }],
  ['ubuntu codename', 'ubuntu:jammy', { version: '22.04', variant: '' }],
  ['debian codename', 'debian:bookworm-slim', { version: '12.15', variant: '-slim' }],
  // Versions at each precision.
  ['major', 'postgres:15', { version: '15.19', variant: '' }],
  ['major.minor', 'nginx:1.25', { version: '1.25.5', variant: '' }],
  ['major.minor.patch', 'node:22.12.0', { version: '22.12.0', variant: '' }],
  ['old major.minor', 'mysql:5.7', { version: '5.7.44', variant: '' }],
  ['python 2', 'python:2.7', { version: '2.7.18', variant: '' }],
  ['rust (Dockerfile FROM)', 'rust:1.64', { version: '1.64.0', variant: '' }],
  ['traefik with v', 'traefik:v2.10', { version: '2.10.7', variant: '' }],
  ['traefik without v', 'traefik:3.0', { version: '3.0.4', variant: '' }],
  ['fully qualified', 'docker.io/library/nginx:1.25', { version: '1.25.5', variant: '' }],
  // Variant suffixes.
  ['-alpine', 'postgres:13-alpine', { version: '13.23', variant: '-alpine' }],
  ['-alpine3.14', 'node:14.17.3-alpine3.14', { version: '14.17.3', variant: '-alpine3.14' }],
  ['-slim', 'python:3.11-slim', { version: '3.11.16', variant: '-slim' }],
  ['-slim-buster', 'python:3.8-slim-buster', { version: '3.8.20', variant: '-slim-buster' }],
  ['-slim-bookworm', 'python:3.12-slim-bookworm', { version: '3.12.14', variant: '-slim-bookworm' }],
  ['-bookworm', 'node:20-bookworm', { version: '20.20.2', variant: '-bookworm' }],
  ['-bullseye-slim', 'node:20-bullseye-slim', { version: '20.20.2', variant: '-bullseye-slim' }],
  ['-buster', 'node:16-buster', { version: '16.20.2', variant: '-buster' }],
  ['-focal', 'mariadb:10.6.4-focal', { version: '10.6.4', variant: '-focal' }],
  ['-jammy', 'mariadb:10.11-jammy', { version: '10.11.18', variant: '-jammy' }],
  ['-perl', 'nginx:1.23.4-perl', { version: '1.23.4', variant: '-perl' }],
  ['-management', 'rabbitmq:3-management', { version: '3.13.7', variant: '-management' }],
  ['-management-alpine', 'rabbitmq:3.12-management-alpine', { version: '3.12.14', variant: '-management-alpine' }],
  ['-apache', 'php:8.2-apache', { version: '8.2.33', variant: '-apache' }],
  ['-fpm-alpine', 'php:8.2-fpm-alpine', { version: '8.2.33', variant: '-fpm-alpine' }],
  ['wordpress php variant', 'wordpress:6.4-php8.2-apache', { version: '6.4.3', variant: '-php8.2-apache' }],
  ['golang -alpine', 'golang:1.22-alpine', { version: '1.22.12', variant: '-alpine' }],
  ['temurin -jdk', 'eclipse-temurin:17-jdk', { version: '17.0.20', variant: '-jdk', generic: true }],
  // Tags that cannot exist.
  ['version past the range', 'nginx:1.99', { error: 'not-found' }],
  ['typo in a tag', 'nginx:lates', { error: 'not-found' }],
  ['major past the range', 'node:99', { error: 'not-found' }],
  ['variant never published for that version', 'nginx:1.14.2-alpine3.24', { error: 'not-found' }],
  ['v prefix the repository never used', 'nginx:v1.25', { error: 'not-found' }],
  // Unknown repositories without a namespace.
  ['typo in a repository', 'ngnix', { error: 'denied' }],
  ['scratch is no image to pull', 'scratch', { error: 'denied' }],
  // Namespaced repositories and other registries run generically.
  ['bitnami', 'bitnami/redis:7.2', { version: '7.2', variant: '', generic: true }],
  ['grafana', 'grafana/grafana:10.2.0', { version: '10.2.0', variant: '', generic: true }],
  ['ghcr.io', 'ghcr.io/home-assistant/home-assistant:stable', { version: undefined, variant: '', generic: true }],
  ['gcr.io', 'gcr.io/distroless/static-debian12', { version: undefined, variant: '', generic: true }],
  ['quay.io', 'quay.io/prometheus/prometheus:v2.48.0', { version: '2.48.0', variant: '', generic: true }],
  ['registry.k8s.io', 'registry.k8s.io/ingress-nginx/controller:v1.9.4', { version: '1.9.4', variant: '', generic: true }],
  ['official image without a model', 'haproxy:2.8', { version: '2.8.27', variant: '', generic: true }],
];

describe('image references resolve as Docker Hub and containerd resolve them', () => {
  it('the table covers at least 40 references', () => expect(REFS.length).toBeGreaterThanOrEqual(40));

  it.each(REFS)('%s: %s', (_why, ref, want) => {
    const r = resolveImage(ref);
    if ('error' in want) {
      expect(r.ok ? `resolved to ${r.image.version}` : r.reason).toBe(want.error);
      return;
    }
    expect(r.ok && { version: r.image.version, variant: r.image.variant, generic: r.image.generic }).toEqual({ version: want.version, variant: want.variant, generic: want.generic ?? false });
  });
});

describe('pull errors, in each tool\'s words', () => {
  const fail = (ref: string) => {
    const r = resolveImage(ref);
    if (r.ok) throw new Error(`${ref} resolved`);
    return r;
  };
  it.each([
    ['nginx:1.99', 'Error response from daemon: manifest for nginx:1.99 not found: manifest unknown: manifest unknown', 'failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found'],
    ['node:99', 'Error response from daemon: manifest for node:99 not found: manifest unknown: manifest unknown', 'failed to pull and unpack image "docker.io/library/node:99": failed to resolve reference "docker.io/library/node:99": docker.io/library/node:99: not found'],
    ['ngnix', "Error response from daemon: pull access denied for ngnix, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", 'failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'],
  ])('%s', (ref, docker, containerd) => {
    expect(dockerPullError(fail(ref))).toBe(docker);
    expect(containerdPullError(fail(ref))).toBe(containerd);
  });
});

describe('one reference parser', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest', 'nginx'],
    ['nginx:1.27-alpine', 'docker.io/library/nginx:1.27-alpine', 'nginx'],
    ['docker.io/library/redis:7', 'docker.io/library/redis:7', 'redis'],
    ['pihole/pihole', 'docker.io/pihole/pihole:latest', 'pihole/pihole'],
    ['ghcr.io/org/app:1.0', 'ghcr.io/org/app:1.0', 'ghcr.io/org/app'],
    ['localhost:5000/app', 'localhost:5000/app:latest', 'localhost:5000/app'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10', 'registry.k8s.io/pause'],
    ['nginx@sha256:0123', 'docker.io/library/nginx:latest', 'nginx'],
  ])('%s', (ref, full, familiar) => {
    const r = parseReference(ref);
    expect([r.full, r.familiar]).toEqual([full, familiar]);
  });

  it('parsing a reference again gives the same answer, which no caller can change for the next', () => {
    const a = parseReference('nginx:1.27');
    expect(() => Object.assign(a, { tag: 'latest' })).toThrow(TypeError);
    expect(parseReference('nginx:1.27')).toEqual({ written: 'nginx:1.27', domain: 'docker.io', path: 'library/nginx', tag: '1.27', repository: 'docker.io/library/nginx', full: 'docker.io/library/nginx:1.27', familiar: 'nginx', official: true });
  });
});

describe('version facts come from the tag', () => {
  it.each([
    ['nginx:1.14.2', 'NGINX_VERSION', '1.14.2'],
    ['nginx:1.25-alpine', 'NGINX_VERSION', '1.25.5'],
    ['redis:6', 'REDIS_VERSION', '6.2.24'],
    ['postgres:13-alpine', 'PG_MAJOR', '13'],
    ['node:14.17.3-alpine3.14', 'NODE_VERSION', '14.17.3'],
    ['python:3.8-slim-buster', 'PYTHON_VERSION', '3.8.20'],
    ['httpd:2.4', 'HTTPD_VERSION', '2.4.68'],
  ])('%s sets %s=%s', (ref, key, value) => {
    const r = resolveImage(ref);
    expect(r.ok && r.image.config.env[key]).toBe(value);
  });

  it('nginx:1.14.2 is the Debian stretch image without the 1.19 entrypoint script', () => {
    const r = resolveImage('nginx:1.14.2');
    expect(r.ok && [r.image.config.distro, r.image.config.entrypoint, r.image.config.env.PKG_RELEASE]).toEqual([{ id: 'debian', release: 'stretch' }, [], '1~stretch']);
  });
});
