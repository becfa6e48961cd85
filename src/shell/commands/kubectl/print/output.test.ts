import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../../../testing/golden.ts';
import { printJsonPath } from './jsonpath.ts';
import { asList, printCustomColumns, printObjects } from './output.ts';
import { toJSON, toYAML, yamlKeyLess } from './serialize.ts';
import * as fx from './testdata/fixtures.ts';

const golden = (name: string) => join(import.meta.dirname, 'testdata', name);
const list = asList([fx.runningPod, fx.runningPod2, fx.crashLoopPod]);

describe('-o yaml / -o json (golden)', () => {
  it('yaml of one pod', () => expectGolden(golden('pod.yaml'), toYAML(fx.crashLoopPod)));
  it('yaml of a list', () => expectGolden(golden('list.yaml'), toYAML(asList([fx.webSvc, fx.webDeployment]))));
  it('json of a list', () => expectGolden(golden('list.json'), toJSON(asList([fx.webSvc])) + '\n'));
});

describe('yaml scalars as go-yaml writes them', () => {
  it.each([
    [{ a: '' }, 'a: ""\n'],
    [{ a: '1042' }, 'a: "1042"\n'],
    [{ a: 'true' }, 'a: "true"\n'],
    [{ a: 'yes' }, 'a: "yes"\n'],
    [{ a: '2026-01-15T10:00:00Z' }, 'a: "2026-01-15T10:00:00Z"\n'],
    [{ a: '10.244.1.5' }, 'a: 10.244.1.5\n'],
    [{ a: '*' }, "a: '*'\n"],
    [{ a: 'key: value' }, "a: 'key: value'\n"],
    [{ a: 'it\'s: x' }, "a: 'it''s: x'\n"],
    [{ a: 'tab\there' }, 'a: "tab\\there"\n'],
    [{ a: 'line1\nline2\n' }, 'a: |\n  line1\n  line2\n'],
    [{ a: 'line1\nline2' }, 'a: |-\n  line1\n  line2\n'],
    [{ a: null, b: 3, c: true }, 'a: null\nb: 3\nc: true\n'],
    [{ a: {}, b: [] }, 'a: {}\nb: []\n'],
    [{ list: [{ name: 'x', image: 'nginx' }, 'z', 'y'] }, 'list:\n- image: nginx\n  name: x\n- z\n- "y"\n'], // yaml 1.1 reads a bare y as true
  ])('%j', (v, want) => expect(toYAML(v)).toBe(want));

  it('folds long plain strings after column 80', () => {
    const msg = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.';
    expect(toYAML({ status: { message: msg } })).toBe(
      "status:\n  message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:\n    }, 2 Insufficient cpu.'\n",
    );
  });

  it('orders keys like go-yaml: non-letters before letters, digits by value', () => {
    const keys = ['a10', 'a9', 'a_b', 'aB', 'app', 'app.kubernetes.io/name'];
    expect([...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : 1))).toEqual(['a_b', 'a9', 'a10', 'aB', 'app', 'app.kubernetes.io/name']);
  });
});

it('json escapes HTML characters and indents by four spaces', () => {
  expect(toJSON({ b: '<none> & more', a: [] })).toBe('{\n    "a": [],\n    "b": "\\u003cnone\\u003e \\u0026 more"\n}');
});

describe('jsonpath', () => {
  it.each([
    ['{.items[*].metadata.name}', 'web-7d4b9c8f6d-x2k9p web-7d4b9c8f6d-h7m4q broken-6b8f9d7c5-mz4tn'],
    ['{.items[0].status.podIP}', '10.244.1.5'],
    ['{.items[-1].metadata.name}', 'broken-6b8f9d7c5-mz4tn'],
    ['{.items[0:2].spec.nodeName}', 'worker-1 worker-2'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}', 'web-7d4b9c8f6d-x2k9p\t10.244.1.5\nweb-7d4b9c8f6d-h7m4q\t10.244.2.3\nbroken-6b8f9d7c5-mz4tn\t10.244.2.7\n'],
    ['{.items[2].status.conditions[?(@.type=="Ready")].status}', 'False'],
    ['{.items[?(@.spec.nodeName=="worker-2")].metadata.name}', 'web-7d4b9c8f6d-h7m4q broken-6b8f9d7c5-mz4tn'],
    ['{.items[0].metadata.labels}', '{"app":"web","pod-template-hash":"7d4b9c8f6d"}'],
    ['{..containerPort}', '80 80 80'],
    ['{.items[0].metadata.missing}', ''],
    ["{.items[0].metadata.labels['pod-template-hash']}", '7d4b9c8f6d'],
    ['names: {.items[*].metadata.name}', 'names: web-7d4b9c8f6d-x2k9p web-7d4b9c8f6d-h7m4q broken-6b8f9d7c5-mz4tn'],
  ])('%s', (tpl, want) => expect(printJsonPath(tpl, list)).toEqual({ ok: true, value: want }));

  it.each([
    ['{.metadata.name', 'error: error parsing jsonpath {.metadata.name, unclosed action\n'],
    ['{.items[0}', 'error: error parsing jsonpath {.items[0}, unterminated array\n'],
    ['{end}', 'error: error parsing jsonpath {end}, not in range, nothing to end\n'],
    ['{.a!b}', "error: error parsing jsonpath {.a!b}, unrecognized character in action: U+0021 '!'\n"],
  ])('%s fails like kubectl', (tpl, want) => expect(printJsonPath(tpl, list)).toEqual({ ok: false, error: want }));

  it('reports an index out of range', () => {
    const r = printJsonPath('{.items[5]}', list);
    expect(r.ok ? '' : r.error).toMatch(/^error: error executing jsonpath "\{\.items\[5\]\}": Error executing template: array index out of bounds: index 5, length 3\./);
  });
});

describe('-o name, custom-columns, unknown formats', () => {
  it('names objects by lower-case kind and group', () => {
    expect(printObjects('name', [fx.runningPod, fx.webDeployment, fx.webSvc, fx.webSlice], false)).toEqual({
      ok: true,
      stdout: 'pod/web-7d4b9c8f6d-x2k9p\ndeployment.apps/web\nservice/web\nendpointslice.discovery.k8s.io/web-m8xgb\n',
    });
  });
  it('prints custom columns with <none> for missing values', () => {
    expect(printCustomColumns('NAME:.metadata.name,IP:.status.podIP,NODE:.spec.nodeName', [fx.runningPod, fx.pendingPod])).toEqual({
      ok: true,
      stdout: 'NAME                   IP           NODE\nweb-7d4b9c8f6d-x2k9p   10.244.1.5   worker-1\nweb-7d4b9c8f6d-pnd8z   <none>       <none>\n',
    });
    expect(printCustomColumns('NAME', [])).toEqual({ ok: false, error: 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n' });
  });
  it('wraps several objects in a List and prints a single named one bare', () => {
    const one = printObjects('jsonpath={.kind}', [fx.runningPod], true);
    const many = printObjects('jsonpath={.kind}', [fx.runningPod], false);
    expect([one, many]).toEqual([{ ok: true, stdout: 'Pod' }, { ok: true, stdout: 'List' }]);
  });
  it('rejects an unknown format', () => {
    const r = printObjects('xml', [], false);
    expect(r.ok ? '' : r.error).toMatch(/^error: unable to match a printer suitable for the output format "xml", allowed formats are: /);
  });
});
