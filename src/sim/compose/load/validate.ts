import type { z } from 'zod';
import { simError, type SimError } from '../../errors.ts';
import { dotted } from './interpolate.ts';
import { composeSchema } from './schema.ts';
import { locate, type ParsedFile, type Path } from './yaml.ts';

type Issue = z.core.$ZodIssue;

/** Validates one file's (interpolated) value; messages read like compose-go's. */
export function validateFile(parsed: ParsedFile, value: unknown): SimError[] {
  const r = composeSchema.safeParse(value, { reportInput: true });
  if (r.success) return [];
  const seen = new Set<string>();
  const out: SimError[] = [];
  for (const { path, message, at, atKey } of describe(r.error.issues as Issue[], [])) {
    const text = `validating ${parsed.file}: ${dotted(path)} ${message}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(simError('SCHEMA', text, { file: parsed.file, pos: locate(parsed, at ?? path, atKey) }));
  }
  // Read top to bottom, like the file.
  return out.sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.col ?? 0) - (b.pos?.col ?? 0));
}

interface Described {
  path: Path;
  message: string;
  /** Where to point; defaults to path. */
  at?: Path;
  atKey: boolean;
}

function describe(issues: Issue[], base: Path): Described[] {
  const out: Described[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    switch (issue.code) {
      case 'unrecognized_keys':
        // The message names the object; the position points at the first bad key.
        out.push({ path, message: `additional properties ${issue.keys.map((k) => `'${k}'`).join(', ')} not allowed`, at: [...path, issue.keys[0]!], atKey: true });
        break;
      case 'invalid_key':
        // A name outside the spec's pattern: compose-go reports it against the parent, like an unknown key.
        out.push({ path: path.slice(0, -1), message: `additional properties '${String(path[path.length - 1])}' not allowed`, at: path, atKey: true });
        break;
      case 'invalid_type':
        out.push({ path, message: `must be a ${issue.expected}`, atKey: false });
        break;
      case 'invalid_value':
        out.push({ path, message: `must be one of ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`, atKey: false });
        break;
      case 'invalid_union':
        out.push(...describeUnion(issue.errors as Issue[][], path));
        break;
      case 'custom':
        out.push({ path, message: `'${String(issue.input)}' is not valid '${String(issue.params?.format ?? 'value')}'`, atKey: false });
        break;
      default:
        out.push({ path, message: issue.message, atKey: false });
    }
  }
  return out;
}

/**
 * A value that matches no branch: when every branch failed on the type itself,
 * say which types fit; otherwise report the branch that got furthest, the way
 * compose-go reports the most specific error.
 */
function describeUnion(branches: Issue[][], path: Path): Described[] {
  const typeOnly = branches.every((b) => b.length === 1 && b[0]!.code === 'invalid_type' && b[0]!.path.length === 0);
  if (typeOnly) {
    const types = [...new Set(branches.map((b) => (b[0] as { expected: string }).expected))].filter((t) => t !== 'null');
    return [{ path, message: `must be a ${types.join(' or ')}`, atKey: false }];
  }
  const depth = (b: Issue[]) => Math.max(...b.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 1)));
  const best = branches.filter((b) => !(b.length === 1 && b[0]!.code === 'invalid_type' && b[0]!.path.length === 0)).sort((a, b) => depth(b) - depth(a))[0]!;
  return describe(best, path);
}
