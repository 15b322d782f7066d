// Permalinks: `#v1.` + base64url(deflate(JSON)). The whole program lives in the fragment,
// so nothing is sent to a server. Decoders for every version stay in `decoders` so links
// made by older releases keep opening; a link from a newer release is refused clearly.
// Links are untrusted input: sizes are capped before and during inflation, and the JSON
// is validated field by field. A link's settings are only suggestions (link-settings.ts):
// decoding keeps just the valid fields it carries, and opening a link never applies them.

import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import type { LinkSettings } from './link-settings.ts';
import { readSettings } from './settings.ts';
import { parseWork, type Work } from './workspace.ts';

export interface PermalinkPayload extends Work {
  /** Suggested settings (`settings` in the JSON; old links carry the full object). */
  settings?: LinkSettings;
  /** Heal trace (a later release); passed through unchanged when present. */
  heals?: unknown[];
}

export type DecodeFailureReason = 'empty' | 'unknown-version' | 'malformed' | 'too-large';

export type DecodeResult = { ok: true; payload: PermalinkPayload } | { ok: false; reason: DecodeFailureReason; message: string };

export const PERMALINK_VERSION = 1;
/** Browsers and chat apps start mangling URLs around here; the UI warns above it. */
export const LONG_LINK_CHARS = 2000;
/** Longest fragment body accepted (characters of base64url). */
export const MAX_ENCODED_CHARS = 200_000;
/** Largest inflated JSON accepted (bytes). */
export const MAX_JSON_BYTES = 2_000_000;

const UNTOUCHED = 'Your current work is untouched.';

export function encodePermalink(payload: PermalinkPayload): string {
  // Only known fields: an object with extra UI state must not leak it into links.
  const { code, stdin, expectedOutput, settings, heals } = payload;
  const json = JSON.stringify({ code, stdin, expectedOutput, settings, heals }); // undefined fields are left out
  return `#v${PERMALINK_VERSION}.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

/** `currentUrl` with its fragment replaced by the permalink. */
export function permalinkUrl(currentUrl: string, payload: PermalinkPayload): string {
  return currentUrl.split('#')[0] + encodePermalink(payload);
}

export function isLongLink(url: string): boolean {
  return url.length > LONG_LINK_CHARS;
}

/** Accepts `location.hash` (with or without the leading `#`). Never throws. */
export function decodePermalink(hash: string): DecodeResult {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment === '') return fail('empty', 'No program in the link.');
  const head = /^v(\d{1,9})\./.exec(fragment.slice(0, 16));
  if (!head) return malformed();
  const version = Number(head[1]);
  const decoder = decoders[version];
  if (!decoder) {
    return fail(
      'unknown-version',
      version > PERMALINK_VERSION
        ? `This link was made by a newer version of Heal Playground (v${version}); it cannot be opened here. ${UNTOUCHED}`
        : `This link uses an unknown format (v${version}); it cannot be opened. ${UNTOUCHED}`,
    );
  }
  const body = fragment.slice(head[0].length);
  if (body.length > MAX_ENCODED_CHARS) return tooLarge();
  try {
    return decoder(body);
  } catch {
    return malformed(); // belt and braces: a decoder bug must not break page load
  }
}

type Decoder = (body: string) => DecodeResult;

const decoders: Record<number, Decoder> = {
  1: (body) => {
    const bytes = fromBase64Url(body);
    if (!bytes || bytes.length === 0) return malformed();
    const json = inflateLimited(bytes, MAX_JSON_BYTES);
    if (json === 'too-large') return tooLarge();
    if (json === null) return malformed();
    let value: unknown;
    try {
      value = JSON.parse(strFromU8(json));
    } catch {
      return malformed();
    }
    const work = parseWork(value);
    if (!work) return malformed();
    const { settings, heals } = value as { settings?: unknown; heals?: unknown };
    if (heals !== undefined && !Array.isArray(heals)) return malformed();
    const payload: PermalinkPayload = { ...work, settings: readSettings(settings) };
    if (heals !== undefined) payload.heals = heals;
    return { ok: true, payload };
  },
};

function fail(reason: DecodeFailureReason, message: string): DecodeResult {
  return { ok: false, reason, message };
}

function malformed(): DecodeResult {
  return fail('malformed', `This link is damaged or incomplete, so it cannot be opened; check that the whole link was copied. ${UNTOUCHED}`);
}

function tooLarge(): DecodeResult {
  return fail('too-large', `This link holds more data than Heal Playground accepts (over ${MAX_JSON_BYTES / 1e6} MB), so it was not opened. ${UNTOUCHED}`);
}

/**
 * Inflates in small input steps and stops as soon as the output passes `limit`: deflate
 * expands at most ~1032:1, so a 1 KiB step yields at most ~1 MiB before the check, and a
 * decompression bomb costs a few MB and milliseconds instead of gigabytes.
 * Returns null for a corrupt or truncated stream.
 */
function inflateLimited(data: Uint8Array, limit: number): Uint8Array | 'too-large' | null {
  const STEP = 1024;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total <= limit) chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let i = 0; i < data.length && total <= limit; i += STEP) {
      inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    }
  } catch {
    return null;
  }
  if (total > limit) return 'too-large';
  if (!done) return null;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict: only the base64url alphabet, no padding; null otherwise. */
function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
