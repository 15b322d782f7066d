import { defaultSettings } from './settings.ts';
import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import {
  LONG_LINK_CHARS,
  MAX_ENCODED_CHARS,
  MAX_JSON_BYTES,
  decodePermalink,
  encodePermalink,
  isLongLink,
  permalinkUrl,
  type DecodeResult,
  type PermalinkPayload,
} from './permalink.ts';

const payload: PermalinkPayload = {
  code: 'print("héllo ✓")\nname = input()\n',
  stdin: 'Ada\n',
  expectedOutput: 'héllo ✓\n',
  settings: { ...defaultSettings, timeLimitMs: 5000, theme: 'dark' },
};

/** A v1 link as the first release wrote it: must keep decoding in every later release. */
const V1_FIXTURE =
  '#v1.q1ZKzk9JVbJSKijKzCvRiFHKOLwyJydf4dGcyTFKmjF5eYm5qQq2Cpl5BaUlGkC-ko5ScUlKZh5Qh2NKIpifWlGQmlySmuJfWgJUBJRAMgKsPrWkJDMvvVjJqlqpJDM31SczN7PEF8g1NTAw0FEqyUjNBTkgJbEoW6m2FgA';

/** Builds a v1 link around arbitrary bytes, bypassing encodePermalink's validation. */
function rawLink(bytes: Uint8Array): string {
  return `#v1.${Buffer.from(bytes).toString('base64url')}`;
}

function jsonLink(value: unknown): string {
  return rawLink(deflateSync(strToU8(JSON.stringify(value))));
}

function failure(result: DecodeResult) {
  if (result.ok) throw new Error('expected a failure');
  return result;
}

describe('encodePermalink / decodePermalink', () => {
  it('round-trips a payload, unicode included', () => {
    const hash = encodePermalink(payload);
    expect(hash).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
    expect(decodePermalink(hash)).toEqual({ ok: true, payload });
  });

  it('decodes links made by the first release (their settings: the fields that release had)', () => {
    expect(decodePermalink(V1_FIXTURE)).toEqual({ ok: true, payload: { ...payload, settings: { timeLimitMs: 5000, theme: 'dark' } } });
  });

  it('accepts the hash with or without #', () => {
    expect(decodePermalink(encodePermalink(payload).slice(1))).toEqual({ ok: true, payload });
  });

  it('passes a heal trace through', () => {
    const withHeals = { ...payload, heals: [{ line: 3, action: 'skip' }] };
    expect(decodePermalink(encodePermalink(withHeals))).toEqual({ ok: true, payload: withHeals });
  });

  it('does not leak fields outside the payload type', () => {
    const sneaky = { ...payload, secret: 'token' } as PermalinkPayload;
    const decoded = decodePermalink(encodePermalink(sneaky));
    expect(decoded.ok && decoded.payload).not.toHaveProperty('secret');
  });

  it('compresses repetitive code', () => {
    const code = 'for i in range(10):\n    print(i)\n'.repeat(200);
    expect(encodePermalink({ ...payload, code }).length).toBeLessThan(code.length / 10);
  });

  it('fills missing optional fields; keeps only the valid settings the link carries (suggestions, not defaults)', () => {
    const result = decodePermalink(jsonLink({ code: 'x = 1', settings: { timeLimitMs: -1, theme: 'neon', autoAccept: 'yes' } }));
    expect(result).toEqual({ ok: true, payload: { code: 'x = 1', stdin: '', expectedOutput: null, settings: { timeLimitMs: 0 } } });
    expect(decodePermalink(jsonLink({ code: 'x' }))).toEqual({ ok: true, payload: { code: 'x', stdin: '', expectedOutput: null, settings: {} } });
  });

  it('writes only the settings it is given (Share gives the suggested ones, see link-settings.ts)', () => {
    const hash = encodePermalink({ code: 'x', stdin: '', expectedOutput: null, settings: { timeLimitMs: 5000 } });
    expect(decodePermalink(hash)).toEqual({ ok: true, payload: { code: 'x', stdin: '', expectedOutput: null, settings: { timeLimitMs: 5000 } } });
  });
});

