// Headers the service worker adds to every same-origin response it serves, so a static
// host that sends none (GitHub Pages and co) still gets the policy vite preview sends:
// - COOP/COEP/CORP: cross-origin isolation (SharedArrayBuffer, interrupt Stop);
// - the CSP as a header on documents, where it can carry frame-ancestors (a <meta>
//   cannot: without it the page can be framed and a clickjacked Run runs a program);
// - the CSP on worker scripts: a dedicated worker's policy comes from its script's
//   response headers, and a <meta> in the page does not reach it;
// - nosniff: a response is used only as the type it is served as.
// The policy itself is contentSecurityPolicy() (web/offline/csp.ts), baked into sw.js at build.

/** What a request loads, as far as policy headers are concerned. */
export type ServedKind = 'document' | 'worker' | 'other';

export function servedKind(request: { mode: string; destination: string }): ServedKind {
  if (request.mode === 'navigate' || request.destination === 'document' || request.destination === 'iframe' || request.destination === 'frame')
    return 'document';
  if (request.destination === 'worker' || request.destination === 'sharedworker') return 'worker';
  return 'other';
}

export function policyHeaders(kind: ServedKind, csp: string): [string, string][] {
  const headers: [string, string][] = [
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Embedder-Policy', 'require-corp'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['X-Content-Type-Options', 'nosniff'],
  ];
  if (kind !== 'other') headers.push(['Content-Security-Policy', csp]);
  return headers;
}

/** The same response with the policy headers set (a fetched Response's headers are immutable). */
export function withPolicy(response: Response, kind: ServedKind, csp: string): Response {
  // Opaque and error responses carry no headers to set (and must pass through unchanged).
  if (response.status === 0 || response.type === 'opaque' || response.type === 'opaqueredirect' || response.type === 'error') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of policyHeaders(kind, csp)) {
    // A policy the host sent stays in force beside ours (several CSPs are all enforced).
    const sent = name === 'Content-Security-Policy' ? headers.get(name) : null;
    if (sent && sent !== value) headers.append(name, value);
    else headers.set(name, value);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
