import { describe, expect, it } from 'vitest';
import { connectAllowed } from './connect.ts';

const sources = [
  "'self'",
  'https://*.hf.co',
  'https://cdn.jsdelivr.net/pyodide/v314.0.7/full/',
  'http://127.0.0.1:*',
  'http://localhost:*',
  'https://pypi.org/pypi/',
];
const page = 'https://heal.example';

describe('connectAllowed', () => {
  it('allows the exact index path, the page itself and local servers', () => {
    expect(connectAllowed('https://cdn.jsdelivr.net/pyodide/v314.0.7/full/numpy-2.4.6.whl', sources, page)).toBe(true);
    expect(connectAllowed('https://heal.example/pyodide/x', sources, page)).toBe(true);
    expect(connectAllowed('http://127.0.0.1:8123/index/', sources, page)).toBe(true);
    expect(connectAllowed('http://localhost/index/', sources, page)).toBe(true);
    expect(connectAllowed('https://xet.hf.co/file', sources, page)).toBe(true);
  });

  it('refuses another version, path or host', () => {
    expect(connectAllowed('https://cdn.jsdelivr.net/pyodide/v0.27.0/full/', sources, page)).toBe(false);
    expect(connectAllowed('https://cdn.jsdelivr.net/npm/evil', sources, page)).toBe(false);
    expect(connectAllowed('https://mirror.example/pyodide/', sources, page)).toBe(false);
    expect(connectAllowed('https://hf.co/', sources, page)).toBe(false); // *.hf.co is subdomains only
    expect(connectAllowed('http://pypi.org/pypi/x/json', sources, page)).toBe(false); // https source, http URL
    expect(connectAllowed('not a url', sources, page)).toBe(false);
  });
});
