import { describe, expect, it } from 'vitest';
import { DOCKER_FUNCS, executeTemplate, KUBECTL_FUNCS, TemplateError } from './gotemplate.ts';

const pods = {
  kind: 'List',
  items: [
    { metadata: { name: 'web-1', labels: { app: 'web' } }, status: { podIP: '10.244.1.3', phase: 'Running' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    { metadata: { name: 'db-0', labels: {} }, status: { phase: 'Pending' }, spec: { containers: [{ name: 'pg', image: 'postgres:17' }, { name: 'exp', image: 'exporter' }] } },
  ],
};

describe('Go text/template (the subset kubectl -o go-template and docker --format use)', () => {
  it.each([
    ['fields and literals', '{{.kind}} {{"x"}} {{42}}', 'List x 42'],
    ['range over items with a newline literal', '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', 'web-1\ndb-0\n'],
    ['range with index and element', '{{range $i, $p := .items}}{{$i}}={{$p.metadata.name}} {{end}}', '0=web-1 1=db-0 '],
    ['nested range, $ is the root', '{{range .items}}{{range .spec.containers}}{{.image}},{{end}}{{len $.items}};{{end}}', 'nginx:1.27,2;postgres:17,exporter,2;'],
    ['missing key prints <no value>', '{{range .items}}{{.status.podIP}} {{end}}', '10.244.1.3 <no value> '],
    ['if / else if / else', '{{range .items}}{{if eq .status.phase "Running"}}R{{else if eq .status.phase "Pending"}}P{{else}}?{{end}}{{end}}', 'RP'],
    ['index on a map with a dotted key', '{{index .items 0 "metadata" "labels" "app"}}', 'web'],
    ['pipelines and printf', '{{.kind | printf "%-6s|"}}{{printf "%q" "a"}}', 'List  |"a"'],
    ['trim markers', 'a  {{- " b " -}}  c', 'a b c'],
    ['with', '{{with .kind}}<{{.}}>{{end}}{{with .nope}}x{{else}}none{{end}}', '<List>none'],
    ['maps print as Go does', '{{(index .items 0).metadata.labels}}', 'map[app:web]'],
    ['variables', '{{$n := len .items}}{{$n}} pods', '2 pods'],
  ])('%s', (_why, tpl, want) => {
    expect(executeTemplate(tpl, pods, KUBECTL_FUNCS)).toBe(want);
  });

  it('has kubectl\'s base64decode and docker\'s json/join/upper', () => {
    expect(executeTemplate('{{.data.pw | base64decode}}', { data: { pw: 'czNjcjN0' } }, KUBECTL_FUNCS)).toBe('s3cr3t');
    expect(executeTemplate('{{json .Labels}} {{join .Names ","}} {{upper .State}}', { Labels: { a: '1' }, Names: ['x', 'y'], State: 'running' }, DOCKER_FUNCS)).toBe('{"a":"1"} x,y RUNNING');
  });

  it.each([
    ['{{.x', 'template: output:1: unclosed action'],
    ['{{.x}', "template: output:1: unrecognized character in action: U+007D '}'"],
    ['a\n{{.x "}"\n}', "template: output:3: unrecognized character in action: U+007D '}'"],
    ['{{nope .x}}', 'template: output:1: function "nope" not defined'],
    ['{{range .items}}', 'template: output:1: unexpected EOF'],
    ['{{end}}', 'template: output:1: unexpected {{end}}'],
    ['{{upper .kind}}', 'template: output:1: function "upper" not defined'],
  ])('%s fails as Go says it', (tpl, msg) => {
    expect(() => executeTemplate(tpl, pods, KUBECTL_FUNCS)).toThrow(new TemplateError(msg));
  });

  it('refuses nesting 5,000 deep with an error, not a stack overflow', () => {
    const depth = new TemplateError('template: output:1: max expression depth exceeded');
    expect(() => executeTemplate('{{if 1}}'.repeat(5000) + '{{end}}'.repeat(5000), pods)).toThrow(depth);
    expect(() => executeTemplate('{{' + '(len '.repeat(5000) + '1' + ')'.repeat(5000) + '}}', pods)).toThrow(depth);
  });
});