describe('decodePermalink failures', () => {
  it('treats an empty fragment as empty, not an error', () => {
    expect(failure(decodePermalink('')).reason).toBe('empty');
    expect(failure(decodePermalink('#')).reason).toBe('empty');
  });

  it('refuses links from a newer version with a clear message', () => {
    const result = failure(decodePermalink('#v7.abcd'));
    expect(result.reason).toBe('unknown-version');
    expect(result.message).toBe('This link was made by a newer version of Heal Playground (v7); it cannot be opened here. Your current work is untouched.');
    expect(failure(decodePermalink('#v0.abcd'))).toMatchObject({ reason: 'unknown-version', message: expect.stringContaining('v0') });
  });

  it.each([
    ['not a permalink', '#section-2'],
    ['no body', '#v1.'],
    ['characters outside base64url', '#v1.abc+/=='],
    ['impossible base64 length', '#v1.abcde'],
    ['not deflate data', `#v1.${Buffer.from('hello world, not deflated').toString('base64url')}`],
  ])('reports %s as malformed', (_, hash) => {
    const result = failure(decodePermalink(hash));
    expect(result.reason).toBe('malformed');
    expect(result.message).toMatch(/cannot be opened.*untouched/);
  });

  it('reports a truncated link as malformed', () => {
    const hash = encodePermalink({ ...payload, code: 'print(1)\n'.repeat(50) + 'x'.repeat(500) });
    expect(failure(decodePermalink(hash.slice(0, hash.length - 12))).reason).toBe('malformed');
  });

  it.each([
    ['invalid JSON', rawLink(deflateSync(strToU8('{"code": ')))],
    ['a JSON array', jsonLink(['print(1)'])],
    ['code that is not a string', jsonLink({ code: 42 })],
    ['stdin that is not a string', jsonLink({ code: '', stdin: ['a'] })],
    ['heals that are not a list', jsonLink({ code: '', heals: 'lots' })],
  ])('reports %s as malformed', (_, hash) => {
    expect(failure(decodePermalink(hash)).reason).toBe('malformed');
  });

  it('rejects an oversized fragment before decoding it', () => {
    expect(failure(decodePermalink(`#v1.${'A'.repeat(MAX_ENCODED_CHARS + 1)}`)).reason).toBe('too-large');
  });

  it('accepts inflated JSON just under the limit', () => {
    const code = 'a'.repeat(MAX_JSON_BYTES - 100);
    const result = decodePermalink(jsonLink({ code }));
    expect(result.ok && result.payload.code.length).toBe(code.length);
  });

  it('rejects JSON that inflates past the limit', () => {
    expect(failure(decodePermalink(jsonLink({ code: 'a'.repeat(MAX_JSON_BYTES + 1) }))).reason).toBe('too-large');
  });

  it('stops a decompression bomb early', () => {
    const bomb = rawLink(deflateSync(new Uint8Array(20_000_000), { level: 9 })); // ~20 KB → 20 MB
    expect(bomb.length).toBeLessThan(MAX_ENCODED_CHARS);
    const started = performance.now();
    expect(failure(decodePermalink(bomb)).reason).toBe('too-large');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('links', () => {
  it('replaces the fragment of the current URL', () => {
    const url = permalinkUrl('http://127.0.0.1:5173/?snapshot=0#v1.old', payload);
    expect(url).toBe(`http://127.0.0.1:5173/?snapshot=0${encodePermalink(payload)}`);
  });

  it('flags links longer than LONG_LINK_CHARS', () => {
    expect(LONG_LINK_CHARS).toBe(2000);
    expect(isLongLink('x'.repeat(2000))).toBe(false);
    expect(isLongLink('x'.repeat(2001))).toBe(true);
  });
});
