// The page's Content Security Policy: one definition, served as a header by vite
// dev/preview (vite.config.ts) and injected as a <meta> into index.html at build
// time for static hosts that cannot set headers.

import { FRAME_BOOTSTRAP_SHA256 } from '../../workers/executor/frame-bootstrap.ts';
import { DEFAULT_PACKAGE_HOSTS, packageConnectSources, type PackageHosts } from './package-hosts.ts';

/** Where WebLLM downloads model weights and wasm libraries from. */
export const MODEL_HOSTS = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co', 'https://raw.githubusercontent.com'];

export interface CspOptions {
  /** Extra connect-src sources (e.g. a user's local OpenAI-compatible endpoint). */
  connect?: readonly string[];
  /** For a <meta>: directives a meta cannot carry (frame-ancestors) are left out. */
  meta?: boolean;
  /** The package hosts of this build (default: Pyodide's CDN for our version, PyPI). */
  packages?: PackageHosts;
}

export function cspDirectives(options: CspOptions = {}): [string, string[]][] {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    // No inline script but the executor's sandbox-frame bootstrap (by its hash; the frame's
    // srcdoc inherits this policy), no eval; Pyodide and WebLLM compile WebAssembly.
    ['script-src', ["'self'", "'wasm-unsafe-eval'", `'sha256-${FRAME_BOOTSTRAP_SHA256}'`]],
    ['worker-src', ["'self'", 'blob:']],
    // 'self' covers same-origin fetches (Pyodide files) and the dev server's websocket.
    // The local endpoint engine talks to http://localhost / 127.0.0.1 servers (Ollama, llama.cpp).
    // Packages: exactly the build's index and PyPI paths (web/offline/package-hosts.ts).
    [
      'connect-src',
      [
        "'self'",
        ...MODEL_HOSTS,
        ...packageConnectSources(options.packages ?? DEFAULT_PACKAGE_HOSTS),
        'http://localhost:*',
        'http://127.0.0.1:*',
        ...(options.connect ?? []),
      ],
    ],
    // Monaco sets inline style attributes and creates <style> elements.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
  ];
  if (!options.meta) directives.push(['frame-ancestors', ["'self'"]]);
  return directives;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  return cspDirectives(options)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The <meta> tag for index.html. */
export function cspMetaTag(options: CspOptions = {}): string {
  const value = contentSecurityPolicy({ ...options, meta: true })
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;');
  return `<meta http-equiv="Content-Security-Policy" content="${value}" />`;
}
