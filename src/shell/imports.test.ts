/**
 * The shell is a layer of clients on top of the simulation core. kubectl in
 * particular is "just another API client": it may know the API types and the
 * API server's client, never a node's or a controller's internals. This test
 * reads every module under src/shell/ (tests included) and checks what it
 * imports from src/sim/k8s/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..');
const SHELL = join(SRC, 'shell');

/** Never imported from anywhere in src/shell/: the actors' internals. */
const FORBIDDEN = ['sim/k8s/node/', 'sim/k8s/controllers/', 'sim/k8s/adapters/', 'sim/k8s/events.ts'];

/**
 * What kubectl may import from src/sim/k8s/: the shared API types and pure
 * helpers over them (api/), the API server's client (apiserver/index.ts), the
 * cluster handle that hands out that client (cluster.ts, only to get
 * `cluster.api.as('kubectl')`), the version and time formats.
 */
const KUBECTL_ALLOWED = ['sim/k8s/api/', 'sim/k8s/apiserver/index.ts', 'sim/k8s/apiserver/decode.ts', 'sim/k8s/cluster.ts', 'sim/k8s/version.ts', 'sim/k8s/time.ts'];

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return modules(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Relative specifiers of static imports, re-exports and dynamic imports, resolved to paths under src/. */
export function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(dirname(file), s)).split('\\').join('/'));
}

// This file names forbidden paths in its own examples.
const all = modules(SHELL).filter((f) => f !== import.meta.filename).map((f) => ({ file: relative(SRC, f), imports: importsOf(f, readFileSync(f, 'utf8')) }));

describe('shell import rules', () => {
  it('finds the modules and their imports (the rule has something to check)', () => {
    const kubectl = all.filter((m) => m.file.startsWith('shell/commands/kubectl/'));
    expect(kubectl.length).toBeGreaterThan(30);
    expect(kubectl.some((m) => m.imports.includes('sim/k8s/apiserver/index.ts'))).toBe(true);
    // The parser sees every import form.
    expect(importsOf(join(SHELL, 'x.ts'), `import a from '../sim/k8s/node/a.ts';\nexport { b } from "./b.ts";\nconst c = await import('../sim/k8s/controllers/c.ts');\nimport './side.ts';`)).toEqual([
      'sim/k8s/node/a.ts',
      'shell/b.ts',
      'sim/k8s/controllers/c.ts',
      'shell/side.ts',
    ]);
  });

  it('no shell module imports node, controller or adapter internals', () => {
    const bad = all.flatMap((m) => m.imports.filter((i) => FORBIDDEN.some((f) => i.startsWith(f))).map((i) => `${m.file} -> ${i}`));
    expect(bad).toEqual([]);
  });

  it('kubectl imports from src/sim/k8s/ only the API types, the API client, the cluster handle, version and time', () => {
    const bad = all
      .filter((m) => m.file.startsWith('shell/commands/kubectl/'))
      .flatMap((m) => m.imports.filter((i) => i.startsWith('sim/k8s/') && !KUBECTL_ALLOWED.some((a) => i.startsWith(a))).map((i) => `${m.file} -> ${i}`));
    expect(bad).toEqual([]);
  });

  it('kubectl subcommands never reach past the API client (no cluster.nodes, .controllers, .scheduler, .etcd)', () => {
    const bad = all
      .filter((m) => m.file.startsWith('shell/commands/kubectl/'))
      .filter((m) => /\bcluster\s*\.\s*(nodes|controllers|scheduler|etcd)\b/.test(readFileSync(join(SRC, m.file), 'utf8')))
      .map((m) => m.file);
    expect(bad).toEqual([]);
  });
});
