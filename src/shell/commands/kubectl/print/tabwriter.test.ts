import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite } from './tabwriter.ts';

describe('tabwrite (Go text/tabwriter)', () => {
  it.each([
    ['pads every column but the last by the widest cell plus padding', 'NAME\tAGE\nweb-1\t5s\n', GET_TABWRITER, 'NAME    AGE\nweb-1   5s\n'],
    ['keeps columns at least minwidth wide', 'A\tB\nx\ty\n', GET_TABWRITER, 'A     B\nx     y\n'],
    ['ends a column block at a line without that column', 'Name:\tweb\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/web\n', DESCRIBE_TABWRITER, 'Name:  web\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/web\n'],
    ['aligns an empty first cell with its block', 'Labels:\tapp=web\n\ttier=fe\nAnnotations:\t<none>\n', DESCRIBE_TABWRITER, 'Labels:       app=web\n              tier=fe\nAnnotations:  <none>\n'],
    ['counts runes, not bytes', 'é\tx\nab\ty\n', DESCRIBE_TABWRITER, 'é   x\nab  y\n'],
  ])('%s', (_, input, opts, want) => expect(tabwrite(input, opts)).toBe(want));
});
