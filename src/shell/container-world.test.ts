import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { createSession } from './session.ts';

/**
 * Files copied from public examples behave as on a real machine with Docker
 * Hub and a kind cluster. The manifest is the Kubernetes documentation's
 * first Deployment, verbatim (kubernetes/website,
 * content/en/examples/controllers/nginx-deployment.yaml).
 */
const DOCS_DEPLOYMENT = readFileSync(join(import.meta.dirname, '../sim/k8s/fixtures/docs/nginx-deployment.yaml'), 'utf8');

const session = (files: Record<string, string>) => createSession({ seed: 1, dir: 'work', files, tty: { color: false, columns: 200 }, lang: 'en' });

describe('the Kubernetes docs nginx-deployment (nginx:1.14.2, 3 replicas)', () => {
  it('kubectl apply gives three Running pods after 30 s, serving nginx 1.14.2', () => {
    expect(DOCS_DEPLOYMENT).toContain('image: nginx:1.14.2');
    const sh = session({ 'nginx-deployment.yaml': DOCS_DEPLOYMENT });
    const out = transcript(sh, ['kubectl apply -f nginx-deployment.yaml', 'sleep 30', 'kubectl get pods']);
    expect(out).toContain('deployment.apps/nginx-deployment created');
    const rows = out.split('\n').filter((l) => l.startsWith('nginx-deployment-'));
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toMatch(/\s1\/1\s+Running\s+0\s/);
    const pod = rows[0]!.split(/\s+/)[0]!;
    const more = transcript(sh, [`kubectl exec ${pod} -- env`, `kubectl logs ${pod}`, `kubectl exec ${pod} -- curl -sI localhost`]);
    expect(more).toContain('NGINX_VERSION=1.14.2');
    expect(more).toContain('[notice] 1#1: nginx/1.14.2');
    expect(more).toContain('Server: nginx/1.14.2');
  });

  it('a tag that cannot exist sits in ErrImagePull with containerd\'s "not found"', () => {
    const sh = session({ 'd.yaml': DOCS_DEPLOYMENT.replace('nginx:1.14.2', 'nginx:1.99') });
    const out = transcript(sh, ['kubectl apply -f d.yaml', 'sleep 10', 'kubectl get events']);
    expect(out).toContain('Failed to pull image "nginx:1.99": failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found');
  });
});

