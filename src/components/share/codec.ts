import { z } from 'zod/mini';
import type { SessionLog } from '../../shell/recorder.ts';

/**
 * Share links for the playground: the session's log (seed, and every command
 * and editor save with its virtual time) as JSON, deflate-raw compressed
 * (the browser's CompressionStream, no library), base64url in the URL's
 * fragment, so it never reaches a server. Opening a link replays the log, and
 * the deterministic core arrives at the same state.
 *
 * A link is untrusted input: it is size-limited before and after
 * decompression, and must match the schema exactly (no unknown fields, no
 * control characters that would reach the terminal, times in order), or
 * nothing from it is loaded.
 */

// Schemas compile without `new Function`, so a CSP without 'unsafe-eval' holds.
z.config({ jitless: true });

/** Longest fragment a link may carry (characters of base64url). */
export const MAX_LINK_CHARS = 24_000;
/** Most bytes a link may inflate to: stops a deflate bomb early. */
export const MAX_JSON_BYTES = 256 * 1024;
export const MAX_SHARED_ENTRIES = 500;
/** Files a link may carry, and the size of each (editor saves). */
const MAX_FILE_CHARS = 64 * 1024;
/** A shared session spans at most a virtual day, so replaying it stays quick. */
const MAX_SPAN_MS = 24 * 3600_000;

// No C0 controls except tab (and newline inside files): escape sequences must not reach xterm from a link.
const noControls = (newlines: boolean) => z.refine<string>((s) => !(newlines ? /[\u0000-\u0008\u000b-\u001f\u007f]/ : /[\u0000-\u0008\u000a-\u001f\u007f]/).test(s), 'contains control characters');

const entry = z.strictObject({
  t: z.number().check(z.int(), z.minimum(0), z.maximum(MAX_SPAN_MS)),
  line: z.optional(z.string().check(z.maxLength(4096), noControls(false))),
  interrupt: z.optional(z.literal(true)),
  eof: z.optional(z.literal(true)),
  write: z.optional(
    z.strictObject({
      path: z.string().check(z.regex(/^\/home\/learner\/[^\u0000-\u001f]{1,200}$/), z.refine((p) => !p.split('/').includes('..'), 'path leaves the home directory')),
      text: z.string().check(z.maxLength(MAX_FILE_CHARS), noControls(true)),
    }),
  ),
});

export const sharedLogSchema = z
  .strictObject({
    // Version 2 (recorder.ts) only added the writing tab, which a link does not carry.
    v: z.union([z.literal(1), z.literal(2)]),
    seed: z.number().check(z.int(), z.minimum(0), z.maximum(2 ** 31 - 1)),
    entries: z.array(entry).check(z.maxLength(MAX_SHARED_ENTRIES)),
  })
  .check(
    z.refine((log) => log.entries.every((e) => [e.line !== undefined, e.interrupt !== undefined, e.eof !== undefined, e.write !== undefined].filter(Boolean).length === 1), 'each entry is exactly one of a line, an interrupt, an end of input or a file'),
    z.refine((log) => log.entries.every((e, i) => i === 0 || e.t >= log.entries[i - 1]!.t), 'entries are out of time order'),
  );

export type ShareError = { code: 'too-long' | 'encoding' | 'compression' | 'json' | 'schema'; message: string };
export type Decoded = { ok: true; log: SessionLog } | { ok: false; error: ShareError };

function toBase64url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates at most limit bytes; undefined when the data is corrupt or inflates beyond the limit. */
async function inflate(bytes: Uint8Array, limit: number): Promise<string | undefined> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    return undefined;
  }
}

/** The fragment payload for a log, or an error when the session is too big to share. */
export async function encodeShare(log: SessionLog): Promise<{ ok: true; data: string } | { ok: false; error: ShareError }> {
  const checked = sharedLogSchema.safeParse(log);
  if (!checked.success) return { ok: false, error: { code: 'schema', message: describe(checked.error) } };
  const data = toBase64url(await deflate(JSON.stringify(log)));
  if (data.length > MAX_LINK_CHARS) return { ok: false, error: { code: 'too-long', message: `the session is too big to share (${data.length} characters; the limit is ${MAX_LINK_CHARS})` } };
  return { ok: true, data };
}

export async function decodeShare(data: string): Promise<Decoded> {
  if (data.length > MAX_LINK_CHARS) return { ok: false, error: { code: 'too-long', message: `the link is too long (${data.length} characters; the limit is ${MAX_LINK_CHARS})` } };
  const bytes = fromBase64url(data);
  if (!bytes) return { ok: false, error: { code: 'encoding', message: 'the link is not valid base64url' } };
  const json = await inflate(bytes, MAX_JSON_BYTES);
  if (json === undefined) return { ok: false, error: { code: 'compression', message: 'the link data is damaged (it does not decompress)' } };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: { code: 'json', message: 'the link data is damaged (not JSON)' } };
  }
  const r = sharedLogSchema.safeParse(value);
  if (!r.success) return { ok: false, error: { code: 'schema', message: describe(r.error) } };
  return { ok: true, log: r.data as SessionLog };
}

function describe(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the link does not describe a session';
  const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
  return `the link does not describe a session${where}: ${issue.message}`;
}
