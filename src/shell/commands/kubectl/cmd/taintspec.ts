/**
 * kubectl's parseTaint (staging/src/k8s.io/kubectl/pkg/cmd/taint/utils.go):
 * `key[=value]:effect`, or `key[:effect]` for removal; the key must be a
 * qualified name and the value a label value (apimachinery/pkg/util/validation).
 */
import type { Taint } from '../../../../sim/k8s/api/types.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME = new RegExp(`^${QNAME_FMT}$`);
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE_FMT = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** validation.RegexError: the message, examples (two spaces before each "or", as Go builds it) and the regex. */
const regexError = (msg: string, fmt: string, ...examples: string[]) => `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;

/** validation.IsQualifiedName: `[prefix/]name`. */
export function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name = parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (!prefix) errs.push('prefix part must be non-empty');
    else if (!DNS1123_SUBDOMAIN.test(prefix)) errs.push(`prefix part ${regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*', 'example.com')}`);
  } else if (parts.length > 2) {
    return [`a qualified name ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QNAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QNAME.test(name)) errs.push(`name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export type TaintSpec = { ok: true; taint: { key: string; value?: string; effect?: Taint['effect'] } } | { ok: false; error: string };

export function parseTaint(spec: string): TaintSpec {
  const parts = spec.split(':');
  let key: string;
  let value: string | undefined;
  let effect: string | undefined;
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) return { ok: false, error: `invalid taint effect: ${effect}, unsupported taint effect` };
    const kv = parts[0]!.split('=');
    if (kv.length > 2) return { ok: false, error: `invalid taint spec: ${spec}` };
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const bad = value.length > 63 ? ['must be no more than 63 characters'] : [];
      if (!LABEL_VALUE.test(value)) bad.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
      if (bad.length) return { ok: false, error: `invalid taint spec: ${spec}, ${bad.join('; ')}` };
    }
  } else return { ok: false, error: `invalid taint spec: ${spec}` };
  const errs = qualifiedNameErrors(key);
  if (errs.length) return { ok: false, error: `invalid taint spec: ${spec}, ${errs.join('; ')}` };
  return { ok: true, taint: { key, ...(value !== undefined ? { value } : {}), ...(effect ? { effect: effect as Taint['effect'] } : {}) } };
}
