import { describe, expect, it } from 'vitest';
import { World } from '../../world.ts';
import { buildImage } from './build.ts';
import { DockerEngine } from './docker.ts';

/** Builds `Dockerfile` (and any extra files) in /ctx; returns the result and the engine. */
function build(dockerfile: string, extra: Record<string, string> = {}, opts: { args?: Record<string, string>; target?: string } = {}) {
  const world = new World({ seed: 5 });
  const engine = new DockerEngine(world);
  world.vfs.writeFile('/ctx/Dockerfile', dockerfile);
  for (const [p, t] of Object.entries(extra)) world.vfs.writeFile(`/ctx/${p}`, t);
  const r = buildImage(engine, 'app', { context: '/ctx', dockerfile: 'Dockerfile', args: opts.args ?? {}, ...(opts.target ? { target: opts.target } : {}) }, 'app');
  return { r, engine, world };
}

const ok = (b: ReturnType<typeof build>) => {
  if (!b.r.ok) throw new Error(b.r.errors[0]!.message);
  return b.r.value;
};

describe('Dockerfile constructs', () => {
  it('FROM scratch: an empty image, nothing pulled, the copied binary is the command', () => {
    const v = ok(build('FROM scratch\nCOPY hello /\nCMD ["/hello"]\n', { hello: '\x7fELF' }));
    expect(v.image.spec.cmd).toEqual(['/hello']);
    expect(v.image.files['/hello']).toBe('\x7fELF');
    expect(v.image.spec.env).toEqual({});
    expect(v.lines.join('\n')).not.toContain('load metadata for');
  });

  it('FROM --platform=$BUILDPLATFORM rust:1.64 AS buildbase: the flag is taken, the image is pulled', () => {
    const v = ok(build('FROM --platform=$BUILDPLATFORM rust:1.64 AS buildbase\nWORKDIR /src\nRUN cargo build\n'));
    expect(v.image.spec.env.RUST_VERSION).toBe('1.64.0');
    expect(v.lines.join('\n')).toContain('[app internal] load metadata for docker.io/library/rust:1.64');
    expect(v.lines.join('\n')).toContain('[app buildbase 2/3] WORKDIR /src');
  });

  it('ARG before FROM with ${VAR} inside FROM, build args winning over defaults', () => {
    const df = 'ARG NODE_VERSION=14.17.3\nARG ALPINE_VERSION=3.14\nFROM node:${NODE_VERSION}-alpine${ALPINE_VERSION}\nCMD ["node", "--version"]\n';
    expect(ok(build(df)).image.spec.env.NODE_VERSION).toBe('14.17.3');
    expect(ok(build(df, {}, { args: { NODE_VERSION: '16.20.2', ALPINE_VERSION: '3.18' } })).image.spec.env.NODE_VERSION).toBe('16.20.2');
  });

  it('multi-stage: FROM x AS name, COPY --from=name copies out of that stage, the final image is the last stage', () => {
    const df = ['FROM golang:1.22-alpine AS build', 'WORKDIR /src', 'COPY main.go .', 'RUN go build -o /out/app .', '', 'FROM alpine:3.20', 'COPY --from=build /src/main.go /app/main.go', 'COPY --from=build /out/app /usr/local/bin/app', 'ENTRYPOINT ["/usr/local/bin/app"]', ''].join('\n');
    const v = ok(build(df, { 'main.go': 'package main\n' }));
    expect(v.image.files['/app/main.go']).toBe('package main\n');
    // What RUN produced is not simulated: the file is there, empty.
    expect(v.image.files['/usr/local/bin/app']).toBe('');
    expect(v.image.spec.entrypoint).toEqual(['/usr/local/bin/app']);
    expect(v.image.spec.env.GOLANG_VERSION).toBeUndefined();
    expect(v.lines.join('\n')).toContain('[app build 1/4] FROM docker.io/library/golang:1.22-alpine');
  });

  it('COPY --from=<image> copies out of an image', () => {
    const v = ok(build('FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/conf.d/default.conf /etc/nginx/conf.d/default.conf\n'));
    expect(v.image.files['/etc/nginx/conf.d/default.conf']).toContain('listen       80;');
  });

  it('--target builds only up to that stage', () => {
    const df = 'FROM python:3.12-slim AS base\nENV A=1\nFROM base AS test\nENV B=2\nFROM base AS runtime\nENV C=3\n';
    const v = ok(build(df, {}, { target: 'test' }));
    expect([v.image.spec.env.A, v.image.spec.env.B, v.image.spec.env.C]).toEqual(['1', '2', undefined]);
  });

  it('a leading # syntax= parser directive is accepted', () => {
    const v = ok(build('# syntax=docker/dockerfile:1.4\nFROM nginx:1.27-alpine\nCOPY index.html /usr/share/nginx/html/\n', { 'index.html': '<h1>hi</h1>\n' }));
    expect(v.image.files['/usr/share/nginx/html/index.html']).toBe('<h1>hi</h1>\n');
  });

  it('every instruction in the Dockerfile reference is accepted; the unsimulated ones are noted', () => {
    const df = [
      '# syntax=docker/dockerfile:1',
      'ARG BASE=python:3.12-slim',
      'FROM ${BASE} AS app',
      'MAINTAINER someone@example.com',
      'LABEL org.opencontainers.image.title="demo app" version=1',
      'ENV APP_HOME=/app PORT=8000',
      'ENV LEGACY value with spaces',
      'ARG EXTRA',
      'WORKDIR $APP_HOME',
      'ADD app.py .',
      'COPY --chown=1000:1000 requirements.txt ./',
      'RUN pip install -r requirements.txt',
      'RUN <<EOF',
      'echo heredoc',
      'EOF',
      'USER 1000',
      'EXPOSE 8000/tcp 8001',
      'VOLUME ["/data"]',
      'STOPSIGNAL SIGINT',
      'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8000/ || exit 1',
      'SHELL ["/bin/bash", "-c"]',
      'ONBUILD RUN echo child',
      'ENTRYPOINT ["python"]',
      'CMD ["app.py"]',
      '',
    ].join('\n');
    const v = ok(build(df, { 'app.py': 'print(1)\n', 'requirements.txt': 'flask\n' }));
    const s = v.image.spec;
    expect(s.workdir).toBe('/app');
    expect([s.env.APP_HOME, s.env.PORT, s.env.LEGACY]).toEqual(['/app', '8000', 'value with spaces']);
    expect(v.image.labels).toMatchObject({ 'org.opencontainers.image.title': 'demo app', version: '1', maintainer: 'someone@example.com' });
    expect(v.image.files['/app/app.py']).toBe('print(1)\n');
    expect(s.user).toBe('1000');
    expect(s.exposed).toEqual(expect.arrayContaining(['8000/tcp', '8001/tcp']));
    expect(s.volumes).toContain('/data');
    expect([s.entrypoint, s.cmd]).toEqual([['python'], ['app.py']]);
    expect(v.notes).toEqual([
      'note: STOPSIGNAL (line 19) is recorded but not simulated here',
      'note: HEALTHCHECK (line 20) is recorded but not simulated here',
      'note: SHELL (line 21) is recorded but not simulated here',
      'note: ONBUILD (line 22) is recorded but not simulated here',
    ]);
  });

  it("an instruction outside the reference is BuildKit's parse error, with its line", () => {
    const b = build('FROM alpine:3.20\nRUNN echo\n');
    expect(b.r.ok ? 'built' : b.r.errors[0]!.message).toBe('failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN');
  });

  it.each([
    ['FROM nginx:1.99', 'failed to solve: nginx:1.99: failed to resolve source metadata for docker.io/library/nginx:1.99: docker.io/library/nginx:1.99: not found'],
    ['FROM ngnix', 'failed to solve: ngnix:latest: failed to resolve source metadata for docker.io/library/ngnix:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'],
  ])('%s fails like BuildKit', (df, msg) => {
    const b = build(`${df}\n`);
    expect(b.r.ok ? 'built' : b.r.errors[0]!.message).toBe(msg);
  });
});
