import { describe, expect, it } from 'vitest';
import { composeDemo } from '../../../lessons/scenarios.ts';
import { expectGolden } from '../../../testing/golden.ts';
import { transcript } from '../../headless.ts';
import { createSession } from '../../session.ts';

const golden = (name: string) => new URL(`./testdata/${name}.golden`, import.meta.url).pathname;
const demo = (seed = 1) => createSession({ seed, dir: composeDemo.dir, files: composeDemo.files, tty: { color: false, columns: 80 }, lang: 'en' });
const run = (script: string, seed = 1) => transcript(demo(seed), script, { echo: true });

describe('docker compose on the demo project (golden)', () => {
  it.each([
    ['up-d', 'docker compose up -d'],
    ['ps', 'docker compose up -d\nsleep 90\ndocker compose ps'],
    ['ps-a', 'docker compose up -d\nsleep 5\ndocker compose stop web\nsleep 3\ndocker compose ps -a'],
    ['down', 'docker compose up -d\ndocker compose down\ndocker volume ls'],
    ['down-v', 'docker compose up -d\ndocker compose down -v\ndocker volume ls'],
    ['up-attached', 'docker compose up'],
    ['logs', 'docker compose up -d\nsleep 5\ndocker compose logs --tail 4'],
    ['exec', 'docker compose up -d\nsleep 5\ndocker compose exec web curl http://web\ndocker compose exec web ping -c 1 db\ndocker compose exec web curl http://db:5432'],
  ])('%s', (name, script) => {
    expectGolden(golden(name), run(script));
  });
});

describe('errors (golden)', () => {
  const withFile = (yaml: string, script: string) => {
    const sh = createSession({ seed: 1, dir: 'demo', files: { 'compose.yaml': yaml }, tty: { color: false, columns: 80 }, lang: 'en' });
    return transcript(sh, script, { echo: true });
  };
  it.each([
    ['err-yaml-syntax', 'services:\n  web:\n    image: nginx\n   ports: ["8080:80"]\n', 'docker compose up -d'],
    ['err-mapping-values', 'services:\n  web:\n    build: .\n    image: nginx: latest\n', 'docker compose up -d'],
    ['err-unknown-key-imag', 'services:\n  web:\n    imag: nginx\n', 'docker compose config'],
    ['err-unknown-key', 'services:\n  web:\n    image: nginx\n    prots: ["8080:80"]\n', 'docker compose up -d'],
    ['err-cycle', 'services:\n  a:\n    image: nginx\n    depends_on: [b]\n  b:\n    image: nginx\n    depends_on: [a]\n', 'docker compose up -d'],
    ['err-unknown-image', 'services:\n  web:\n    image: ngnix\n', 'docker compose up -d'],
    ['err-no-such-service', 'services:\n  web:\n    image: nginx\n', 'docker compose up -d\ndocker compose restart wbe\ndocker compose exec web hostname\ndocker compose stop\ndocker compose exec web hostname\ndocker foo'],
  ])('%s', (name, yaml, script) => {
    expectGolden(golden(name), withFile(yaml, script));
  });

  it('err-port-clash: a second project cannot bind the same host port', () => {
    const sh = createSession({ seed: 1, dir: 'one', files: { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n', '../two/compose.yaml': 'name: demo\nservices:\n  web:\n    image: httpd\n    ports: ["8080:80"]\n' }, tty: { color: false, columns: 80 }, lang: 'en' });
    expectGolden(golden('err-port-clash'), transcript(sh, 'docker compose up -d\ncd ../two\ndocker compose up -d', { echo: true }));
  });
});

describe('end to end', () => {
  it('attached up streams prefixed logs and Ctrl-C stops the containers (exit 130)', () => {
    const sh = demo();
    const out = transcript(sh, 'docker compose up\necho "exit=$?"\ndocker compose ps -a');
    expect(out).toContain('Attaching to db-1, web-1');
    expect(out).toMatch(/^db-1 {3}\| .*database system is ready to accept connections$/m);
    expect(out).toMatch(/^web-1 {2}\| .*start worker processes$/m);
    expect(out).toContain('^CGracefully stopping... (press Ctrl+C again to force)');
    expect(out).toContain('exit=130');
    expect(out).toMatch(/compose-demo-web-1 .*Exited \(0\)/);
  });

  it('is deterministic: same seed and script give the same bytes', () => {
    const script = 'docker compose up -d\nsleep 12\ndocker compose ps -a\ndocker ps\ndocker compose logs\ndocker compose down -v';
    expect(run(script, 7)).toBe(run(script, 7));
  });

  it('data written into the named volume survives down + up and is gone after down -v + up', () => {
    const out = run([
      'docker compose up -d',
      'docker compose exec db sh -c "echo hello > /var/lib/postgresql/data/note.txt"',
      'docker compose down',
      'docker compose up -d',
      'docker compose exec db cat /var/lib/postgresql/data/note.txt',
      'docker compose down -v',
      'docker compose up -d',
      'docker compose exec db cat /var/lib/postgresql/data/note.txt',
    ].join('\n'));
    const cats = out.split('$ docker compose exec db cat /var/lib/postgresql/data/note.txt\n').slice(1).map((s) => s.split('\n')[0]);
    // postgres is Debian-based: coreutils' wording, not busybox's.
    expect(cats).toEqual(['hello', 'cat: /var/lib/postgresql/data/note.txt: No such file or directory']);
  });

  it('the legacy docker-compose works and hints at v2', () => {
    const out = run('docker-compose up -d\ndocker-compose ps --services');
    expect(out).toContain("note: 'docker-compose' (v1) is superseded by 'docker compose' (v2).");
    expect(out).toContain('db\nweb\n');
  });
});
