import { describe, expect, it } from 'vitest';
import { out, session } from './testing.ts';

describe('kubectl explain', () => {
  it.each([
    ['a kind', 'kubectl explain pod', /^KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    .+\n    \nFIELDS:\n  apiVersion\t<string>\n/],
    ['a grouped kind', 'kubectl explain deploy', /^GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n/],
    ['a field path', 'kubectl explain pod.spec.containers', /^KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <\[\]Object>\n\nDESCRIPTION:\n[\s\S]*\n  image\t<string>\n/],
    ['a leaf', 'kubectl explain pod.spec.containers.image', /FIELD: image <string>\n\nDESCRIPTION:\n    Container image name.\n$/],
  ])('%s', (_, line, want) => expect(out(session(), line)).toMatch(want));
  it.each([
    ['an unknown field', 'kubectl explain pod.spec.nope', 'error: field "nope" does not exist\n'],
    ['an unknown type', 'kubectl explain podz', 'error: the server doesn\'t have a resource type "podz"\n'],
  ])('%s', (_, line, want) => expect(out(session(), line)).toBe(want));
});