describe('docker compose with images and Dockerfiles from public projects', () => {
  it('tags outside the old short lists pull and run; an impossible tag fails like the daemon', () => {
    const compose = ['services:', '  web:', '    image: nginx:1.14.2', '  cache:', '    image: redis:6', '  db:', '    image: mariadb:10.6.4-focal', '    environment:', '      MARIADB_ROOT_PASSWORD: example', ''].join('\n');
    const sh = session({ 'compose.yaml': compose });
    const out = transcript(sh, ['docker compose up -d', 'echo "up=$?"', 'sleep 10', 'docker compose exec web env', 'docker compose logs cache']);
    expect(out).toContain('up=0');
    expect(out).toContain('NGINX_VERSION=1.14.2');
    expect(out).toContain('Redis version=6.2.24');
    const bad = transcript(session({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.99\n' }), ['docker compose up -d']);
    expect(bad).toContain('Error response from daemon: manifest for nginx:1.99 not found: manifest unknown: manifest unknown');
  });

  it('a multi-stage Dockerfile with ARG, --platform, scratch and a # syntax line builds and runs', () => {
    const dockerfile = ['# syntax=docker/dockerfile:1', 'ARG RUST_VERSION=1.64', 'FROM --platform=$BUILDPLATFORM rust:${RUST_VERSION} AS buildbase', 'WORKDIR /src', 'COPY . .', 'RUN cargo build --release', '', 'FROM scratch', 'COPY --from=buildbase /src/target/release/app /app', 'ENTRYPOINT ["/app"]', ''].join('\n');
    const sh = session({ 'compose.yaml': 'services:\n  app:\n    build: .\n', Dockerfile: dockerfile, 'Cargo.toml': '[package]\nname = "app"\n' });
    const out = transcript(sh, ['docker compose up -d', 'echo "up=$?"', 'docker compose ps -a']);
    expect(out).toContain('up=0');
    expect(out).not.toContain('pull access denied');
  });
});

describe('one shell for containers', () => {
  it('kubectl exec … sh -c "echo hi > /tmp/x; cat /tmp/x" prints hi', () => {
    const sh = session({});
    const out = transcript(sh, ['kubectl run c --image=busybox:1.36 -- sleep 3600', 'sleep 20', 'kubectl exec c -- sh -c "echo hi > /tmp/x; cat /tmp/x"']);
    expect(out.trimEnd().split('\n').at(-1)).toBe('hi');
  });

  it('a shell-form command with quotes and a loop runs, not "sh: \': not found"', () => {
    const compose = ['services:', '  ticker:', '    image: alpine:3.20', '    command: sh -c \'i=0; while true; do echo "tick $$HOSTNAME"; sleep 5; done\'', ''].join('\n');
    const sh = session({ 'compose.yaml': compose });
    const out = transcript(sh, ['docker compose up -d', 'sleep 12', 'docker compose logs ticker']);
    expect(out).not.toContain('not found');
    expect(out.match(/ticker-1 {2}\| tick [0-9a-f]{12}/g)?.length).toBe(3);
  });

  it("nginx's entrypoint runs envsubst over /etc/nginx/templates/*.template", () => {
    const compose = ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - ./templates:/etc/nginx/templates', '    environment:', '      NGINX_HOST: example.com', '      NGINX_PORT: "8080"', ''].join('\n');
    const sh = session({ 'compose.yaml': compose, 'templates/default.conf.template': 'server {\n  listen ${NGINX_PORT};\n  server_name ${NGINX_HOST};\n}\n' });
    const out = transcript(sh, ['docker compose up -d', 'sleep 3', 'docker compose exec web cat /etc/nginx/conf.d/default.conf', 'docker compose logs web']);
    expect(out).toContain('server {\n  listen 8080;\n  server_name example.com;\n}\n');
    expect(out).toContain('20-envsubst-on-templates.sh: Running envsubst on /etc/nginx/templates/default.conf.template to /etc/nginx/conf.d/default.conf');
  });
});

describe('bind mounts of single files', () => {
  it('./nginx.conf:/etc/nginx/nginx.conf reads the host file', () => {
    const compose = ['services:', '  web:', '    image: nginx:1.27', '    volumes:', '      - ./nginx.conf:/etc/nginx/nginx.conf:ro', ''].join('\n');
    const sh = session({ 'compose.yaml': compose, 'nginx.conf': 'events {}\nhttp {}\n' });
    const out = transcript(sh, ['docker compose up -d', 'docker compose exec web cat /etc/nginx/nginx.conf']);
    expect(out).toContain('events {}\nhttp {}\n');
  });
});

describe('compose secrets and configs', () => {
  it('programs read /run/secrets/* and configs at their target: from a file, an environment variable, inline content', () => {
    const compose = [
      'services:',
      '  app:',
      '    image: alpine:3.20',
      '    command: sh -c "cat /run/secrets/db_password; cat /run/secrets/token; sleep 3600"',
      '    secrets:',
      '      - db_password',
      '      - source: api_token',
      '        target: token',
      '    configs:',
      '      - source: app_config',
      '        target: /etc/app.conf',
      'secrets:',
      '  db_password:',
      '    file: ./db_password.txt',
      '  api_token:',
      '    environment: API_TOKEN',
      'configs:',
      '  app_config:',
      '    content: "debug=true"',
      '',
    ].join('\n');
    const sh = session({ 'compose.yaml': compose, 'db_password.txt': 's3cret\n', '.env': 'API_TOKEN=tok-123\n' });
    const out = transcript(sh, ['docker compose up -d', 'sleep 2', 'docker compose logs app', 'docker compose exec app cat /etc/app.conf']);
    expect(out).not.toContain("'secrets' are not simulated");
    expect(out).toContain('app-1  | s3cret\napp-1  | tok-123');
    expect(out).toContain('debug=true');
  });

  it('a secret the project does not declare is compose\'s error', () => {
    const out = transcript(session({ 'compose.yaml': 'services:\n  app:\n    image: alpine\n    secrets: [nope]\n' }), ['docker compose up -d']);
    expect(out).toContain('service "app" refers to undefined secret nope: invalid compose project');
  });
});
