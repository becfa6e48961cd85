import { describe, expect, it } from 'vitest';
import { transcript } from '../../headless.ts';
import { createSession } from '../../session.ts';

/**
 * `docker compose ps --format` with Go templates, over compose's cmd/formatter/container.go ContainerContext
 * (fields ID, Name, Names, Service, Project, Image, Command, CreatedAt, RunningFor, ExitCode, State, Status, Health,
 * Publishers, Ports, Labels, LocalVolumes, Mounts, Networks, Size; the table headers from NewContainerContext's map,
 * a field missing from it printing Go's "<no value>"), written by the docker CLI's formatter.Context (parse errors
 * wrapped as "template parsing error: …", an unknown field failing at execution).
 */
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  cache:\n    image: redis:7\n';
function run(cmds: string[]) {
  const sh = createSession({ seed: 1, dir: 'shop', files: { 'compose.yaml': COMPOSE }, tty: { color: false, columns: 200 }, lang: 'en' });
  transcript(sh, ['docker compose up -d', 'sleep 5']);
  const out = transcript(sh, [...cmds, 'echo "code=$?"'], { echo: false });
  return { out: out.replace(/code=\d+\n$/, ''), code: Number(/code=(\d+)\n$/.exec(out)![1]) };
}

describe('docker compose ps --format', () => {
  it('a plain template prints one line per container, sorted by name', () => {
    expect(run(["docker compose ps --format '{{.Name}} {{.Service}} {{.State}} {{.Project}}'"]).out).toBe('shop-cache-1 cache running shop\nshop-web-1 web running shop\n');
  });

  it('table gives each field its header and aligns the columns', () => {
    expect(run(["docker compose ps --format 'table {{.Name}}\\t{{.Status}}\\t{{.Ports}}'"]).out).toBe(
      ['NAME           STATUS         PORTS', 'shop-cache-1   Up 5 seconds   6379/tcp', 'shop-web-1     Up 5 seconds   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp', ''].join('\n'),
    );
    expect(run(["docker compose ps --format 'table {{.Service}}\\t{{.ID}}\\t{{.RunningFor}}'"]).out.split('\n')[0]).toMatch(/^SERVICE\s+CONTAINER ID\s+CREATED$/);
  });

  it('Command is quoted and cut to 20 characters; ExitCode is a number; Publishers a list', () => {
    expect(run(["docker compose ps --format '{{.Service}} {{.Command}} {{.ExitCode}}'"]).out).toBe('cache "docker-entrypoint.s…" 0\nweb "/docker-entrypoint.…" 0\n');
    // As the daemon lists them: each published address (IPv4 and IPv6), and an exposed-only port with URL "" and 0.
    expect(run(["docker compose ps web --format '{{json .Publishers}}'"]).out).toBe('[{"URL":"0.0.0.0","TargetPort":80,"PublishedPort":8080,"Protocol":"tcp"},{"URL":"::","TargetPort":80,"PublishedPort":8080,"Protocol":"tcp"}]\n');
    expect(run(["docker compose ps cache --format '{{json .Publishers}}'"]).out).toBe('[{"URL":"","TargetPort":6379,"PublishedPort":0,"Protocol":"tcp"}]\n');
  });

  it('an unknown field fails with the template executor\'s error and exit 1; a bad template with the parser\'s', () => {
    const bad = run(["docker compose ps --format '{{.Nope}}'"]);
    expect(bad).toEqual({ out: 'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n', code: 1 });
    expect(run(["docker compose ps --format '{{nope .Name}}'"]).out).toBe('template parsing error: template: :1: function "nope" not defined\n');
  });

  it('json and table keep their meaning', () => {
    expect(run(['docker compose ps --format table']).out.split('\n')[0]).toMatch(/^NAME\s+IMAGE\s+COMMAND\s+SERVICE\s+CREATED\s+STATUS\s+PORTS$/);
    expect(JSON.parse(run(['docker compose ps web --format json']).out)).toMatchObject({ Name: 'shop-web-1', Service: 'web', State: 'running' });
  });
});
