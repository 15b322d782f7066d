// Whether the page's Content Security Policy lets it fetch a URL (connect-src): a package index
// chosen in Settings must be one the build allows (HEAL_PACKAGE_BASE_URL) or a local server;
// saying so up front beats a refused fetch at Run. CSP source expressions as browsers match
// them: 'self', scheme://host[:port][/path], a leading "*." in the host, ":*" for any port, a
// path ending in "/" for everything under it.

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function sourceAllows(source: string, url: URL, pageOrigin: string): boolean {
  if (source === "'self'") return url.origin === pageOrigin;
  const match = /^(https?):\/\/(\*\.)?([^/:]+)(?::(\d+|\*))?(\/.*)?$/.exec(source);
  if (!match) return false;
  const [, scheme, wildcard, host, port, path] = match;
  // http: also allows https: (a secure upgrade), never the reverse.
  if (url.protocol !== `${scheme}:` && !(scheme === 'http' && url.protocol === 'https:')) return false;
  const hostname = url.hostname.toLowerCase();
  if (wildcard ? !hostname.endsWith(`.${host!.toLowerCase()}`) : hostname !== host!.toLowerCase()) return false;
  const urlPort = url.port || DEFAULT_PORTS[url.protocol]!;
  if (port !== '*' && urlPort !== (port ?? DEFAULT_PORTS[`${scheme}:`])) return false;
  if (!path || path === '/') return true;
  return path.endsWith('/') ? url.pathname.startsWith(path) : url.pathname === path;
}

/** Whether `connect-src <sources>` allows fetching `url` from a page at `pageOrigin`. */
export function connectAllowed(url: string, sources: readonly string[], pageOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return sources.some((source) => sourceAllows(source, parsed, pageOrigin));
}
