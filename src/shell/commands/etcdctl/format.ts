/**
 * etcdctl's output building blocks, reproducing the Go libraries it prints
 * with: encoding/json (omitempty fields, []byte as base64, uint64 IDs as
 * decimal), olekukonko/tablewriter and dustin/go-humanize.
 */
import type { KeyValue, ResponseHeader } from '../../../sim/k8s/etcd/types.ts';

/** Already-encoded JSON, spliced in as is. */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export type JsonValue = RawJson | string | number | boolean | undefined | JsonValue[];

function encode(v: JsonValue): string {
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(encode).join(',')}]`;
  return JSON.stringify(v);
}

/** A Go struct marshalled with every field `omitempty`: zero values vanish, field order is kept. */
export function goObject(fields: [string, JsonValue][], omitEmpty = true): RawJson {
  const parts: string[] = [];
  for (const [name, v] of fields) {
    if (omitEmpty && (v === undefined || v === 0 || v === '' || v === false || (Array.isArray(v) && v.length === 0))) continue;
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(name)}:${encode(v)}`);
  }
  return new RawJson(`{${parts.join(',')}}`);
}

/** A 16-hex etcd ID as the uint64 encoding/json prints. */
export function uint64(hex: string): RawJson | undefined {
  const n = BigInt('0x' + (hex || '0'));
  return n === 0n ? undefined : new RawJson(n.toString());
}

/** Go marshals []byte as standard base64 of the bytes (UTF-8 here). */
export function base64(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function jsonHeader(h: ResponseHeader, withRevision = true): RawJson {
  return goObject([
    ['cluster_id', uint64(h.clusterId)],
    ['member_id', uint64(h.memberId)],
    ['revision', withRevision ? h.revision : 0],
    ['raft_term', h.raftTerm],
  ]);
}

export function jsonKv(kv: KeyValue): RawJson {
  return goObject([
    ['key', base64(kv.key)],
    ['create_revision', kv.createRevision],
    ['mod_revision', kv.modRevision],
    ['version', kv.version],
    ['value', kv.value === '' ? undefined : base64(kv.value)],
    // int64 in JSON: the hex ID as a decimal number, exactly.
    ['lease', kv.lease ? uint64(kv.lease) : undefined],
  ]);
}

/** Go's strconv rounding: to nearest, ties to even (JavaScript's toFixed rounds ties up). */
function fixed(x: number, digits: number): string {
  const scale = 10 ** digits;
  const scaled = x * scale;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  const n = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  return (n / scale).toFixed(digits);
}

/** humanize.Bytes: SI units, one decimal below 10 ("1.2 MB", "20 kB", "512 B"). */
export function humanBytes(n: number): string {
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  if (n < 10) return `${n} B`;
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const suffix = sizes[e]!;
  const val = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return `${fixed(val, val < 10 ? 1 : 0)} ${suffix}`;
}

/** time.Duration.String() of nanoseconds: "1.75698ms", "812µs", "2.5s". */
export { formatDurationNs as goDuration } from '../../../sim/duration.ts';

/**
 * tablewriter as etcdctl sets it up: upper-case headers centred (extra space
 * on the right), cells right-aligned, a border under the header and at the end.
 */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+\n';
  const head =
    '|' +
    header
      .map((h, i) => {
        const gap = widths[i]! - h.length;
        const left = Math.floor(gap / 2);
        return ' ' + ' '.repeat(left) + h.toUpperCase() + ' '.repeat(gap - left) + ' ';
      })
      .join('|') +
    '|\n';
  const body = rows.map((r) => '|' + r.map((c, i) => ' ' + c.padStart(widths[i]!) + ' ').join('|') + '|\n').join('');
  return line + head + line + body + line;
}
