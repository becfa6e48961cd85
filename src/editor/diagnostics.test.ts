import { describe, expect, it } from 'vitest';
import { transcript } from '../shell/headless.ts';
import { createSession } from '../shell/session.ts';
import { diagnose, fieldPath, fileKind } from './diagnostics.ts';

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n';

function composeSession(text: string) {
  return createSession({ seed: 1, lang: 'en', tty: { color: false }, dir: 'demo', files: { 'compose.yaml': text } });
}

describe('editor diagnostics', () => {
  it('tells compose files, manifests, Dockerfiles and plain YAML apart', () => {
    expect(fileKind('/p/compose.yaml')).toBe('compose');
    expect(fileKind('/p/docker-compose.override.yml')).toBe('compose');
    expect(fileKind('/p/web/Dockerfile')).toBe('dockerfile');
    expect(fileKind('/p/web.yaml', 'apiVersion: v1\nkind: Pod\n')).toBe('manifest');
    expect(fileKind('/p/values.yaml', 'a: 1\n')).toBe('yaml');
    expect(fileKind('/p/index.html')).toBe('text');
  });

  it.each([
    ['an unknown service attribute', COMPOSE.replace('    ports:', '    portz:')],
    ['a bad port', COMPOSE.replace('"8080:80"', '"80800:80"')],
    ['a YAML syntax error', COMPOSE.replace('    image: nginx:1.27', '    image: nginx:1.27\n   bad')],
    ['a wrong type', COMPOSE.replace('    ports:\n      - "8080:80"', '    ports: 8080')],
  ])('compose: %s is marked where `docker compose config` points', (_, text) => {
    const sh = composeSession(text);
    const out = transcript(sh, 'docker compose config', {});
    const m = /--> compose\.yaml:(\d+):(\d+)/.exec(out);
    expect(m, out).not.toBeNull();
    const diags = diagnose('/home/learner/demo/compose.yaml', text, sh.world.vfs);
    expect(diags.length).toBeGreaterThan(0);
    expect({ line: diags[0]!.line, col: diags[0]!.col }).toEqual({ line: Number(m![1]), col: Number(m![2]) });
    expect(out.startsWith(diags[0]!.message)).toBe(true);
  });

  it('compose: a valid file has no markers; the obsolete version is a warning', () => {
    const sh = composeSession(COMPOSE);
    expect(diagnose('/home/learner/demo/compose.yaml', COMPOSE, sh.world.vfs)).toEqual([]);
    const w = diagnose('/home/learner/demo/compose.yaml', 'version: "3"\n' + COMPOSE, sh.world.vfs);
    expect(w).toMatchObject([{ severity: 'warning', line: 1, col: 1 }]);
  });

  it('compose: unsaved text is checked without touching the saved file', () => {
    const sh = composeSession(COMPOSE);
    diagnose('/home/learner/demo/compose.yaml', 'services: [', sh.world.vfs);
    expect(sh.world.vfs.readFile('/home/learner/demo/compose.yaml')).toBe(COMPOSE);
  });

  const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n';

  it('manifests: the API server’s validation error sits on its field, with kubectl’s words', () => {
    const text = DEPLOY.replace('replicas: 3', 'replicas: -1');
    const sh = createSession({ seed: 1, lang: 'en', tty: { color: false }, files: { 'web.yaml': text } });
    const out = transcript(sh, 'kubectl apply -f web.yaml', {});
    const d = diagnose('/home/learner/web.yaml', text, sh.world.vfs);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 6, col: 13, severity: 'error' });
    expect(out).toBe(d[0]!.message + '\n');
  });

  it('manifests: unknown fields (strict decoding) and YAML syntax errors', () => {
    const typo = DEPLOY.replace('        image: nginx:1.27', '        imagez: nginx:1.27');
    const d = diagnose('/w/web.yaml', typo, createSession().world.vfs);
    expect(d[0]).toMatchObject({ line: 17, col: 9 });
    expect(d[0]!.message).toContain('unknown field "spec.template.spec.containers[0].imagez"');
    const bad = DEPLOY.replace('  replicas: 3', '  replicas: 3\n bad');
    const sh = createSession({ seed: 1, lang: 'en', tty: { color: false }, files: { 'web.yaml': bad } });
    const out = transcript(sh, 'kubectl apply -f web.yaml', {});
    const s = diagnose('/home/learner/web.yaml', bad, sh.world.vfs);
    expect(out).toBe(s[0]!.message + '\n');
    // The marker sits on the mistake; kubectl's message names the line go-yaml v2 names for a parser
    // error, the one before it (src/sim/yaml-go-line.ts).
    expect(out).toContain(`yaml: line ${s[0]!.line - 1}: did not find expected key`);
  });

  it('Dockerfiles are checked by the build’s parser', () => {
    expect(diagnose('/p/Dockerfile', 'RUN echo hi\n', createSession().world.vfs)[0]!.message).toContain('no build stage in current context');
    expect(diagnose('/p/Dockerfile', 'FROM nginx\n', createSession().world.vfs)).toEqual([]);
  });

  it('reads field paths with indexes', () => {
    expect(fieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
  });
});
