import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp.ts';
import { policyHeaders, servedKind, withPolicy } from './sw-headers.ts';

const csp = contentSecurityPolicy();

describe('servedKind', () => {
  it('documents (navigations, frames), worker scripts, and everything else', () => {
    expect(servedKind({ mode: 'navigate', destination: 'document' })).toBe('document');
    expect(servedKind({ mode: 'navigate', destination: 'iframe' })).toBe('document');
    expect(servedKind({ mode: 'same-origin', destination: 'worker' })).toBe('worker');
    expect(servedKind({ mode: 'same-origin', destination: 'sharedworker' })).toBe('worker');
    for (const destination of ['script', 'style', 'font', '', 'image']) expect(servedKind({ mode: 'cors', destination })).toBe('other');
  });
});

describe('policyHeaders', () => {
  it('documents and worker scripts get the CSP with frame-ancestors; every response the isolation headers and nosniff', () => {
    for (const kind of ['document', 'worker'] as const) {
      const headers = new Map(policyHeaders(kind, csp));
      expect(headers.get('Content-Security-Policy')).toBe(csp);
      expect(headers.get('Content-Security-Policy')).toContain("frame-ancestors 'self'");
    }
    const other = new Map(policyHeaders('other', csp));
    expect(other.has('Content-Security-Policy')).toBe(false);
    for (const kind of ['document', 'worker', 'other'] as const) {
      const headers = new Map(policyHeaders(kind, csp));
      expect(headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
      expect(headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
      expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
  });
});

describe('withPolicy', () => {
  it("keeps status, body and the host's headers, adds the policy", async () => {
    const original = new Response('<!doctype html>', {
      status: 200,
      statusText: 'OK',
      headers: { 'Content-Type': 'text/html', 'Cache-Control': 'max-age=60' },
    });
    const served = withPolicy(original, 'document', csp);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('<!doctype html>');
    expect(served.headers.get('Content-Type')).toBe('text/html');
    expect(served.headers.get('Cache-Control')).toBe('max-age=60');
    expect(served.headers.get('Content-Security-Policy')).toBe(csp);
    expect(served.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
  });

  it("a policy the host sends stays in force beside the worker's (never replaced by it)", () => {
    const strict = "default-src 'none'";
    expect(withPolicy(new Response('', { headers: { 'Content-Security-Policy': strict } }), 'document', csp).headers.get('Content-Security-Policy')).toBe(
      `${strict}, ${csp}`,
    );
    expect(withPolicy(new Response('', { headers: { 'Content-Security-Policy': csp } }), 'document', csp).headers.get('Content-Security-Policy')).toBe(csp);
  });

  it('passes error and opaque responses through untouched', () => {
    const error = Response.error();
    expect(withPolicy(error, 'document', csp)).toBe(error);
  });
});
