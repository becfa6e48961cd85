import { describe, expect, it } from 'vitest';
import type { SimError } from '../../errors.ts';
import { Vfs } from '../../vfs.ts';
import { COMPOSE_FILE_NAMES, formatWarning, loadProject } from './index.ts';

const DIR = '/home/learner/shop';
const FILE = `${DIR}/compose.yaml`;

function vfsWith(files: Record<string, string>): Vfs {
  const v = new Vfs();
  for (const [p, text] of Object.entries(files)) v.writeFile(Vfs.resolve(DIR, p), text);
  v.mkdir(DIR);
  return v;
}

function errorsOf(yaml: string, extra: Record<string, string> = {}): Pick<SimError, 'message' | 'file' | 'pos'>[] {
  const r = loadProject(vfsWith({ 'compose.yaml': yaml, ...extra }), { cwd: DIR });
  if (r.ok) throw new Error('expected the load to fail');
  return r.errors.map(({ message, file, pos }) => ({ message, file, pos }));
}

function load(yaml: string, opts: Partial<Parameters<typeof loadProject>[1]> = {}, extra: Record<string, string> = {}) {
  const r = loadProject(vfsWith({ 'compose.yaml': yaml, ...extra }), { cwd: DIR, ...opts });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
}

describe('loadProject errors', () => {
  it.each([
    ['YAML syntax error', 'services:\n  web:\n    image: nginx\n    command: echo a: b\n', 'yaml: line 4: mapping values are not allowed in this context', { line: 4, col: 14 }],
    ['tab indentation', 'services:\n\tweb:\n    image: nginx\n', 'yaml: line 2: found character that cannot start any token', { line: 2, col: 1 }],
    // go-yaml v3 names the line of the opening quote (the error's context mark), not the end of the file.
    ['unclosed quote', 'services:\n  web:\n    image: "nginx\n', 'yaml: line 3: found unexpected end of stream', { line: 4, col: 1 }],
    ['duplicate key', 'services:\n  web:\n    image: nginx\n    image: httpd\n', 'yaml: unmarshal errors:\n  line 4: mapping key "image" already defined at line 3', { line: 4, col: 5 }],
    ['unknown key', 'services:\n  web:\n    imag: nginx\n', `validating ${FILE}: services.web additional properties 'imag' not allowed`, { line: 3, col: 5 }],
    ['unknown top-level key', 'servces:\n  web:\n    image: nginx\n', `validating ${FILE}: (root) additional properties 'servces' not allowed`, { line: 1, col: 1 }],
    ['wrong type', 'services:\n  web:\n    image: nginx\n    ports: "80:80"\n', `validating ${FILE}: services.web.ports must be a array`, { line: 4, col: 12 }],
    ['wrong item type', 'services:\n  web:\n    image: nginx\n    ports:\n      - [80]\n', `validating ${FILE}: services.web.ports.0 must be a number or string or object`, { line: 5, col: 9 }],
    ['bad depends_on condition', 'services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: healthy\n  db:\n    image: postgres\n', `validating ${FILE}: services.web.depends_on.db.condition must be one of 'service_started', 'service_healthy', 'service_completed_successfully'`, { line: 6, col: 20 }],
    ['bad duration', 'services:\n  db:\n    image: postgres\n    healthcheck:\n      interval: 10 seconds\n', `validating ${FILE}: services.db.healthcheck.interval '10 seconds' is not valid 'duration'`, { line: 5, col: 17 }],
    ['error inside a merged anchor', 'x-base: &base\n  image: nginx\n  ports: "80"\nservices:\n  web:\n    <<: *base\n', `validating ${FILE}: services.web.ports must be a array`, { line: 3, col: 10 }],
    ['top-level list', '- web\n- db\n', 'top-level object must be a mapping', { line: 1, col: 1 }],
    ['undefined service', 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n', 'service "web" depends on undefined service "db": invalid compose project', { line: 4, col: 17 }],
    ['dependency cycle', 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n', 'dependency cycle detected: a -> b -> a', { line: 4, col: 17 }],
    ['undefined volume', 'services:\n  db:\n    image: postgres\n    volumes:\n      - data:/var/lib/postgresql/data\n', 'service "db" refers to undefined volume data: invalid compose project', { line: 5, col: 9 }],
    ['undefined network', 'services:\n  web:\n    image: nginx\n    networks: [front]\n', 'service "web" refers to undefined network front: invalid compose project', { line: 4, col: 15 }],
    ['neither image nor build', 'services:\n  web:\n    ports: ["80"]\n', 'service "web" has neither an image nor a build context specified: invalid compose project', { line: 2, col: 3 }],
    ['required variable', 'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD in .env}\n', 'required variable DB_PASSWORD is missing a value: set DB_PASSWORD in .env', { line: 5, col: 26 }],
    ['bad port', 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:http"\n', 'invalid containerPort: http', { line: 5, col: 9 }],
    ['bad restart policy', 'services:\n  web:\n    image: nginx\n    restart: sometimes\n', "invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'", { line: 4, col: 14 }],
  ])('%s', (_, yaml, message, pos) => {
    expect(errorsOf(yaml)[0]).toEqual({ message, file: expect.stringMatching(/compose\.yaml$/), pos });
  });

  it('lists schema errors in file order', () => {
    const errs = errorsOf('services:\n  web:\n    imag: nginx\n    ports: "80"\n    restart: [always]\n');
    expect(errs.map((e) => e.pos?.line)).toEqual([3, 4, 5]);
  });

  it.each(['', '# nothing here yet\n', '---\n'])('an empty file %j is refused', (yaml) => {
    expect(errorsOf(yaml)).toEqual([{ message: 'empty compose file', file: FILE, pos: undefined }]);
  });

  it('reports a missing env_file like compose', () => {
    const yaml = 'services:\n  web:\n    image: nginx\n    env_file: .env.web\n';
    expect(errorsOf(yaml)).toEqual([
      { message: `env file ${DIR}/.env.web not found: stat ${DIR}/.env.web: no such file or directory`, file: FILE, pos: { line: 4, col: 15 } },
    ]);
  });

  it('fails without a compose file, and finds the file in a parent directory', () => {
    const v = new Vfs();
    v.mkdir('/home/learner/empty');
    const r = loadProject(v, { cwd: '/home/learner/empty' });
    expect(r).toEqual({ ok: false, errors: [expect.objectContaining({ message: 'no configuration file provided: not found' })] });
    v.writeFile('/home/learner/app/compose.yaml', 'services:\n  web:\n    image: nginx\n');
    v.mkdir('/home/learner/app/src/lib');
    const found = loadProject(v, { cwd: '/home/learner/app/src/lib' });
    expect(found.ok && found.value.workingDir).toBe('/home/learner/app');
  });

  it('refuses the billion laughs document quickly with a clean message', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const errs = errorsOf(levels.join('\n') + '\n');
    expect(errs).toEqual([{ message: 'yaml: document contains excessive aliasing', file: FILE, pos: undefined }]);
  });

  it('rejects an invalid explicit project name with compose text', () => {
    const r = loadProject(vfsWith({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' }), { cwd: DIR, projectName: 'My Shop' });
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'invalid project name "My Shop": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number',
    ]);
  });
});

describe('loadProject', () => {
  it('looks for the default names in order', () => {
    expect(COMPOSE_FILE_NAMES).toEqual(['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']);
    const v = new Vfs();
    v.writeFile(`${DIR}/docker-compose.yml`, 'services:\n  old:\n    image: a\n');
    v.writeFile(`${DIR}/compose.yml`, 'services:\n  new:\n    image: b\n');
    const r = loadProject(v, { cwd: DIR });
    expect(r.ok && [r.value.composeFiles, Object.keys(r.value.services)]).toEqual([[`${DIR}/compose.yml`], ['new']]);
  });

  it.each([
    [{}, {}, 'shop'],
    [{ projectName: 'demo' }, {}, 'demo'],
    [{}, { '.env': 'COMPOSE_PROJECT_NAME=fromenv\n' }, 'fromenv'],
  ])('takes the project name from -p, COMPOSE_PROJECT_NAME, name: or the directory (%j)', (opts, extra, want) => {
    expect(load('services:\n  web:\n    image: nginx\n', opts, extra).value.name).toBe(want);
    if (!('projectName' in opts) && !('.env' in extra)) expect(load('name: named\nservices:\n  web:\n    image: nginx\n', opts, extra).value.name).toBe('named');
  });

  it('merges -f files in order', () => {
    const r = load('services:\n  web:\n    image: shop:1\n    ports: ["8080:80"]\n', { files: ['compose.yaml', 'compose.dev.yaml'] }, {
      'compose.dev.yaml': 'services:\n  web:\n    image: shop:dev\n    ports: ["9229:9229"]\n    environment:\n      DEBUG: "1"\n',
    });
    const web = r.value.services.web!;
    expect([web.image, web.ports.map((p) => p.published), web.environment]).toEqual(['shop:dev', [8080, 9229], { DEBUG: '1' }]);
    expect(r.value.composeFiles).toEqual([FILE, `${DIR}/compose.dev.yaml`]);
  });

  it('points an error to the -f file that set the value', () => {
    const r = loadProject(vfsWith({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n', 'override.yaml': 'services:\n  web:\n    depends_on: [db]\n' }), {
      cwd: DIR,
      files: ['compose.yaml', 'override.yaml'],
    });
    expect(r.ok ? undefined : r.errors[0]).toMatchObject({ file: `${DIR}/override.yaml`, pos: { line: 3, col: 17 } });
  });

  it('drops services whose profiles are not active', () => {
    const yaml = 'services:\n  web:\n    image: nginx\n  debug:\n    image: busybox\n    profiles: [debug]\n';
    expect(Object.keys(load(yaml).value.services)).toEqual(['web']);
    expect(Object.keys(load(yaml, { profiles: ['debug'] }).value.services)).toEqual(['web', 'debug']);
  });

  it('warns about version, unset variables and features it does not simulate', () => {
    const r = load('version: "3.8"\nservices:\n  web:\n    image: nginx:${TAG}\n    logging:\n      driver: json-file\n    secrets: [key]\nsecrets:\n  key:\n    file: ./key.txt\n');
    expect((r.warnings ?? []).map(formatWarning)).toEqual([
      `WARN[0000] ${FILE}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`,
      'WARN[0000] The "TAG" variable is not set. Defaulting to a blank string.',
      "note: 'logging' is not simulated",
    ]);
    expect(r.value.warnings).toEqual(r.warnings);
    expect(r.value.services.web!.image).toBe('nginx:');
  });

  it('lets the shell environment win over .env', () => {
    const r = load('services:\n  web:\n    image: "shop:${TAG}"\n', { env: { TAG: 'from-shell' } }, { '.env': 'TAG=from-dotenv\n' });
    expect(r.value.services.web!.image).toBe('shop:from-shell');
    expect(load('services:\n  web:\n    image: "shop:${TAG}"\n', {}, { '.env': 'TAG=from-dotenv\n' }).value.services.web!.image).toBe('shop:from-dotenv');
  });

  it('accepts x- extension keys where compose allows them', () => {
    const r = load('x-top: 1\nservices:\n  web:\n    image: nginx\n    x-owner: team-a\n    healthcheck:\n      test: ["CMD", "true"]\n      x-note: fine\nnetworks:\n  front:\n    x-zone: a\n');
    expect(r.value.services.web!.healthcheck?.test).toEqual(['CMD', 'true']);
  });
});
