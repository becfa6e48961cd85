import { describe, expect, it } from 'vitest';
import { decodeManifests } from './k8s/apiserver/decode.ts';
import { parseYaml } from './compose/load/yaml.ts';

/**
 * go-yaml's line numbers, which differ from the line of the mistake (yaml-go-line.ts):
 * gopkg.in/yaml.v2 decode.go parser.fail takes the problem mark first (+1 only for scanner errors),
 * gopkg.in/yaml.v3 decode.go parser.fail the context mark first. Seen in the wild:
 * - compose (v3): one missing space under `services:` gives `yaml: line 1: did not find expected key`
 *   (dockur/windows-arm#336);
 * - compose v2.0 / kubectl (v2): a mis-indented `networks:` on line 12 is reported as `line 11`, the line
 *   before it, which the user took for the culprit (Book-Microservices-v2/chapter08d#1).
 */
const compose = (src: string) => {
  const r = parseYaml('compose.yaml', src);
  return r.ok ? 'ok' : r.errors[0]!.message;
};
const kubectl = (src: string) => decodeManifests(src, 'f.yaml').errors[0]?.message.replace('error: error parsing f.yaml: error converting YAML to JSON: ', '');

const MISINDENTED = 'services:\n  web:\n    image: nginx\n   ports:\n     - "80:80"\n';

describe("go-yaml's line numbers in syntax errors", () => {
  it('a mis-indented key: compose names the line before the enclosing mapping, kubectl the line before the key', () => {
    expect(compose(MISINDENTED)).toBe('yaml: line 1: did not find expected key');
    expect(kubectl(MISINDENTED)).toBe('yaml: line 3: did not find expected key');
    expect(kubectl('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n labels: {}\n')).toBe('yaml: line 4: did not find expected key');
  });

  it('scanner errors name their own line in both', () => {
    const src = 'services:\n  web:\n    image: nginx: latest\n';
    expect(compose(src)).toBe('yaml: line 3: mapping values are not allowed in this context');
    expect(kubectl(src)).toBe('yaml: line 3: mapping values are not allowed in this context');
  });

  it('an unclosed quote: compose names the opening quote, kubectl the end of the file', () => {
    const src = 'services:\n  web:\n    image: "nginx\n';
    expect(compose(src)).toBe('yaml: line 3: found unexpected end of stream');
    expect(kubectl(src)).toBe('yaml: line 4: found unexpected end of stream');
  });

  it("an unclosed [: compose names the line before the '[', kubectl the line before the next token", () => {
    const src = 'services:\n  web:\n    image: nginx\n    command: ["a", "b"\n    ports: []\n';
    expect(compose(src)).toBe("yaml: line 3: did not find expected ',' or ']'");
    expect(kubectl(src)).toBe("yaml: line 4: did not find expected ',' or ']'");
  });

  it('kubectl counts lines from the start of each --- document (apimachinery YAMLReader splits first)', () => {
    const src = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n labels: {}\n';
    expect(kubectl(src)).toBe('yaml: line 4: did not find expected key');
  });

  it('a line 0 is not printed at all', () => {
    expect(kubectl('a: b: c\n')).toBe('yaml: mapping values are not allowed in this context');
    expect(compose('a: b: c\n')).toBe('yaml: mapping values are not allowed in this context');
    // The end of the stream is on the next line (fetch_stream_end moves the mark to a new line), so this one has a line.
    expect(compose('a: [b\n')).toBe("yaml: line 1: did not find expected ',' or ']'");
  });
});
